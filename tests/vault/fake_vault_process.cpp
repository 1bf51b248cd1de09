// SPDX-License-Identifier: Apache-2.0
//
// Starting, calling and stopping influxctl-fake-vault for tests (see
// fake_vault_process.hpp). Its stderr is drained by a thread into a buffer,
// so a chatty fake never blocks on a full pipe, and the buffer is what a
// failed start reports. Calls to a TLS fake do not verify it: the test
// trusts its own child.

#include "vault/fake_vault_process.hpp"

#include <Poco/Exception.h>
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

std::vector<std::string> Arguments(const FakeVaultOptions& options, const std::string& ready) {
  std::vector<std::string> args{"--ready-file", ready};
  for (const auto& [flag, values] : {std::pair{"--policy", &options.policies},
                                     {"--token", &options.tokens},
                                     {"--mount", &options.mounts},
                                     {"--fault", &options.faults}}) {
    for (const std::string& value : *values) {
      args.insert(args.end(), {flag, value});
    }
  }
  if (!options.tls_cert.empty()) {
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  }
  if (options.sealed) {
    args.emplace_back("--sealed");
  }
  args.emplace_back("--verbose");
  return args;
}

}  // namespace

struct FakeVaultProcess::Running {
  Poco::ProcessHandle handle;
  Poco::Pipe err_pipe;
  std::thread err_reader;
  mutable std::mutex err_mutex;
  std::string err_text;
  std::string temp_dir;
  std::optional<int> exit_code;

  Running(Poco::ProcessHandle process, Poco::Pipe pipe, std::string dir)
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

  std::optional<int> Poll() {
    if (!exit_code) {
      int code = handle.tryWait();
      if (code >= 0) {
        exit_code = code;
      }
    }
    return exit_code;
  }

  void Stop() {
    if (Poll()) {
      return;
    }
    ::kill(handle.id(), SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (!Poll()) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(handle.id(), SIGKILL);
        exit_code = handle.wait();
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
};

FakeVaultProcess::FakeVaultProcess(const FakeVaultOptions& options)
    : tls_(!options.tls_cert.empty()) {
  Poco::Net::initializeSSL();
  std::string dir = (std::filesystem::temp_directory_path() / "influxctl-fake-vault-XXXXXX");
  if (mkdtemp(dir.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary folder for the fake Vault");
  }
  const std::string ready = dir + "/ready.json";
  Poco::Pipe err_pipe;
  Poco::ProcessHandle handle = Poco::Process::launch(
      INFLUXCTL_FAKE_VAULT_PATH, Arguments(options, ready), nullptr, nullptr, &err_pipe);
  running_ = std::make_unique<Running>(handle, err_pipe, dir);

  // The ready file appears whole (written, then renamed).
  try {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!std::filesystem::exists(ready)) {
      if (std::optional<int> code = running_->Poll()) {
        throw std::runtime_error("influxctl-fake-vault exited with " + std::to_string(*code) +
                                 " before it was ready");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("influxctl-fake-vault was not ready within 10 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::ifstream in(ready);
    std::stringstream text;
    text << in.rdbuf();
    port_ = Poco::JSON::Parser()
                .parse(text.str())
                .extract<Poco::JSON::Object::Ptr>()
                ->getValue<int>("port");
  } catch (const std::exception& error) {
    Shutdown();
    throw std::runtime_error(std::string(error.what()) + "; its stderr:\n" + Stderr());
  }
}

FakeVaultProcess::~FakeVaultProcess() {
  Shutdown();
}

void FakeVaultProcess::Shutdown() {
  running_->Stop();
  if (running_->err_reader.joinable()) {
    running_->err_reader.join();
  }
  std::error_code ignored;
  std::filesystem::remove_all(running_->temp_dir, ignored);
}

std::string FakeVaultProcess::address() const {
  return (tls_ ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_);
}

FakeVaultReply FakeVaultProcess::Call(const std::string& method,
                                      const std::string& path,
                                      const std::string& token,
                                      const std::string& body,
                                      const std::string& vault_namespace) const {
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (tls_) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
    session = std::make_unique<Poco::Net::HTTPSClientSession>("localhost", port_, context);
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port_);
  }
  session->setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) {
    request.set("X-Vault-Token", token);
  }
  if (!vault_namespace.empty()) {
    request.set("X-Vault-Namespace", vault_namespace);
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  std::stringstream reply;
  reply << in.rdbuf();
  return FakeVaultReply{static_cast<int>(response.getStatus()), reply.str()};
}

std::string FakeVaultProcess::Requests() const {
  FakeVaultReply reply = Call("GET", "/_fake/requests", "");
  if (reply.status != 200) {
    throw std::runtime_error("GET /_fake/requests answered " + std::to_string(reply.status));
  }
  return reply.body;
}

void FakeVaultProcess::AddFault(const std::string& rule) {
  FakeVaultReply reply = Call("POST", "/_fake/faults", "", rule);
  if (reply.status != 204) {
    throw std::runtime_error("POST /_fake/faults answered " + std::to_string(reply.status) + ": " +
                             reply.body);
  }
}

std::string FakeVaultProcess::Stderr() const {
  std::lock_guard lock(running_->err_mutex);
  return running_->err_text;
}

}  // namespace influxctl::testing
