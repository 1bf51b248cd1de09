// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport: create, list and revoke over one channel made when the
// instance is, with the credential as `authorization: Bearer` metadata on
// every call. Each call, retries included, ends by the deadline set from
// --timeout; only failures that are safe to repeat are retried, with backoff,
// and a create is repeated with the same idempotency key, so a retry never
// mints a second token. Never logs the credential or a new token's secret.
// One thread at a time, as the Transport contract says.

#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/log.hpp>
#include <influxctl/transport.hpp>

#include "call_errors.hpp"
#include "channel_security.hpp"
#include "grpc_log_bridge.hpp"
#include "grpc_settings.hpp"
#include "wire_mapping.hpp"

namespace influxctl::grpc_plugin {

class GrpcTransport final : public Transport {
 public:
  GrpcTransport(GrpcOptions options,
                const ChannelSecurity& security,
                const Connection& connection,
                Log& log);

  std::string Endpoint() const override;

  Result<CreatedToken> Create(const CreateRequest& request) override;
  Result<std::vector<ManagementToken>> List() override;
  Status Revoke(std::string_view token_id) override;

 private:
  template <typename Request, typename Response>
  using StubMethod = grpc::Status (v1::ManagementTokens::Stub::*)(grpc::ClientContext*,
                                                                  const Request&,
                                                                  Response*);

  // How a call ended: the response, or the last failure and its retry count.
  template <typename Response>
  struct Outcome {
    grpc::Status status;
    Response response;
    CallFailure failure;        // the last attempt's, when !status.ok()
    CallFailure first_failure;  // the first attempt's
    int retries = 0;
    bool failed_after_reaching_server = false;  // some attempt before the last one
  };

  // The failure to report: the last one, except that when every attempt failed
  // to connect, the first attempt's reason is kept. Later attempts may only
  // see gRPC cancelling its own reconnect ("tcp handshaker shutdown").
  template <typename Response>
  static CallFailure FailureToReport(const Outcome<Response>& outcome);

  // Runs one call with retries until it succeeds, fails for good, or the
  // deadline (now + --timeout) leaves no room for another attempt.
  template <typename Request, typename Response>
  Outcome<Response> Invoke(Call call,
                           std::string_view method,
                           StubMethod<Request, Response> stub_method,
                           const Request& request);

  // Whether a failed attempt got as far as the server, so that it may have
  // done the work (see CallFailure).
  bool ReachedServer(const grpc::Status& status, const std::string& peer) const;

  GrpcOptions options_;
  const Connection& connection_;
  Log& log_;
  GrpcLogBridge log_bridge_;
  bool plaintext_;
  Secret authorization_;  // "Bearer <credential>", built once
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ManagementTokens::Stub> stub_;
};

}  // namespace influxctl::grpc_plugin
