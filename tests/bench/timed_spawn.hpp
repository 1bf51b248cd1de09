// SPDX-License-Identifier: Apache-2.0
//
// One process, timed: the wall time from posix_spawn to the child reaped, and
// the CPU time (user + system, all its threads) the kernel charged to it,
// with the child's stdin, stdout and stderr on /dev/null, so that terminals
// and pipe buffers stay out of the figures and nothing waits for input. The
// CPU time moves less than the wall time when other work shares the machine.
// Every cold-start figure of the benchmark comes from here, so the commands it
// compares are all started and waited for the same way. Not thread-safe: one
// SpawnTimer per thread.

#pragma once

#include <spawn.h>

#include <string>
#include <vector>

namespace influxctl::bench {

struct ChildTimes {
  double wall_ms = -1;  // negative: the run failed
  double cpu_ms = -1;
};

class SpawnTimer {
 public:
  // Children get `environment` (name=value strings); the benchmark's own
  // environment when it is left out.
  SpawnTimer();
  explicit SpawnTimer(std::vector<std::string> environment);
  ~SpawnTimer();
  SpawnTimer(const SpawnTimer&) = delete;
  SpawnTimer& operator=(const SpawnTimer&) = delete;

  // Spawns `argv` (argv[0] is a path, not looked up in PATH) and waits for it.
  // Negative times, with *problem saying what failed, when the spawn fails or
  // the child does not exit with status 0.
  ChildTimes Run(const std::vector<std::string>& argv, std::string* problem) const;

 private:
  posix_spawn_file_actions_t quiet_;
  std::vector<std::string> environment_;
  std::vector<char*> envp_;  // points into environment_; empty: inherit
};

}  // namespace influxctl::bench
