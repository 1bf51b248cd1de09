// SPDX-License-Identifier: Apache-2.0
//
// Cold start measurement (see cold_start.hpp). posix_spawn in glibc is a
// vfork-style clone, so the parent adds almost nothing to what is measured;
// the same overhead lands on the baseline and cancels in the difference.

#include "cold_start.hpp"

#include <fcntl.h>
#include <spawn.h>
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

// stdin, stdout and stderr of every child go to /dev/null: the terminal and
// pipe buffers stay out of the figures, and nothing can wait for input.
class QuietFileActions {
 public:
  QuietFileActions() {
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_addopen(&actions_, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions_, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions_, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  ~QuietFileActions() { posix_spawn_file_actions_destroy(&actions_); }
  QuietFileActions(const QuietFileActions&) = delete;
  QuietFileActions& operator=(const QuietFileActions&) = delete;

  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

// Spawns `words` once and waits for it. Milliseconds of wall time, or a
// negative value with *problem set.
double TimeOneRun(const std::vector<std::string>& words,
                  const QuietFileActions& actions,
                  std::string* problem) {
  std::vector<char*> argv = SpawnArgv(words);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, argv[0], actions.get(), nullptr, argv.data(), environ);
  if (spawned != 0) {
    *problem = "cannot start " + words[0] + ": " + std::strerror(spawned);
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      *problem = "waiting for " + words[0] + " failed: " + std::strerror(errno);
      return -1;
    }
  }
  const auto end = std::chrono::steady_clock::now();

  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status)
                          ? "exited with status " + std::to_string(WEXITSTATUS(status))
                          : "was killed by signal " + std::to_string(WTERMSIG(status));
    *problem = CommandLine(words) + " " + how + "; run it by hand to see its message";
    return -1;
  }
  return std::chrono::duration<double, std::milli>(end - start).count();
}

}  // namespace

bool MeasureColdStart(const ColdStartPlan& plan, ColdStartFigures* figures, std::string* problem) {
  QuietFileActions actions;

  // Warm-up: page cache, dynamic loader cache and CPU frequency settle first.
  for (int i = 0; i < plan.warmup_runs; ++i) {
    if (TimeOneRun(plan.command, actions, problem) < 0 ||
        TimeOneRun(plan.baseline, actions, problem) < 0) {
      return false;
    }
  }

  // Interleaved, and the order swapped every run, so that neither side
  // systematically follows the other.
  std::vector<double> command_ms;
  std::vector<double> baseline_ms;
  for (int i = 0; i < plan.runs; ++i) {
    const bool command_first = i % 2 == 0;
    double first = TimeOneRun(command_first ? plan.command : plan.baseline, actions, problem);
    if (first < 0) {
      return false;
    }
    double second = TimeOneRun(command_first ? plan.baseline : plan.command, actions, problem);
    if (second < 0) {
      return false;
    }
    command_ms.push_back(command_first ? first : second);
    baseline_ms.push_back(command_first ? second : first);
  }

  figures->command_ms = Summarize(std::move(command_ms));
  figures->baseline_ms = Summarize(std::move(baseline_ms));
  rusage children{};
  getrusage(RUSAGE_CHILDREN, &children);
  figures->peak_child_rss_kib = children.ru_maxrss;
  return true;
}

}  // namespace influxctl::bench
