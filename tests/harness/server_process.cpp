// SPDX-License-Identifier: Apache-2.0
//
// Starting, watching and stopping a test server (see server_process.hpp).
// The child's stderr is drained by a thread into a buffer, so a chatty or
// --verbose server never blocks on a full pipe, and the buffer is what a
// failed start reports.

#include "harness/server_process.hpp"

#include <Poco/JSON/Parser.h>
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
constexpr auto kStopGrace = std::chrono::seconds(10);

// A fresh folder for the ready file, removed with everything in it when its
// owner goes.
struct TempFolder {
  explicit TempFolder(const std::string& name) {
    path = (std::filesystem::temp_directory_path() / (name + "-XXXXXX")).string();
    if (mkdtemp(path.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary folder for " + name);
    }
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  std::string path;
};

Poco::ProcessHandle Launch(const ServerCommand& command,
                           const std::string& ready_file,
                           Poco::Pipe& err_pipe) {
  std::vector<std::string> args{"--ready-file", ready_file};
  args.insert(args.end(), command.arguments.begin(), command.arguments.end());
  return Poco::Process::launch(command.program, args, nullptr, nullptr, &err_pipe,
                               command.environment);
}

}  // namespace

// The running child and what it left behind. The folder is declared first so
// that it outlives the child that writes into it.
struct ServerProcess::Child {
  TempFolder folder;
  std::string ready_file;
  Poco::Pipe err_pipe;
  Poco::ProcessHandle handle;
  std::thread err_reader;
  mutable std::mutex err_mutex;
  std::string err_text;
  std::optional<int> exit_code;

  Child(const ServerCommand& command, const std::string& name)
      : folder(name),
        ready_file(folder.path + "/ready.json"),
        handle(Launch(command, ready_file, err_pipe)) {
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
};

ServerProcess::ServerProcess(const ServerCommand& command) {
  const std::string name = std::filesystem::path(command.program).filename().string();
  child_ = std::make_unique<Child>(command, name);

  // Wait for the ready file; it appears whole (written, then renamed).
  try {
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!std::filesystem::exists(child_->ready_file)) {
      if (const auto code = child_->Poll()) {
        throw std::runtime_error(name + " exited with " + std::to_string(*code) +
                                 " before it was ready");
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error(name + " was not ready within 10 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::ifstream in(child_->ready_file);
    std::stringstream text;
    text << in.rdbuf();
    ready_ = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& error) {
    // No destructor runs for a half-built object: stop the child here. All
    // of its stderr is read first, since that is what explains the failure.
    StopAndDrain();
    throw std::runtime_error(std::string(error.what()) + "; its stderr:\n" + Stderr());
  }
}

ServerProcess::~ServerProcess() {
  StopAndDrain();
}

void ServerProcess::StopAndDrain() {
  try {
    Stop();
  } catch (...) {
    // The child is gone or killed either way.
  }
  if (child_->err_reader.joinable()) {
    child_->err_reader.join();
  }
}

std::string ServerProcess::Stderr() const {
  std::lock_guard lock(child_->err_mutex);
  return child_->err_text;
}

int ServerProcess::pid() const {
  return static_cast<int>(child_->handle.id());
}

bool ServerProcess::running() {
  return !child_->Poll();
}

int ServerProcess::Stop() {
  if (const auto code = child_->Poll()) {
    return *code;
  }

  // Ask politely, then insist.
  ::kill(child_->handle.id(), SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
  while (!child_->Poll()) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(child_->handle.id(), SIGKILL);
      child_->exit_code = child_->handle.wait();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return *child_->exit_code;
}

}  // namespace influxctl::testing
