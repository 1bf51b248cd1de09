// SPDX-License-Identifier: Apache-2.0
//
// A test server run as a child process: the part every test harness that
// starts one of our loopback servers (the emulator, the fake Vault) shares.
// Construction starts the program with its stderr drained into a buffer,
// tells it to write a ready file with `--ready-file PATH` (in a temporary
// folder this object owns), and waits for that file; once constructed the
// server is up and ready() holds the file's JSON. A server that exits first,
// or is not ready within 10 s, makes construction throw std::runtime_error
// naming the program, how it ended and what it wrote on stderr; nothing is
// left running then. The destructor stops the child (SIGTERM, SIGKILL after
// a 10 s grace period), waits for it and removes the temporary folder. One
// object per child; its methods are safe to call from one thread at a time.

#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace influxctl::testing {

struct ServerCommand {
  std::string program;                             // path of the executable
  std::vector<std::string> arguments;              // after --ready-file PATH
  std::map<std::string, std::string> environment;  // on top of this process's own
};

class ServerProcess {
 public:
  explicit ServerProcess(const ServerCommand& command);
  ~ServerProcess();

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // The ready file as the server wrote it, e.g. {"port": 41234}.
  const Poco::JSON::Object::Ptr& ready() const { return ready_; }

  // What the server wrote on stderr so far.
  std::string Stderr() const;

  int pid() const;

  // False once the server has exited (then Stop() says how).
  bool running();

  // Sends SIGTERM (once), waits (SIGKILL after the grace period) and returns
  // the exit code: 256 + N when signal N ended it. Later calls return it again.
  int Stop();

 private:
  struct Child;
  void StopAndDrain();  // Stop(), then wait until all of stderr is read

  std::unique_ptr<Child> child_;
  Poco::JSON::Object::Ptr ready_;
};

}  // namespace influxctl::testing
