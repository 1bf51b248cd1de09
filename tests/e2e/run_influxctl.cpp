// SPDX-License-Identifier: Apache-2.0
//
// The process harness (see run_influxctl.hpp). Poco::Process::launch adds the
// variables it is given to the inherited environment instead of replacing it,
// so the child is started through `/usr/bin/env -i NAME=VALUE ... program`,
// which clears the inherited environment first. stdout and stderr are read at
// the same time (stderr on its own thread), so a child that fills one pipe
// while the test waits on the other cannot deadlock.

#include "run_influxctl.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <signal.h>

#include <cstdlib>
#include <iterator>
#include <sstream>
#include <thread>

namespace influxctl::e2e {
namespace {

constexpr const char* kEnvProgram = "/usr/bin/env";

// Sanitizer builds run these tests too; their settings are not inputs of
// influxctl, so they pass through from the test's own environment.
constexpr const char* kPassedThrough[] = {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};

std::string ReadAll(Poco::Pipe& pipe) {
  Poco::PipeInputStream stream(pipe);
  return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

// Writing to a child that already exited raises SIGPIPE; the child was forked
// with the default disposition, so ignoring it here changes only the test.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() { previous_ = ::signal(SIGPIPE, SIG_IGN); }
  ~IgnoreSigpipe() { ::signal(SIGPIPE, previous_); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  void (*previous_)(int);
};

}  // namespace

std::ostream& operator<<(std::ostream& stream, const RunResult& run) {
  return stream << "\n--- exit status: " << run.exit_code << "\n--- stdout:\n"
                << run.out << "\n--- stderr:\n"
                << run.err << "\n---";
}

RunResult RunProgram(const std::string& program,
                     const std::vector<std::string>& args,
                     const RunOptions& options) {
  Poco::Process::Args env_args{"-i"};
  for (const auto& [name, value] : options.env) {
    env_args.push_back(name + "=" + value);
  }
  for (const char* name : kPassedThrough) {
    const char* value = std::getenv(name);
    if (value != nullptr && options.env.find(name) == options.env.end()) {
      env_args.push_back(std::string(name) + "=" + value);
    }
  }
  env_args.push_back(program);
  env_args.insert(env_args.end(), args.begin(), args.end());

  Poco::Pipe in;
  Poco::Pipe out;
  Poco::Pipe err;
  Poco::ProcessHandle child =
      Poco::Process::launch(kEnvProgram, env_args, options.working_dir, &in, &out, &err, {});

  // stdin first: a small text fits in the pipe's buffer, so this never waits.
  if (options.stdin_text) {
    IgnoreSigpipe guard;
    Poco::PipeOutputStream stdin_stream(in);
    stdin_stream << *options.stdin_text;
    stdin_stream.flush();
    stdin_stream.close();
  } else {
    in.close(Poco::Pipe::CLOSE_WRITE);
  }

  RunResult result;
  std::thread err_reader([&] { result.err = ReadAll(err); });
  result.out = ReadAll(out);
  err_reader.join();
  result.exit_code = child.wait();
  return result;
}

const std::string& InfluxctlPath() {
  static const std::string path = INFLUXCTL_BINARY;
  return path;
}

RunResult RunInfluxctl(const std::vector<std::string>& args, const RunOptions& options) {
  return RunProgram(InfluxctlPath(), args, options);
}

}  // namespace influxctl::e2e
