// SPDX-License-Identifier: Apache-2.0
//
// Timing one process (see timed_spawn.hpp). posix_spawn in glibc is a
// vfork-style clone, so the parent adds almost nothing to what is measured,
// and what it adds lands on every command alike and cancels in a difference.

#include "timed_spawn.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace influxctl::bench {
namespace {

std::string CommandLine(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& word : argv) {
    line += line.empty() ? "" : " ";
    line += word;
  }
  return line;
}

// One child's argv in the form posix_spawn takes, pointing into `words`.
std::vector<char*> SpawnArgv(const std::vector<std::string>& words) {
  std::vector<char*> argv;
  for (const std::string& word : words) {
    argv.push_back(const_cast<char*>(word.c_str()));
  }
  argv.push_back(nullptr);
  return argv;
}

}  // namespace

SpawnTimer::SpawnTimer() {
  posix_spawn_file_actions_init(&quiet_);
  posix_spawn_file_actions_addopen(&quiet_, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&quiet_, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet_, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
}

SpawnTimer::SpawnTimer(std::vector<std::string> environment) : SpawnTimer() {
  environment_ = std::move(environment);
  envp_ = SpawnArgv(environment_);
}

SpawnTimer::~SpawnTimer() {
  posix_spawn_file_actions_destroy(&quiet_);
}

ChildTimes SpawnTimer::Run(const std::vector<std::string>& words, std::string* problem) const {
  std::vector<char*> argv = SpawnArgv(words);
  char* const* envp = envp_.empty() ? environ : envp_.data();

  // Timed: the spawn, the child's whole life, and reaping it.
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv[0], &quiet_, nullptr, argv.data(), envp);
  if (spawned != 0) {
    *problem = "cannot start " + words[0] + ": " + std::strerror(spawned);
    return {};
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      *problem = "waiting for " + words[0] + " failed: " + std::strerror(errno);
      return {};
    }
  }
  const auto end = std::chrono::steady_clock::now();

  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status)
                          ? "exited with status " + std::to_string(WEXITSTATUS(status))
                          : "was killed by signal " + std::to_string(WTERMSIG(status));
    *problem = CommandLine(words) + " " + how + "; run it by hand to see its message";
    return {};
  }
  auto ms = [](const timeval& time) { return time.tv_sec * 1e3 + time.tv_usec / 1e3; };
  return {std::chrono::duration<double, std::milli>(end - start).count(),
          ms(usage.ru_utime) + ms(usage.ru_stime)};
}

}  // namespace influxctl::bench
