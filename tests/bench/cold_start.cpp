// SPDX-License-Identifier: Apache-2.0
//
// Cold start measurement (see cold_start.hpp): the command and the baseline,
// each spawned and timed by SpawnTimer, alternating run by run.

#include "cold_start.hpp"

#include <sys/resource.h>

#include "timed_spawn.hpp"

namespace influxctl::bench {

bool MeasureColdStart(const ColdStartPlan& plan, ColdStartFigures* figures, std::string* problem) {
  SpawnTimer timer;

  // Warm-up: page cache, dynamic loader cache and CPU frequency settle first.
  for (int i = 0; i < plan.warmup_runs; ++i) {
    if (timer.Run(plan.command, problem).wall_ms < 0 ||
        timer.Run(plan.baseline, problem).wall_ms < 0) {
      return false;
    }
  }

  // Interleaved, and the order swapped every run, so that neither side
  // systematically follows the other.
  std::vector<double> command_ms;
  std::vector<double> baseline_ms;
  for (int i = 0; i < plan.runs; ++i) {
    const bool command_first = i % 2 == 0;
    double first = timer.Run(command_first ? plan.command : plan.baseline, problem).wall_ms;
    if (first < 0) {
      return false;
    }
    double second = timer.Run(command_first ? plan.baseline : plan.command, problem).wall_ms;
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
