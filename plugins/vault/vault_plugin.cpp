// SPDX-License-Identifier: Apache-2.0
//
// The vault output plugin's entry point: its descriptor (kind, name, version,
// settings schema) and the factory the engine calls. The factory checks every
// setting and loads the TLS files, all before any token exists or any request
// is sent, and warns once about choices that expose the token (insecure,
// plain http off this machine). It reads no Vault token: that is preflight's
// job. No exception leaves it.

#include <memory>

#include <influxctl/plugin.hpp>
#include <influxctl/time.hpp>

#include "tls_loader.hpp"
#include "vault_output.hpp"
#include "vault_settings.hpp"

namespace influxctl::vault {
namespace {

std::string Describe(const VaultOptions& options) {
  std::string text = "vault output ready: " + options.Where() + ", KV version " +
                     std::to_string(options.paths.kv_version());
  if (options.cas) {
    text += ", cas " + std::to_string(*options.cas);
  }
  text += ", Vault token from " +
          (options.token_file.empty() ? std::string("VAULT_TOKEN") : options.token_file);
  if (options.address.tls() && !options.tls.insecure) {
    text += options.tls.ca.empty() ? ", trusting the system CA store"
                                   : ", trusting only " + options.tls.ca;
    text += ", certificate name " + options.ServerName();
  }
  if (!options.tls.cert.empty()) {
    text += ", client certificate " + options.tls.cert;
  }
  return text + ", timeout " + FormatGoDuration(options.timeout);
}

// Choices that are allowed but deserve a word, said once per run.
void WarnAboutChoices(const VaultOptions& options, Log& log) {
  if (options.tls.insecure) {
    log.Warning(
        "TLS certificate verification is off (insecure = true): anyone on the network "
        "path to " +
        options.address.host +
        " could read the Vault token and the new token; set ca = \"FILE\" instead");
  }
  if (!options.address.tls() && !options.address.IsLoopback()) {
    log.Warning("address " + options.address.Origin() +
                " is plain http: the Vault token and the new token cross the network "
                "unencrypted; use https://");
  }
  const std::string& path = options.paths.path();
  if (options.paths.kv_version() == 2 &&
      (path == "data" || path.rfind("data/", 0) == 0 || path.rfind("metadata/", 0) == 0)) {
    log.Warning("path \"" + path + "\" starts with \"" + path.substr(0, path.find('/')) +
                "\", which the KV version 2 API adds by itself: the secret goes to " +
                options.paths.WritePath() + "; if you meant " + options.paths.mount() + "/data/" +
                path.substr(path.find('/') + 1) + ", write path = \"" +
                path.substr(path.find('/') + 1) + "\"");
  }
}

Result<std::unique_ptr<Output>> MakeVaultOutput(const OutputContext& context) {
  try {
    Result<VaultOptions> options = ParseVaultOptions(context.settings);
    if (!options.ok()) {
      return options.error();
    }

    // TLS: loaded and built once for the instance; its files are read now.
    std::shared_ptr<net::TlsLayer> tls;
    if (options.value().address.tls()) {
      Result<std::shared_ptr<net::TlsLayer>> loaded =
          net::LoadTlsLayer({options.value().tls, options.value().ServerName(), "vault output"});
      if (!loaded.ok()) {
        return loaded.error();
      }
      tls = std::move(loaded).value();
    }

    WarnAboutChoices(options.value(), context.log);
    if (context.log.Enabled(LogLevel::kDebug)) {
      context.log.Debug(Describe(options.value()));
    }
    return std::unique_ptr<Output>(
        std::make_unique<VaultOutput>(std::move(options).value(), tls, context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("vault output could not start: ") + e.what());
  } catch (...) {
    return Error::Plugin("vault output could not start: an exception of unknown type");
  }
}

}  // namespace

extern const PluginDescriptor kVaultDescriptor = {
    .kind = PluginKind::kOutput,
    .name = "vault",
    .version = kVaultPluginVersion,
    .summary =
        "stores the token in a HashiCorp Vault KV secret (v2 or v1), checked before "
        "creation",
    .settings = kVaultSettingSchema,
    .make_output = &MakeVaultOutput,
};

}  // namespace influxctl::vault

INFLUXCTL_PLUGIN(influxctl::vault::kVaultDescriptor)
