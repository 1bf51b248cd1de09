// SPDX-License-Identifier: Apache-2.0
//
// The emulator's command line and the settings it yields. Parsing checks
// everything that can be checked without touching the network: listen
// addresses must be loopback, TLS files come in pairs, the product is known,
// Dedicated names its account, and at least one credential is accepted.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace influxctl::emulator {

struct ListenAddress {
  std::string host;  // a loopback IP address, e.g. "127.0.0.1" or "::1"
  int port = 0;      // 0: any free port

  // "127.0.0.1:0" or "[::1]:0", as both Poco and gRPC take it.
  std::string ToString() const;
};

struct EmulatorConfig {
  ListenAddress rest_listen{"127.0.0.1", 0};
  ListenAddress grpc_listen{"127.0.0.1", 0};
  std::string ready_file;
  std::string product = "clustered";  // or "dedicated"
  std::string account_id;             // Dedicated only
  std::string tls_cert, tls_key, tls_client_ca;
  std::vector<std::string> accept_tokens;
  std::chrono::milliseconds delay{0};
  int fail_next = 0;
  int fail_status = 500;
  int close_next = 0;
  int truncate_next = 0;
  bool verbose = false;

  bool tls() const { return !tls_cert.empty(); }
  bool dedicated() const { return product == "dedicated"; }
};

struct CommandLine {
  std::optional<EmulatorConfig> config;  // absent: exit with exit_code
  int exit_code = 0;                     // 0 after --help, 2 for a usage error
};

// Prints help to stdout and usage errors to stderr.
CommandLine ParseCommandLine(int argc, const char* const argv[]);

}  // namespace influxctl::emulator
