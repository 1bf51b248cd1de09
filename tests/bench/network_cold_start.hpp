// SPDX-License-Identifier: Apache-2.0
//
// Network cold start: whole `influxctl management create` processes against
// influxctl-emulator on loopback in plaintext, once over the REST transport and
// once over gRPC, next to curl sending the same REST create request to the
// same emulator. The emulator is the benchmark's child for the duration; the
// three commands run interleaved, their order rotating run by run, so that
// each sees the same machine and the same emulator state. Children get the
// benchmark's environment without proxy and INFLUXCTL_* variables, so that
// every command goes straight to the emulator with the profile's credential.

#pragma once

#include <string>

#include "samples.hpp"

namespace influxctl::bench {

struct NetworkPlan {
  std::string influxctl;  // paths, not looked up in PATH
  std::string emulator;
  std::string curl;      // empty: curl is not installed, and its row is skipped
  int warmup_runs = 10;  // of each command, not counted
  int runs = 200;        // of each command, counted
};

// Wall time and CPU time (user + system, all threads) of one command's runs.
struct CommandFigures {
  SampleSummary wall_ms;
  SampleSummary cpu_ms;
};

struct NetworkFigures {
  CommandFigures rest;  // influxctl, plugin "rest"
  CommandFigures curl;  // only when the plan named curl
  CommandFigures grpc;  // influxctl, plugin "grpc"
};

// Runs the plan. False, with *problem saying what failed, when the emulator
// does not start or stop cleanly, a temporary file cannot be written, or a
// command fails (curl runs with --fail, so an HTTP error counts as failing).
bool MeasureNetworkColdStart(const NetworkPlan& plan,
                             NetworkFigures* figures,
                             std::string* problem);

}  // namespace influxctl::bench
