// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's command line: where to listen, the ready file, TLS, and
// the Vault it pretends to be (tokens and their policies, KV mounts, fault
// rules, sealed or not). Everything is checked before the listener starts;
// a bad flag prints why and the process exits 2. `--help` lists the flags.

#pragma once

#include <optional>
#include <string>

#include "access_policy.hpp"
#include "fault_rules.hpp"
#include "kv_engine.hpp"

namespace influxctl::fake_vault {

struct FakeVaultConfig {
  std::string listen_host = "127.0.0.1";
  int listen_port = 0;     // 0: any free port, announced in the ready file
  std::string ready_file;  // {"port": N}, written whole once the listener runs
  std::string tls_cert, tls_key;
  bool sealed = false;
  bool verbose = false;  // one stderr line per request (never a token or a body)
  AccessPolicy policy;
  KvEngine kv;
  FaultRules faults;
};

struct CommandLine {
  std::optional<FakeVaultConfig> config;  // unset: exit with exit_code
  int exit_code = 0;
};

CommandLine ParseCommandLine(int argc, char* argv[]);

}  // namespace influxctl::fake_vault
