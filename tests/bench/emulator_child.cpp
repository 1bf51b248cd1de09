// SPDX-License-Identifier: Apache-2.0
//
// Starting and stopping influxctl-emulator for the network benchmark (see
// emulator_child.hpp). The ready file is written whole and then renamed into
// place by the emulator, so once it exists it can be read at once.

#include "emulator_child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace influxctl::bench {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopTimeout = std::chrono::seconds(10);

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The number after "key": in the emulator's flat ready file, or 0.
int PortIn(const std::string& json, const std::string& key) {
  const std::size_t at = json.find("\"" + key + "\"");
  const std::size_t colon = at == std::string::npos ? at : json.find(':', at);
  if (colon == std::string::npos) {
    return 0;
  }
  const long port = std::strtol(json.c_str() + colon + 1, nullptr, 10);
  return port > 0 && port <= 65535 ? static_cast<int>(port) : 0;
}

// How a reaped child ended, for a message.
std::string Ending(int status) {
  return WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                           : "was killed by signal " + std::to_string(WTERMSIG(status));
}

}  // namespace

bool EmulatorChild::Start(const std::string& emulator,
                          const std::string& credential,
                          const std::string& work_dir,
                          std::string* problem) {
  const std::string ready = work_dir + "/emulator-ready.json";
  log_path_ = work_dir + "/emulator.log";

  // Port 0 on both listeners: the kernel picks free ones, the ready file names them.
  std::vector<std::string> words = {emulator,        "--rest-listen", "127.0.0.1:0",
                                    "--grpc-listen", "127.0.0.1:0",   "--accept-token",
                                    credential,      "--ready-file",  ready};
  std::vector<char*> argv;
  for (std::string& word : words) {
    argv.push_back(word.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  const int spawned = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) {
    pid_ = -1;
    *problem = "cannot start " + emulator + ": " + std::strerror(spawned);
    return false;
  }

  // Wait for the ready file, or for the emulator to give up.
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!std::filesystem::exists(ready)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *problem = "influxctl-emulator " + Ending(status) + " before it was ready; its log:\n" +
                 ReadWhole(log_path_);
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      Stop();
      *problem = "influxctl-emulator was not ready within 10 s; its log:\n" + ReadWhole(log_path_);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  // The ports it took.
  const std::string ports = ReadWhole(ready);
  rest_port_ = PortIn(ports, "rest_port");
  grpc_port_ = PortIn(ports, "grpc_port");
  if (rest_port_ == 0 || grpc_port_ == 0) {
    Stop();
    *problem = "influxctl-emulator's ready file " + ready + " names no ports: " + ports;
    return false;
  }
  return true;
}

std::string EmulatorChild::Stop() {
  if (pid_ < 0) {
    return {};
  }

  // Ask politely, then insist.
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  pid_t reaped = 0;
  while ((reaped = waitpid(pid_, &status, WNOHANG)) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
      return "influxctl-emulator did not stop within 10 s of SIGTERM and was killed";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  pid_ = -1;
  if (reaped < 0) {
    return std::string("waiting for influxctl-emulator failed: ") + std::strerror(errno);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return "influxctl-emulator " + Ending(status) + " after SIGTERM; its log:\n" +
           ReadWhole(log_path_);
  }
  return {};
}

EmulatorChild::~EmulatorChild() {
  Stop();
}

}  // namespace influxctl::bench
