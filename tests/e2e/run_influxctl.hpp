// SPDX-License-Identifier: Apache-2.0
//
// Runs a program as a user's shell would and collects what it did: exit
// status, everything on stdout and stderr. The child gets exactly the
// environment it is given (plus the sanitizer settings of the test process),
// never the test's own, so a variable in the developer's shell cannot change a
// result. stdin is always a pipe, never the test's terminal. One call at a time
// per process; nothing here is shared between calls.

#pragma once

#include <Poco/Process.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace influxctl::e2e {

struct RunResult {
  int exit_code = -1;  // 256 + signal number when the child was killed by a signal
  std::string out;
  std::string err;
};

// Shows a run in assertion messages: `EXPECT_EQ(run.exit_code, 0) << run;`.
std::ostream& operator<<(std::ostream& stream, const RunResult& run);

struct RunOptions {
  Poco::Process::Env env;                 // the child's whole environment
  std::optional<std::string> stdin_text;  // unset: stdin is an empty pipe
  std::string working_dir = ".";
};

// Runs `program` with `args`. `program` is a path; PATH is not searched.
RunResult RunProgram(const std::string& program,
                     const std::vector<std::string>& args,
                     const RunOptions& options);

// The influxctl binary under test.
const std::string& InfluxctlPath();

RunResult RunInfluxctl(const std::vector<std::string>& args, const RunOptions& options);

}  // namespace influxctl::e2e
