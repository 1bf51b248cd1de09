// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport's settings: the schema it declares to the engine, and the
// checked plain values an instance runs on, resolved together with the
// profile's connection (address, product, account). Everything is checked
// here, once, before any network call: a bad value is a usage or config error
// that names the key and says how to fix it. Pure values, safe to copy.

#pragma once

#include <string>

#include <influxctl/error.hpp>
#include <influxctl/retry.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/transport.hpp>

#include "cluster_address.hpp"

namespace influxctl::grpc_plugin {

// The plugin's own version, in its descriptor and its user agent.
inline constexpr std::string_view kGrpcPluginVersion = "1.0.0";

inline constexpr std::string_view kTlsServerNameKey = "tls_server_name";

// Kept in step with configs/grpc-emulator.toml and docs/grpc-transport.md.
inline constexpr SettingSpec kGrpcSettingSchema[] = {
    kRetriesSetting,
    kRetryDelaySetting,
    kRetryMaxDelaySetting,
    {kTlsServerNameKey, SettingType::kString, false, "",
     "name the server's certificate is checked against and sent as SNI, when it differs from "
     "host (a port-forward to localhost, an address by IP). Unset: host"},
};

struct GrpcOptions {
  ClusterAddress address;
  RetryPolicy retry;
  std::string tls_server_name;  // empty: the host
};

// Reads the settings the engine has validated against the schema and checks
// the connection: host and port (see ResolveClusterAddress), and an account
// id for Cloud Dedicated.
Result<GrpcOptions> ParseGrpcOptions(const Settings& settings, const Connection& connection);

}  // namespace influxctl::grpc_plugin
