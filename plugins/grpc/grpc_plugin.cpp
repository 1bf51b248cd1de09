// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport plugin's entry point: its descriptor (kind, name,
// version, settings schema) and the factory the engine calls. The factory
// checks the settings and the connection, reads the TLS files and makes the
// channel, all without sending anything: gRPC connects on the first call. Every
// problem becomes a usage or config error; no exception leaves it.

#include <memory>

#include <influxctl/plugin.hpp>

#include "channel_security.hpp"
#include "grpc_settings.hpp"
#include "grpc_transport.hpp"

namespace influxctl::grpc_plugin {
namespace {

Result<std::unique_ptr<Transport>> MakeGrpcTransport(const TransportContext& context) {
  try {
    Result<GrpcOptions> options = ParseGrpcOptions(context.settings, context.connection);
    if (!options.ok()) {
      return options.error();
    }
    const ClusterAddress& address = options.value().address;

    Result<ChannelSecurity> security =
        MakeChannelSecurity(context.connection.tls, address, context.log);
    if (!security.ok()) {
      return security.error();
    }
    if (security.value().plaintext && !options.value().tls_server_name.empty()) {
      context.log.Warning("tls_server_name has no effect: [profile.tls] disable = true");
    }

    if (context.log.Enabled(LogLevel::kDebug)) {
      const RetryPolicy& retry = options.value().retry;
      context.log.Debug(
          "channel to " + address.Target() + ": " + security.value().summary +
          (options.value().tls_server_name.empty()
               ? ""
               : ", certificate name " + options.value().tls_server_name) +
          (address.loopback ? "; loopback, never proxied" : "; proxy from the environment") +
          "; up to " + std::to_string(retry.max_retries) + " retries, " +
          std::to_string(retry.initial_delay.count()) + "ms to " +
          std::to_string(retry.max_delay.count()) + "ms apart");
    }
    return std::unique_ptr<Transport>(std::make_unique<GrpcTransport>(
        std::move(options).value(), security.value(), context.connection, context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("grpc transport could not start: ") + e.what());
  }
}

}  // namespace

extern const PluginDescriptor kGrpcDescriptor = {
    .kind = PluginKind::kTransport,
    .name = "grpc",
    .version = kGrpcPluginVersion,
    .summary = "management tokens over gRPC (HTTP/2, TLS by default); influxctl's default",
    .settings = kGrpcSettingSchema,
    .needs_credential = true,
    .make_transport = &MakeGrpcTransport,
};

}  // namespace influxctl::grpc_plugin

INFLUXCTL_PLUGIN(influxctl::grpc_plugin::kGrpcDescriptor)
