// SPDX-License-Identifier: Apache-2.0
//
// Channel arguments and creation (see channel.hpp).

#include "channel.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>

namespace influxctl::grpc_plugin {
namespace {

constexpr int kMaxAnswerBytes = 64 * 1024 * 1024;

int Milliseconds(std::chrono::milliseconds duration) {
  return static_cast<int>(std::clamp<std::int64_t>(duration.count(), 1, 3'600'000));
}

}  // namespace

std::shared_ptr<grpc::Channel> OpenChannel(const GrpcOptions& options,
                                           const ChannelSecurity& security) {
  grpc::ChannelArguments arguments;
  arguments.SetUserAgentPrefix("influxctl-grpc/" + std::string(kGrpcPluginVersion));

  // A proxy cannot reach this machine's loopback interface on our behalf, and
  // a proxy variable set for the outside world must not break a local cluster.
  if (options.address.loopback) {
    arguments.SetInt(GRPC_ARG_ENABLE_HTTP_PROXY, 0);
  }

  // After a failed connect gRPC waits before it tries again, and until then
  // fails every call at once (calls do not wait for ready). Half our own retry
  // pause keeps its next attempt ahead of our next retry. The minimum backoff
  // stays at gRPC's default: gRPC also takes it as the time a connection
  // attempt (TCP and TLS handshakes) may last, and the call's deadline bounds
  // that anyway.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS,
                   Milliseconds(options.retry.initial_delay / 2));
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, Milliseconds(options.retry.max_delay / 2));

  // gRPC's default of 4 MiB would cap a list at some 20,000 tokens.
  arguments.SetMaxReceiveMessageSize(kMaxAnswerBytes);

  if (!security.plaintext && !options.tls_server_name.empty()) {
    arguments.SetSslTargetNameOverride(options.tls_server_name);
  }
  return grpc::CreateCustomChannel(options.address.Target(), security.credentials, arguments);
}

}  // namespace influxctl::grpc_plugin
