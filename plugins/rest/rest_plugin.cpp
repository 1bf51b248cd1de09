// SPDX-License-Identifier: Apache-2.0
//
// The REST transport plugin's entry point: its descriptor (kind, name,
// version, settings schema; it needs a credential) and the factory the
// engine calls. The factory checks the profile, settings and proxy
// environment and loads the TLS files, all before any network call, and warns
// once when certificate checks are off. No exception leaves it.

#include <memory>

#include <influxctl/plugin.hpp>
#include <influxctl/time.hpp>

#include "rest_settings.hpp"
#include "rest_transport.hpp"
#include "tls_loader.hpp"

namespace influxctl::rest {
namespace {

std::string Describe(const RestOptions& options) {
  std::string text = "rest transport ready: " + options.Url(options.collection_path);
  text += options.proxy ? ", through proxy " + options.proxy->Display() + " (from " +
                              options.proxy->variable + ")"
                        : ", direct";
  if (options.scheme == "https") {
    text += options.tls.insecure     ? ", certificates not checked"
            : options.tls.ca.empty() ? ", trusting the system CA store"
                                     : ", trusting only " + options.tls.ca;
  }
  if (!options.tls.cert.empty()) {
    text += ", client certificate " + options.tls.cert;
  }
  text += ", timeout " + FormatGoDuration(options.timeout) + ", " +
          std::to_string(options.retry.max_retries) + " retries";
  return text;
}

Result<std::unique_ptr<Transport>> MakeRestTransport(const TransportContext& context) {
  try {
    Result<RestOptions> options =
        ParseRestOptions(context.settings, context.connection, ProxyEnvironment::FromProcess());
    if (!options.ok()) {
      return options.error();
    }

    // TLS: loaded and built once for the instance; files are read now.
    std::shared_ptr<net::TlsLayer> tls;
    if (options.value().scheme == "https") {
      Result<std::shared_ptr<net::TlsLayer>> loaded =
          net::LoadTlsLayer({options.value().tls, options.value().host, "[profile.tls]"});
      if (!loaded.ok()) {
        return loaded.error();
      }
      tls = std::move(loaded).value();
      if (options.value().tls.insecure) {
        context.log.Warning(
            "TLS certificate verification is off (insecure = true in [profile.tls]): anyone "
            "on the network path to " +
            options.value().host +
            " could read the credential and the new token; use ca = \"FILE\" instead");
      }
    } else if (context.log.Enabled(LogLevel::kDebug)) {
      // Plain HTTP is a choice the profile made; say it only when asked.
      context.log.Debug(
          "plain HTTP (disable = true in [profile.tls]): the credential is sent "
          "unencrypted");
    }

    if (context.log.Enabled(LogLevel::kDebug)) {
      context.log.Debug(Describe(options.value()));
    }
    return std::unique_ptr<Transport>(std::make_unique<RestTransport>(
        std::move(options).value(), tls, context.connection.credential, context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("rest transport could not start: ") + e.what());
  }
}

}  // namespace

extern const PluginDescriptor kRestDescriptor = {
    .kind = PluginKind::kTransport,
    .name = "rest",
    .version = kRestPluginVersion,
    .summary = "talks to the cluster's management REST API over HTTPS (proxies, retries, TLS)",
    .settings = kRestSettingSchema,
    .needs_credential = true,
    .make_transport = &MakeRestTransport,
};

}  // namespace influxctl::rest

INFLUXCTL_PLUGIN(influxctl::rest::kRestDescriptor)
