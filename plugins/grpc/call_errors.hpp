// SPDX-License-Identifier: Apache-2.0
//
// What a failed gRPC call means for the user, and whether it is worth
// repeating. A call that never reached the server (no connection, TLS
// refused) is told apart from one the server answered with an error: the
// first is a transport error ("cannot connect to HOST:PORT: ..."), the second
// a server error carrying the server's message. Messages name what to check
// (the credential's source, the CA file, --timeout) and never hold the
// credential, even when a server echoes it. Pure functions.

#pragma once

#include <grpcpp/support/status.h>

#include <chrono>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/transport.hpp>

namespace influxctl::grpc_plugin {

enum class Call { kCreate, kList, kRevoke };

std::string_view CallName(Call call);                    // "create"
std::string_view StatusCodeName(grpc::StatusCode code);  // "UNAVAILABLE"

// One failed attempt, as the retry loop sees it.
struct CallFailure {
  grpc::Status status;
  bool reached_server = false;  // a server answered; false: the connection failed
};

// Everything a message may need to name.
struct CallSite {
  Call call;
  std::string_view authority;  // "localhost:8443"
  std::string_view token_id;   // revoke only
  const Connection& connection;
};

// TLS handshake and certificate failures: repeating cannot fix them.
bool IsTlsFailure(const grpc::Status& status);

// UNAVAILABLE, RESOURCE_EXHAUSTED and CANCELLED (this transport never
// cancels, so the server or a proxy did), except failures that a repeat cannot
// fix: TLS refused, a host name that does not exist, an answer over gRPC's
// size limit. A retried create carries the same idempotency key, so repeating
// one never mints a second token.
bool IsRetryable(const CallFailure& failure);

// The error the user sees for the last failed attempt. `retries` is how many
// retries were made before giving up, for the message.
Error DescribeFailure(const CallFailure& failure, const CallSite& site, int retries);

// `text` with every occurrence of the credential replaced by [redacted]; for
// anything a server or gRPC wrote that ends up in a message or a log.
std::string WithoutCredential(std::string text, const Secret& credential);

}  // namespace influxctl::grpc_plugin
