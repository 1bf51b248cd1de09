// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings into VaultOptions (see vault_settings.hpp).
// The engine has already checked types and filled in defaults; what is left
// is what the schema cannot say: a valid address and paths, a known KV
// version, check-and-set only on version 2, TLS settings only with https,
// and distinct field names.

#include "vault_settings.hpp"

#include <influxctl/time.hpp>

namespace influxctl::vault {
namespace {

Error SettingError(std::string_view key, std::string_view problem) {
  return Error::Config("vault output setting " + std::string(key) + " " + std::string(problem));
}

bool HasControl(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

Status CheckFieldNames(const FieldNames& fields) {
  if (fields.token.empty()) {
    return SettingError("field", "is empty; name the field that holds the token, e.g. \"token\"");
  }
  const std::pair<const std::string*, std::string_view> named[] = {
      {&fields.token, "field"},
      {&fields.id, "id_field"},
      {&fields.description, "description_field"},
      {&fields.expires_at, "expires_at_field"}};
  for (std::size_t i = 0; i < std::size(named); ++i) {
    if (HasControl(*named[i].first)) {
      return SettingError(named[i].second, "holds a control character; remove it");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (!named[i].first->empty() && *named[i].first == *named[j].first) {
        return SettingError(named[i].second, "is \"" + *named[i].first + "\", the same as " +
                                                 std::string(named[j].second) +
                                                 "; each field needs its own name");
      }
    }
  }
  return Status::Ok();
}

Status CheckTls(const VaultOptions& options) {
  if (!options.address.tls()) {
    for (auto [value, key] : {std::pair{&options.tls.ca, "ca"},
                              {&options.tls.cert, "cert"},
                              {&options.tls.key, "key"},
                              {&options.tls_server_name, "tls_server_name"}}) {
      if (!value->empty()) {
        return SettingError(key, "is set but address is " + options.address.Origin() +
                                     " (plain http); use an https:// address or drop " + key);
      }
    }
    if (options.tls.insecure) {
      return SettingError("insecure",
                          "is set but address is plain http, which has no "
                          "certificate to skip; drop insecure");
    }
    return Status::Ok();
  }
  if (!options.tls.key.empty() && options.tls.cert.empty()) {
    return SettingError("key",
                        "is set but cert is not: a client key is only used with its "
                        "certificate; set cert too");
  }
  if (options.tls.insecure && !options.tls.ca.empty()) {
    return SettingError("insecure",
                        "and ca are both set: ca is ignored when nothing is "
                        "verified; drop insecure to verify against ca");
  }
  if (HasControl(options.tls_server_name) ||
      options.tls_server_name.find_first_of(" /:") != std::string::npos) {
    return SettingError("tls_server_name",
                        "must be a DNS name or an IP address, like "
                        "\"vault.example\"");
  }
  return Status::Ok();
}

}  // namespace

std::string VaultOptions::Where() const {
  std::string where = "vault " + address.Origin() + " " + paths.WritePath();
  if (!vault_namespace.empty()) {
    where += " in namespace " + vault_namespace;
  }
  return where;
}

Result<VaultOptions> ParseVaultOptions(const Settings& settings) {
  // Where: the address, the KV version, the secret's paths, the namespace.
  Result<VaultAddress> address = ParseVaultAddress(settings.String("address").value_or(""));
  if (!address.ok()) {
    return address.error();
  }
  std::int64_t kv_version = settings.Integer("kv_version").value_or(2);
  if (kv_version != 1 && kv_version != 2) {
    return SettingError("kv_version", "is " + std::to_string(kv_version) +
                                          "; the KV secrets engine has versions 1 and 2");
  }
  Result<KvPaths> paths =
      KvPaths::Make(settings.String("mount").value_or("secret"),
                    settings.String("path").value_or(""), static_cast<int>(kv_version));
  if (!paths.ok()) {
    return paths.error();
  }
  VaultOptions options(address.value(), paths.value());
  if (std::optional<std::string> name = settings.String("namespace")) {
    Result<std::string> clean = CleanLogicalPath(*name, "namespace");
    if (!clean.ok()) {
      return clean.error();
    }
    options.vault_namespace = clean.value();
  }

  // Check-and-set exists only in KV version 2.
  options.cas = settings.Integer("cas");
  if (options.cas && kv_version != 2) {
    return SettingError("cas",
                        "is a KV version 2 option, and kv_version is 1; drop cas or use "
                        "a version 2 mount");
  }
  if (options.cas && *options.cas < 0) {
    return SettingError("cas",
                        "is negative; give the version the secret must be at, or 0 for "
                        "\"only if it does not exist yet\"");
  }

  // How: the token's source, TLS, the time allowed.
  options.token_file = settings.String("token_file").value_or("");
  options.tls.disable = !options.address.tls();
  options.tls.ca = settings.String("ca").value_or("");
  options.tls.cert = settings.String("cert").value_or("");
  options.tls.key = settings.String("key").value_or("");
  options.tls.insecure = settings.Boolean("insecure").value_or(false);
  options.tls_server_name = settings.String("tls_server_name").value_or("");
  if (Status tls = CheckTls(options); !tls.ok()) {
    return tls.error();
  }
  options.timeout = settings.Duration("timeout").value_or(std::chrono::milliseconds(10'000));
  if (options.timeout.count() <= 0) {
    return SettingError("timeout", "is zero; allow Vault some time, like \"10s\"");
  }

  // What: the fields of the secret.
  options.fields.token = settings.String("field").value_or("token");
  options.fields.id = settings.String("id_field").value_or("id");
  options.fields.description = settings.String("description_field").value_or("description");
  options.fields.expires_at = settings.String("expires_at_field").value_or("expires_at");
  if (Status fields = CheckFieldNames(options.fields); !fields.ok()) {
    return fields.error();
  }
  return options;
}

}  // namespace influxctl::vault
