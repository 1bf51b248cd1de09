// SPDX-License-Identifier: Apache-2.0
//
// In-process throughput: how many tokens per second the engine's public API
// creates and renders as JSON, through the mock transport of a profile, with
// no process start, no plugin load and no terminal in the timed loop. Each
// repetition opens a fresh Engine, so the mock's in-memory store starts empty
// and holds at most one repetition's tokens.

#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "samples.hpp"

namespace influxctl::bench {

struct ThroughputPlan {
  std::filesystem::path config;  // an influxctl config file
  std::string profile = "default";
  int warmup_iterations = 2'000;
  int iterations = 200'000;  // creates per repetition
  int repetitions = 5;
};

struct ThroughputFigures {
  SampleSummary creates_per_second;      // wall time, over the repetitions
  SampleSummary creates_per_cpu_second;  // CPU time: less moved by other work on the machine
  long rss_after_warmup_kib = 0;         // this process's peak RSS before the timed loops
  long peak_rss_kib = 0;                 // and after the last
};

// Runs the plan. False, with *problem holding the engine's message, when the
// profile cannot be loaded, the engine cannot be opened or a create fails.
bool MeasureCreateThroughput(const ThroughputPlan& plan,
                             ThroughputFigures* figures,
                             std::string* problem);

}  // namespace influxctl::bench
