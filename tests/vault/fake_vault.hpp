// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's API, independent of any socket: one call in, one answer
// out. It follows Vault's documented HTTP API closely enough for a client's
// tests: sys/health, auth/token/lookup-self, sys/capabilities-self,
// sys/internal/ui/mounts (the vault CLI's mount lookup), KV version 1 and 2
// reads and writes, KV version 2 metadata, check-and-set, namespaces (the
// X-Vault-Namespace header puts the namespace in front of the path), and
// Vault's error bodies: {"errors": [...]}, with ACL denials wrapped as Go's
// multi-error text. Every call is recorded (without the token or the body)
// for tests to read back, and fault rules can replace or delay answers. One
// lock guards all state, so calls may come from many threads.

#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "access_policy.hpp"
#include "fault_rules.hpp"
#include "kv_engine.hpp"

namespace influxctl::fake_vault {

struct ApiCall {
  std::string method;
  std::string path;             // decoded, "/v1/..."
  std::string query;            // raw, without '?'
  std::string token;            // from X-Vault-Token or "Authorization: Bearer"; empty: none
  std::string vault_namespace;  // X-Vault-Namespace without surrounding slashes
  std::string body;
};

struct ApiReply {
  int status = 200;
  std::string body;  // JSON; empty: no content
};

// {"errors": [reason]} with `status`.
ApiReply ErrorReply(int status, const std::string& reason);

class FakeVault {
 public:
  FakeVault(AccessPolicy policy, KvEngine kv, FaultRules faults, bool sealed);

  // The fault rule that applies to `call`, if any (taken once).
  FaultDecision FaultFor(const ApiCall& call);
  // Serves a /v1/ call.
  ApiReply Serve(const ApiCall& call);
  // Serves a /_fake/ call: GET requests, POST faults (one rule a line), DELETE faults.
  ApiReply Admin(const std::string& method, const std::string& path, const std::string& body);
  void Record(const ApiCall& call, int status, const std::string& fault);
  // Another client writes a new version of the KV version 2 secret `call`
  // addresses, as if it got in just before `call` (the "race" fault).
  void WriteAsAnotherClient(const ApiCall& call);

 private:
  ApiReply Health() const;
  ApiReply LookupSelf(const ApiCall& call) const;
  ApiReply CapabilitiesSelf(const ApiCall& call) const;
  ApiReply MountInfo(const ApiCall& call, const std::string& path);
  ApiReply Kv(const ApiCall& call, const std::string& full_path);
  ApiReply KvV1(const ApiCall& call,
                KvMount& mount,
                const std::string& key,
                const std::string& full);
  ApiReply KvV2(const ApiCall& call,
                KvMount& mount,
                const std::string& rest,
                const std::string& full);

  std::mutex mutex_;
  const AccessPolicy policy_;
  KvEngine kv_;
  FaultRules faults_;
  const bool sealed_;
  std::vector<std::string> requests_;  // JSON objects, one per call
};

}  // namespace influxctl::fake_vault
