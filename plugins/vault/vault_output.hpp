// SPDX-License-Identifier: Apache-2.0
//
// The vault output: stores a new management token in one Vault KV secret.
// Preflight, before the token exists, reads the Vault token and asks Vault
// everything that could make the write fail, without writing anything: that
// Vault answers and knows the token, that the mount is a KV engine of the
// configured version, that the token may write the secret's path, and, for
// KV version 2, that a check-and-set condition holds. Deliver is one write,
// which Vault applies whole or not at all. Each step has `timeout` to finish.
// Messages name the address and path, never the Vault token or the new
// token. The engine calls one instance from one thread at a time.

#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <influxctl/log.hpp>
#include <influxctl/output.hpp>

#include "vault_http.hpp"
#include "vault_settings.hpp"
#include "vault_token.hpp"

namespace influxctl::vault {

class VaultOutput : public Output {
 public:
  VaultOutput(VaultOptions options, std::shared_ptr<net::TlsLayer> tls, Log& log);

  std::string Target() const override;
  Status Preflight() override;
  Status Deliver(const CreatedToken& created) override;

 private:
  // What capabilities-self said about the paths this output uses.
  struct Capabilities {
    bool known = false;
    std::vector<std::string> write;     // on the path the write goes to
    std::vector<std::string> metadata;  // KV v2: on <mount>/metadata/<path>
  };
  // What the secret's metadata says (KV v2).
  struct SecretState {
    bool known = false;
    std::int64_t current_version = 0;  // 0: the secret does not exist
    bool cas_required = false;
  };

  // Sends `request`; a failure on the wire becomes the Error, naming `doing`.
  Result<net::HttpResponse> Exchange(const VaultRequest& request,
                                     const net::Deadline& deadline,
                                     std::string_view doing,
                                     const Secret* also_secret = nullptr);
  Error Failed(const net::HttpResponse& answer,
               std::string_view doing,
               const VaultRequest& request);

  // Preflight steps (vault_preflight.cpp), in the order they run.
  Status CheckVaultToken(const net::Deadline& deadline);
  Status CheckMount(const net::Deadline& deadline);
  Result<Capabilities> ReadCapabilities(const net::Deadline& deadline);
  Result<SecretState> ReadSecretState(const Capabilities& capabilities,
                                      const net::Deadline& deadline);
  Status CheckCheckAndSet(const SecretState& state) const;
  Status CheckWriteCapability(const Capabilities& capabilities, const SecretState& state) const;

  VaultOptions options_;
  VaultHttp http_;
  Log& log_;
  std::optional<VaultToken> vault_token_;  // read at preflight
};

}  // namespace influxctl::vault
