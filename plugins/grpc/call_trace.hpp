// SPDX-License-Identifier: Apache-2.0
//
// The --trace view of each gRPC call: the method, the attempt, the metadata
// sent, the request's fields, the status and peer, and the response's fields.
// The authorization value is always shown as "Bearer [redacted]" and a new
// token's access_token as "[redacted]"; fields unknown to this build are not
// shown at all, since nothing says they are safe. Nothing is formatted unless
// the log's trace level is on, so tracing costs nothing when it is off. A
// credential a server echoes back is scrubbed from every line.

#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <string_view>

#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>

#include "wire_mapping.hpp"

namespace influxctl::grpc_plugin {

struct TracedCall {
  std::string_view method;     // "CreateManagementToken"
  std::string_view authority;  // "localhost:8443"
  int attempt = 1;
  // Scrubbed from every line, in case a server echoes it back.
  const Secret& credential;
};

void TraceRequest(Log& log,
                  const TracedCall& call,
                  std::chrono::milliseconds deadline_left,
                  const google::protobuf::Message& request);

void TraceStatus(Log& log,
                 const TracedCall& call,
                 const grpc::Status& status,
                 std::string_view peer,
                 std::chrono::milliseconds elapsed);

// The one response that holds a secret gets its own overload.
void TraceResponse(Log& log, const TracedCall& call, const google::protobuf::Message& response);
void TraceResponse(Log& log,
                   const TracedCall& call,
                   const v1::CreateManagementTokenResponse& response);

}  // namespace influxctl::grpc_plugin
