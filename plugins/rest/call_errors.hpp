// SPDX-License-Identifier: Apache-2.0
//
// The messages a user sees when a REST call fails: a failed exchange becomes
// a kTransport error, an HTTP error answer a kServer error, each saying what
// happened, where (host, port, URL, token id, where the credential came from)
// and what to do. Server text reaches the message as the documented
// {"code", "message"} or, for any other body, as a short printable excerpt
// with secrets redacted. A create that may have reached the server says that
// a token may exist. Pure functions.

#pragma once

#include <optional>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>

#include "api_client.hpp"
#include "rest_settings.hpp"

namespace influxctl::rest {

enum class CallKind { kCreate, kList, kRevoke };

// What was being done, for messages.
struct CallSubject {
  CallKind kind = CallKind::kList;
  std::string method;
  std::string url;
  std::string token_id;  // revoke only
  int retries = 0;       // how many retries were made before giving up
};

Error FailureError(const net::HttpFailure& failure,
                   const RestOptions& options,
                   const CallSubject& subject);

// `response` is an answer the call cannot use: an HTTP error, a redirect or
// an unexpected success code.
Error ResponseError(const net::HttpResponse& response,
                    const RestOptions& options,
                    const CallSubject& subject,
                    const Secret& credential);

// "HTTP 503 Service Unavailable: <what the body says>", for logs and messages.
std::string DescribeAnswer(const net::HttpResponse& response, const Secret& credential);

}  // namespace influxctl::rest
