// SPDX-License-Identifier: Apache-2.0
//
// The one gRPC channel a transport instance uses for all its calls. Making it
// opens no connection: gRPC connects on the first call, so a factory can make
// the channel and still send nothing. Loopback targets never go through a
// proxy (gRPC otherwise honours grpc_proxy, https_proxy and http_proxy), and
// gRPC's reconnect backoff follows the retry settings so that a retry finds
// a fresh connection attempt rather than a channel still backing off.

#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>

#include "channel_security.hpp"
#include "grpc_settings.hpp"

namespace influxctl::grpc_plugin {

std::shared_ptr<grpc::Channel> OpenChannel(const GrpcOptions& options,
                                           const ChannelSecurity& security);

}  // namespace influxctl::grpc_plugin
