// SPDX-License-Identifier: Apache-2.0
//
// Runs the built influxctl-fake-vault for a test: starts it on a free
// loopback port, waits (up to 10 s) for its ready file, talks to its API as a
// Vault client would (to read back what a test stored), and stops it with
// SIGTERM when the object goes away. Construction throws std::runtime_error
// with the fake's stderr when it does not come up. One object per fake; its
// methods are safe to call from one thread at a time.

#pragma once

#include <memory>
#include <string>
#include <vector>

namespace influxctl::testing {

struct FakeVaultOptions {
  std::vector<std::string> policies;  // --policy NAME=PATTERN:CAP,CAP;...
  std::vector<std::string> tokens;    // --token TOKEN=POLICY,...
  std::vector<std::string> mounts;    // --mount PATH=2 (none: secret=2)
  std::vector<std::string> faults;    // --fault "METHOD PATH status=N delay=MS race=1 times=N"
  std::string tls_cert, tls_key;      // HTTPS when set
  bool sealed = false;
};

struct FakeVaultReply {
  int status = 0;
  std::string body;
};

class ServerProcess;

class FakeVaultProcess {
 public:
  explicit FakeVaultProcess(const FakeVaultOptions& options);
  ~FakeVaultProcess();  // SIGTERM and wait (SIGKILL after 10 s)

  FakeVaultProcess(const FakeVaultProcess&) = delete;
  FakeVaultProcess& operator=(const FakeVaultProcess&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT", or with TLS "https://localhost:PORT" (by name:
  // the test server certificate is for localhost and 127.0.0.1).
  std::string address() const;

  // One call to the fake's Vault API (`path` starts with /v1/), with `token`
  // as X-Vault-Token and `vault_namespace` as X-Vault-Namespace when not empty.
  FakeVaultReply Call(const std::string& method,
                      const std::string& path,
                      const std::string& token,
                      const std::string& body = "",
                      const std::string& vault_namespace = "") const;

  // GET /_fake/requests: {"requests": [{seq, method, path, namespace,
  // token_present, status, fault}]}.
  std::string Requests() const;
  // POST /_fake/faults with one rule.
  void AddFault(const std::string& rule);

  // What the fake wrote on stderr so far.
  std::string Stderr() const;

 private:
  std::unique_ptr<ServerProcess> server_;
  bool tls_ = false;
  int port_ = 0;
};

}  // namespace influxctl::testing
