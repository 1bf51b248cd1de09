// SPDX-License-Identifier: Apache-2.0
//
// The REST listener: a Poco HTTP(S) server on a loopback address that serves
// the management contract (rest_api.hpp) and the admin API (admin_api.hpp),
// and acts out the fault plan on management calls: delay, fail, close the
// connection after carrying out the call, or send a truncated body.

#pragma once

#include <memory>

#include "emulator/emulator_state.hpp"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace influxctl::emulator {

class RestServer {
 public:
  explicit RestServer(EmulatorState& state);
  ~RestServer();

  // Binds and starts serving; throws Poco::Exception (bind, TLS files).
  void Start();
  int port() const { return port_; }

  // Stops accepting, aborts open connections, and waits for every handler
  // to return, so that none outlives the state it uses.
  void Stop();

 private:
  EmulatorState& state_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace influxctl::emulator
