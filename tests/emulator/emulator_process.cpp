// SPDX-License-Identifier: Apache-2.0
//
// Starting, watching and stopping influxctl-emulator for tests (see
// emulator_process.hpp). The emulator's stderr is drained by a thread into a
// buffer, so a --verbose emulator never blocks on a full pipe, and the buffer
// is what a failed start reports.

#include "emulator/emulator_process.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace influxctl::testing {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::string MakeTempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "influxctl-emulator-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary folder for the emulator");
  }
  return pattern;
}

std::vector<std::string> Arguments(const EmulatorOptions& options, const std::string& ready) {
  std::vector<std::string> args{"--ready-file", ready, "--product", options.product};
  if (!options.account_id.empty()) {
    args.insert(args.end(), {"--account-id", options.account_id});
  }
  for (const std::string& token : options.accept_tokens) {
    args.insert(args.end(), {"--accept-token", token});
  }
  if (!options.tls_cert.empty()) {
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  }
  if (!options.tls_client_ca.empty()) {
    args.insert(args.end(), {"--tls-client-ca", options.tls_client_ca});
  }
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  return args;
}

}  // namespace

struct EmulatorProcess::Running {
  Poco::ProcessHandle handle;
  Poco::Pipe err_pipe;
  std::thread err_reader;
  mutable std::mutex err_mutex;
  std::string err_text;
  std::string temp_dir;
  std::optional<int> exit_code;

  explicit Running(Poco::ProcessHandle process, Poco::Pipe pipe, std::string dir)
      : handle(process), err_pipe(pipe), temp_dir(std::move(dir)) {
    err_reader = std::thread([this] {
      Poco::PipeInputStream in(err_pipe);
      char buffer[4096];
      while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        std::lock_guard lock(err_mutex);
        err_text.append(buffer, static_cast<std::size_t>(in.gcount()));
      }
    });
  }

  // The exit code once the process has ended; nothing while it runs.
  std::optional<int> Poll() {
    if (!exit_code) {
      const int code = handle.tryWait();
      if (code >= 0) {
        exit_code = code;
      }
    }
    return exit_code;
  }

  std::string Stderr() const {
    std::lock_guard lock(err_mutex);
    return err_text;
  }
};

EmulatorProcess::EmulatorProcess(const EmulatorOptions& options) : options_(options) {
  Poco::Net::initializeSSL();

  // Launch with stderr on a pipe that a thread drains.
  const std::string dir = MakeTempDir();
  const std::string ready = dir + "/ready.json";
  Poco::Pipe err_pipe;
  Poco::ProcessHandle handle = Poco::Process::launch(
      INFLUXCTL_EMULATOR_PATH, Arguments(options, ready), nullptr, nullptr, &err_pipe);
  running_ = std::make_unique<Running>(handle, err_pipe, dir);

  // Wait for the ready file; it appears whole (written, then renamed).
  try {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!std::filesystem::exists(ready)) {
      if (const auto code = running_->Poll()) {
        throw std::runtime_error("influxctl-emulator exited with " + std::to_string(*code) +
                                 " before it was ready");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("influxctl-emulator was not ready within 10 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::ifstream in(ready);
    std::stringstream text;
    text << in.rdbuf();
    const auto ports = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    rest_port_ = ports->getValue<int>("rest_port");
    grpc_port_ = ports->getValue<int>("grpc_port");
  } catch (const std::exception& error) {
    // No destructor runs for a half-built object: stop and clean up here.
    Shutdown();
    throw std::runtime_error(std::string(error.what()) + "; its stderr:\n" + Stderr());
  }
}

void EmulatorProcess::Shutdown() {
  try {
    exit_code_after_stop();
  } catch (...) {
    // The emulator is gone or killed either way.
  }
  if (running_->err_reader.joinable()) {
    running_->err_reader.join();
  }
  std::error_code ignored;
  std::filesystem::remove_all(running_->temp_dir, ignored);
}

EmulatorProcess::~EmulatorProcess() {
  Shutdown();
}

int EmulatorProcess::rest_port() const {
  return rest_port_;
}

int EmulatorProcess::grpc_port() const {
  return grpc_port_;
}

std::string EmulatorProcess::rest_base(bool tls) const {
  return (tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(rest_port_) +
         "/api/v0";
}

std::string EmulatorProcess::grpc_target(bool tls) const {
  return (tls ? "localhost:" : "127.0.0.1:") + std::to_string(grpc_port_);
}

void EmulatorProcess::SetFaults(const std::string& json) {
  Admin("POST", "/_emulator/faults", json);
}

std::string EmulatorProcess::Tokens() const {
  return Admin("GET", "/_emulator/tokens");
}

std::string EmulatorProcess::Requests() const {
  return Admin("GET", "/_emulator/requests");
}

void EmulatorProcess::Reset() {
  Admin("POST", "/_emulator/reset");
}

std::string EmulatorProcess::Admin(const std::string& method,
                                   const std::string& path,
                                   const std::string& body) const {
  // Plain HTTP, or TLS without verifying the emulator (the caller trusts its
  // own child) but with a client certificate when the emulator requires one.
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (options_.tls_cert.empty()) {
    session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", rest_port_);
  } else {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, options_.admin_client_key,
                               options_.admin_client_cert, "", Poco::Net::Context::VERIFY_NONE);
    session = std::make_unique<Poco::Net::HTTPSClientSession>("localhost", rest_port_, context);
  }
  session->setTimeout(Poco::Timespan(10, 0));

  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  std::stringstream reply;
  reply << in.rdbuf();

  if (response.getStatus() < 200 || response.getStatus() > 299) {
    throw std::runtime_error("emulator admin call " + method + " " + path + " answered " +
                             std::to_string(response.getStatus()) + ": " + reply.str());
  }
  return reply.str();
}

std::string EmulatorProcess::Stderr() const {
  return running_->Stderr();
}

int EmulatorProcess::pid() const {
  return static_cast<int>(running_->handle.id());
}

bool EmulatorProcess::running() {
  return !running_->Poll();
}

int EmulatorProcess::exit_code_after_stop() {
  if (const auto code = running_->Poll()) {
    return *code;
  }

  // Ask politely, then insist.
  ::kill(running_->handle.id(), SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  while (!running_->Poll()) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(running_->handle.id(), SIGKILL);
      running_->exit_code = running_->handle.wait();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return *running_->exit_code;
}

}  // namespace influxctl::testing
