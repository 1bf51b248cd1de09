// SPDX-License-Identifier: Apache-2.0
//
// Runs the built influxctl-emulator for a test: starts it on free loopback
// ports, waits (up to 10 s) for its ready file, talks to its admin API, and
// stops it with SIGTERM when the object goes away. Construction throws
// std::runtime_error with the emulator's stderr when it does not come up.
// One object per emulator; its methods are safe to call from one thread at a
// time.

#pragma once

#include <memory>
#include <string>
#include <vector>

namespace influxctl::testing {

struct EmulatorOptions {
  std::string product = "clustered";  // or "dedicated" (then set account_id)
  std::string account_id;
  std::vector<std::string> accept_tokens{"test-token"};
  std::string tls_cert, tls_key, tls_client_ca;  // TLS on both protocols when set
  std::vector<std::string> extra_args;           // e.g. {"--verbose", "--delay", "50ms"}

  // With tls_client_ca the emulator requires a client certificate on every
  // connection, admin calls included: the harness presents this one.
  std::string admin_client_cert, admin_client_key;
};

class ServerProcess;

class EmulatorProcess {
 public:
  explicit EmulatorProcess(const EmulatorOptions& options = {});
  ~EmulatorProcess();  // SIGTERM and wait (SIGKILL after 10 s)

  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  int rest_port() const;
  int grpc_port() const;

  // "http://127.0.0.1:PORT/api/v0", or with tls "https://localhost:PORT/api/v0"
  // (by name: the test server certificate is for localhost and 127.0.0.1).
  std::string rest_base(bool tls) const;

  // "127.0.0.1:PORT", or with tls "localhost:PORT": a gRPC target.
  std::string grpc_target(bool tls) const;

  // POST /_emulator/faults, e.g. SetFaults(R"({"fail_next": 1, "fail_status": 503})").
  void SetFaults(const std::string& json);

  // GET /_emulator/tokens and /_emulator/requests: the JSON bodies.
  std::string Tokens() const;
  std::string Requests() const;

  // POST /_emulator/reset: no tokens, faults or requests.
  void Reset();

  // Any admin call; throws unless the status is 2xx. Returns the body.
  std::string Admin(const std::string& method,
                    const std::string& path,
                    const std::string& body = "") const;

  // What the emulator wrote on stderr so far.
  std::string Stderr() const;

  int pid() const;

  // False once the emulator has exited (then exit_code_after_stop() says how).
  bool running();

  // Sends SIGTERM (once), waits, and returns the exit code: 256 + N when
  // signal N ended it (as e2e::RunResult counts). Later calls return it again.
  int exit_code_after_stop();

 private:
  std::unique_ptr<ServerProcess> server_;
  EmulatorOptions options_;
  int rest_port_ = 0;
  int grpc_port_ = 0;
};

}  // namespace influxctl::testing
