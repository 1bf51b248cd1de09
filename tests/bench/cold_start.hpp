// SPDX-License-Identifier: Apache-2.0
//
// Cold start: the wall time of whole processes, from posix_spawn to the child
// reaped, with stdin, stdout and stderr on /dev/null. The command under test
// and a baseline (/bin/true) are spawned the same way and interleaved run by
// run, so that both see the same machine state; the difference of their
// medians is what the command itself costs beyond creating a process.

#pragma once

#include <string>
#include <vector>

#include "samples.hpp"

namespace influxctl::bench {

struct ColdStartPlan {
  std::vector<std::string> command;   // argv; command[0] is a path, not looked up
  std::vector<std::string> baseline;  // the same for the baseline
  int warmup_runs = 10;               // of each, not counted
  int runs = 200;                     // of each, counted
};

struct ColdStartFigures {
  SampleSummary command_ms;
  SampleSummary baseline_ms;
  long peak_child_rss_kib = 0;  // the largest child's peak RSS (getrusage)
};

// Runs the plan. False, with *problem saying which command failed and how,
// when a spawn fails or a child does not exit with status 0.
bool MeasureColdStart(const ColdStartPlan& plan, ColdStartFigures* figures, std::string* problem);

}  // namespace influxctl::bench
