// SPDX-License-Identifier: Apache-2.0
//
// The vault output's settings: the schema it declares to the engine, and
// VaultOptions, everything an instance needs, read once from the checked
// Settings. Every problem the profile alone can show is found here, before
// any token exists or any request is sent, and reported as a config error
// that names the key and says how to fix it. VaultOptions never holds the
// Vault token: that is read at preflight, from token_file or VAULT_TOKEN.
// Plain values.

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/transport.hpp>

#include "kv_paths.hpp"
#include "vault_address.hpp"

namespace influxctl::vault {

inline constexpr std::string_view kVaultPluginVersion = "1.0.0";

// Kept in step with docs/vault.md and configs/vault.toml.
inline constexpr SettingSpec kVaultSettingSchema[] = {
    {"address", SettingType::kString, true, "",
     "Vault's address, as in VAULT_ADDR: \"https://vault.example:8200\""},
    {"mount", SettingType::kString, false, "secret", "where the KV secrets engine is mounted"},
    {"path", SettingType::kString, true, "",
     "the secret's path under the mount, e.g. \"influx/prod\" (KV v2 writes go to "
     "<mount>/data/<path>)"},
    {"kv_version", SettingType::kInteger, false, "2", "the KV secrets engine's version: 2 or 1"},
    {"namespace", SettingType::kString, false, "",
     "Vault Enterprise namespace, sent as X-Vault-Namespace; unset: none"},
    {"cas", SettingType::kInteger, false, "",
     "KV v2 check-and-set: write only if the secret is at this version (0: only if it does not "
     "exist yet); checked at preflight too"},
    {"token_file", SettingType::kPath, false, "",
     "file holding the Vault token; unset: the VAULT_TOKEN environment variable"},
    {"ca", SettingType::kPath, false, "",
     "PEM file of the authorities that signed Vault's certificate; unset: the system store"},
    {"cert", SettingType::kPath, false, "", "client certificate (PEM) for Vault's TLS cert auth"},
    {"key", SettingType::kPath, false, "", "unencrypted PEM key of cert"},
    {"insecure", SettingType::kBoolean, false, "false",
     "skip TLS certificate verification (warned about every run); use ca instead"},
    {"tls_server_name", SettingType::kString, false, "",
     "name Vault's certificate must carry, when it differs from the address's host"},
    {"timeout", SettingType::kDuration, false, "10s",
     "how long the preflight checks, and separately the delivery, may take in all"},
    {"field", SettingType::kString, false, "token", "the secret's field that holds the token"},
    {"id_field", SettingType::kString, false, "id", "field for the token's id; \"\" leaves it out"},
    {"description_field", SettingType::kString, false, "description",
     "field for the token's description (\"\" when it has none); \"\" leaves it out"},
    {"expires_at_field", SettingType::kString, false, "expires_at",
     "field for the token's expiry, RFC 3339 UTC (\"\" when it never expires); \"\" leaves it "
     "out"},
};

// The names of the secret's fields; an empty name leaves that field out.
struct FieldNames {
  std::string token;
  std::string id;
  std::string description;
  std::string expires_at;
};

struct VaultOptions {
  VaultOptions(VaultAddress where, KvPaths secret)
      : address(std::move(where)), paths(std::move(secret)) {}

  VaultAddress address;
  KvPaths paths;
  std::string vault_namespace;  // empty: none
  std::optional<std::int64_t> cas;
  std::string token_file;  // empty: VAULT_TOKEN
  TlsConfig tls;           // `disable` follows the address's scheme
  std::string tls_server_name;
  std::chrono::milliseconds timeout{10'000};
  FieldNames fields;

  // "vault https://vault.example:8200 secret/data/influx/prod", plus
  // " in namespace team-a": how messages name this output's target.
  std::string Where() const;
  // The name Vault's certificate is checked against (and sent as SNI):
  // tls_server_name when set, else the address's host.
  std::string ServerName() const {
    return tls_server_name.empty() ? address.host : tls_server_name;
  }
};

// Reads and checks everything; errors are kConfig.
Result<VaultOptions> ParseVaultOptions(const Settings& settings);

}  // namespace influxctl::vault
