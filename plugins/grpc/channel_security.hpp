// SPDX-License-Identifier: Apache-2.0
//
// How the gRPC channel is protected, from the profile's [profile.tls] table:
// TLS with the server's certificate verified against `ca` (else the system
// roots) and the host name by default; verification skipped with `insecure`;
// plaintext with `disable`. Files are read here, once, so a missing or
// malformed file is a config error before any network call. Every weakening
// of the default is logged as a warning, shown without --debug.

#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>
#include <influxctl/transport.hpp>

#include "cluster_address.hpp"

namespace influxctl::grpc_plugin {

struct ChannelSecurity {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  bool plaintext = false;
  std::string summary;  // for debug logs: "TLS, CA /etc/ca.pem, server certificate verified"
};

// Fails with a config error naming the [profile.tls] key whose file is wrong.
Result<ChannelSecurity> MakeChannelSecurity(const TlsConfig& tls,
                                            const ClusterAddress& address,
                                            Log& log);

}  // namespace influxctl::grpc_plugin
