// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport's calls (see grpc_transport.hpp). Every call runs the
// same loop: build the context (deadline, metadata), call, trace, and on a
// failure either retry after a pause or describe the failure for the user.
// Exceptions from gRPC or protobuf are not expected; if one comes, the engine
// reports it at the plugin boundary.

#include "grpc_transport.hpp"

#include <grpcpp/client_context.h>

#include <algorithm>
#include <thread>

#include "call_trace.hpp"
#include "channel.hpp"

namespace influxctl::grpc_plugin {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

milliseconds Since(Clock::time_point start) {
  return duration_cast<milliseconds>(Clock::now() - start);
}

}  // namespace

GrpcTransport::GrpcTransport(GrpcOptions options,
                             const ChannelSecurity& security,
                             const Connection& connection,
                             Log& log)
    : options_(std::move(options)),
      connection_(connection),
      log_(log),
      log_bridge_(log, connection.credential),
      plaintext_(security.plaintext),
      authorization_("Bearer " + connection.credential.Reveal()),
      channel_(OpenChannel(options_, security)),
      stub_(v1::ManagementTokens::NewStub(channel_)) {}

std::string GrpcTransport::Endpoint() const {
  return (plaintext_ ? "grpc://" : "grpcs://") + options_.address.authority;
}

template <typename Request, typename Response>
GrpcTransport::Outcome<Response> GrpcTransport::Invoke(Call call,
                                                       std::string_view method,
                                                       StubMethod<Request, Response> stub_method,
                                                       const Request& request) {
  // One deadline for the whole call: every attempt and every pause fits in it.
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + connection_.timeout;
  const auto wall_deadline = std::chrono::system_clock::now() + connection_.timeout;

  Outcome<Response> outcome;
  for (int attempt = 1;; ++attempt) {
    TracedCall traced{method, options_.address.authority, attempt, connection_.credential};
    TraceRequest(log_, traced, duration_cast<milliseconds>(deadline - Clock::now()), request);

    // Calls fail at once while the channel cannot connect (no wait for
    // ready), so an unreachable cluster costs retries, not the whole deadline.
    grpc::ClientContext context;
    context.set_deadline(wall_deadline);
    context.set_wait_for_ready(false);
    context.AddMetadata("authorization", authorization_.Reveal());

    const Clock::time_point sent = Clock::now();
    outcome.response.Clear();
    outcome.status = (stub_.get()->*stub_method)(&context, request, &outcome.response);
    std::string peer = context.peer();
    TraceStatus(log_, traced, outcome.status, peer, Since(sent));
    if (outcome.status.ok()) {
      TraceResponse(log_, traced, outcome.response);
      return outcome;
    }

    outcome.failure = {outcome.status, ReachedServer(outcome.status, peer)};
    if (attempt == 1) {
      outcome.first_failure = outcome.failure;
    }
    if (!IsRetryable(outcome.failure) || outcome.retries >= options_.retry.max_retries) {
      return outcome;
    }
    const milliseconds pause = options_.retry.DelayBefore(outcome.retries + 1);
    if (Clock::now() + pause >= deadline) {
      log_.Debug(std::string(CallName(call)) + ": " +
                 std::string(StatusCodeName(outcome.status.error_code())) +
                 "; no retry, the next one would start past the --timeout deadline");
      return outcome;
    }
    if (log_.Enabled(LogLevel::kDebug)) {
      std::string detail =
          WithoutCredential(outcome.status.error_message(), connection_.credential);
      log_.Debug(std::string(CallName(call)) + ": " +
                 std::string(StatusCodeName(outcome.status.error_code())) + " (" + detail +
                 "); retry " + std::to_string(outcome.retries + 1) + " of " +
                 std::to_string(options_.retry.max_retries) + " in " +
                 std::to_string(pause.count()) + "ms" +
                 (call == Call::kCreate ? " with the same idempotency key" : ""));
    }
    outcome.failed_after_reaching_server |= outcome.failure.reached_server;
    std::this_thread::sleep_for(pause);
    ++outcome.retries;
  }
}

bool GrpcTransport::ReachedServer(const grpc::Status& status, const std::string& peer) const {
  // gRPC's own words for a connection that was never made.
  const std::string& message = status.error_message();
  if (message.starts_with("failed to connect to all addresses") ||
      message.starts_with("DNS resolution failed")) {
    return false;
  }
  // The peer is the server's address once it has answered, and the channel's
  // target before that; a call still waiting for its answer when the deadline
  // came was sent if the connection was up.
  if (!peer.empty() && peer != options_.address.Target()) {
    return true;
  }
  return channel_->GetState(false) == GRPC_CHANNEL_READY;
}

template <typename Response>
CallFailure GrpcTransport::FailureToReport(const Outcome<Response>& outcome) {
  bool never_connected = !outcome.failure.reached_server && !outcome.failed_after_reaching_server;
  if (never_connected && outcome.retries > 0 &&
      outcome.failure.status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    return outcome.first_failure;
  }
  return outcome.failure;
}

Result<CreatedToken> GrpcTransport::Create(const CreateRequest& request) {
  v1::CreateManagementTokenRequest wire = MakeCreateRequest(request, connection_);
  auto outcome = Invoke(Call::kCreate, "CreateManagementToken",
                        &v1::ManagementTokens::Stub::CreateManagementToken, wire);
  if (!outcome.status.ok()) {
    CallSite site{Call::kCreate, options_.address.authority, "", connection_};
    return DescribeFailure(FailureToReport(outcome), site, outcome.retries);
  }
  Result<CreatedToken> created = ReadCreateResponse(outcome.response, options_.address.authority);

  // The secret now lives in the Secret, which wipes it; leave no copy behind.
  std::string* raw = outcome.response.mutable_access_token();
  std::fill(raw->begin(), raw->end(), '\0');
  return created;
}

Result<std::vector<ManagementToken>> GrpcTransport::List() {
  v1::ListManagementTokensRequest wire = MakeListRequest(connection_);
  auto outcome = Invoke(Call::kList, "ListManagementTokens",
                        &v1::ManagementTokens::Stub::ListManagementTokens, wire);
  if (!outcome.status.ok()) {
    CallSite site{Call::kList, options_.address.authority, "", connection_};
    return DescribeFailure(FailureToReport(outcome), site, outcome.retries);
  }
  return ReadListResponse(outcome.response, options_.address.authority);
}

Status GrpcTransport::Revoke(std::string_view token_id) {
  v1::RevokeManagementTokenRequest wire = MakeRevokeRequest(token_id, connection_);
  auto outcome = Invoke(Call::kRevoke, "RevokeManagementToken",
                        &v1::ManagementTokens::Stub::RevokeManagementToken, wire);
  if (outcome.status.ok()) {
    return Status::Ok();
  }

  // An earlier attempt reached the server and lost its answer; "already
  // revoked" now most likely means that attempt did the work.
  if (outcome.failed_after_reaching_server &&
      outcome.status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    log_.Debug("revoke: token " + std::string(token_id) +
               " is revoked; taking FAILED_PRECONDITION on a retry as the earlier attempt's "
               "success");
    return Status::Ok();
  }
  CallSite site{Call::kRevoke, options_.address.authority, token_id, connection_};
  return DescribeFailure(FailureToReport(outcome), site, outcome.retries);
}

}  // namespace influxctl::grpc_plugin
