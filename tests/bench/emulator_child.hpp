// SPDX-License-Identifier: Apache-2.0
//
// influxctl-emulator as a child of the benchmark: started on free loopback
// ports in plaintext, accepting one credential, with its stdout and stderr in
// a log file that a failed start quotes. Start() returns once the emulator's
// ready file says which ports it took; Stop(), or the destructor, sends
// SIGTERM and waits (SIGKILL after 10 s). One object per emulator, used from
// one thread.

#pragma once

#include <sys/types.h>

#include <string>

namespace influxctl::bench {

class EmulatorChild {
 public:
  EmulatorChild() = default;
  ~EmulatorChild();
  EmulatorChild(const EmulatorChild&) = delete;
  EmulatorChild& operator=(const EmulatorChild&) = delete;

  // Runs `emulator` accepting `credential`, with its ready file and log in
  // `work_dir`, and waits up to 10 s for it to be ready. False, with *problem
  // saying why and quoting the emulator's log, when it does not come up.
  bool Start(const std::string& emulator,
             const std::string& credential,
             const std::string& work_dir,
             std::string* problem);

  int rest_port() const { return rest_port_; }
  int grpc_port() const { return grpc_port_; }

  // Sends SIGTERM once and reaps the emulator. An empty string when it
  // stopped with status 0, otherwise how it ended. Later calls return "".
  std::string Stop();

 private:
  pid_t pid_ = -1;
  std::string log_path_;
  int rest_port_ = 0;
  int grpc_port_ = 0;
};

}  // namespace influxctl::bench
