// SPDX-License-Identifier: Apache-2.0
//
// Runs one child program for the pass output: an explicit argv and a whole
// environment chosen by the caller, stdin fed from memory through a pipe and
// then closed, stdout and stderr captured (capped) so nothing reaches
// influxctl's own streams, and a deadline after which the child's process
// group is killed. This is the only way the secret reaches pass: as stdin
// bytes, which are never copied, logged or kept. Safe to call from several
// threads at once.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

namespace influxctl::pass {

struct ChildCommand {
  std::string program;            // an absolute path; PATH is not searched
  std::vector<std::string> args;  // argv[1...]
  std::vector<std::string> env;   // NAME=VALUE: the child's whole environment
  std::chrono::milliseconds timeout{30000};
};

struct ChildOutcome {
  bool timed_out = false;  // killed, with its process group, at the deadline
  int exit_code = -1;      // when it exited; -1 when its status is unknown
  int signal = 0;          // when a signal ended it
  std::string out;         // what it wrote, at most kCapturedBytes each
  std::string err;

  bool ok() const { return !timed_out && signal == 0 && exit_code == 0; }
};

inline constexpr std::size_t kCapturedBytes = 64 * 1024;

// Starts `command`, writes `stdin_bytes` to its stdin, closes it and waits
// for the child to end or the timeout to pass. An Error only when the child
// could not be started at all.
Result<ChildOutcome> RunChild(const ChildCommand& command, std::string_view stdin_bytes);

// "exited with status 2: <stderr>", "was killed by signal 9", "did not finish
// within 30s and was killed", with the child's stderr (else stdout) made printable.
std::string DescribeOutcome(const ChildOutcome& outcome, std::chrono::milliseconds timeout);

// `command` itself when it holds a '/', else the first executable regular
// file of that name in the folders of `search_path` (a PATH value).
std::optional<std::string> FindExecutable(std::string_view command, std::string_view search_path);

// This process's environment as NAME=VALUE strings.
std::vector<std::string> CurrentEnvironment();

}  // namespace influxctl::pass
