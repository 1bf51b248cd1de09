// SPDX-License-Identifier: Apache-2.0
//
// One HTTP request and its answer over a fresh connection: direct or through
// the proxy the environment names (CONNECT tunnel for https), TLS as the
// instance's context says, all of it bounded by the call's deadline. It adds
// the headers every call carries (Host, User-Agent, Accept, Authorization:
// Bearer <credential>) and, at trace level, logs the request and the answer
// with the credential and any secret in a body redacted. It never retries and
// never judges a status code: a failure says how far the exchange got, so the
// caller can tell whether repeating it is safe. Nothing throws out of Send.

#pragma once

#include <Poco/Net/Context.h>

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>

#include "deadline.hpp"
#include "rest_settings.hpp"

namespace influxctl::rest {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE"
  std::string path;    // absolute path on the host, already encoded
  std::string body;    // sent as application/json when not empty
  HeaderList headers;  // besides the ones every call carries
};

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;
  std::string body;

  // The first header called `name` (any case), if present.
  std::optional<std::string> Header(std::string_view name) const;
};

enum class FailureKind {
  kResolve,      // the host name (or the proxy's) did not resolve
  kRefused,      // nothing listens on the port (or on the proxy's)
  kReset,        // the connection was reset or aborted
  kTimeout,      // the call's deadline passed
  kCertificate,  // the server's certificate was refused
  kTls,          // any other TLS failure
  kProxy,        // the proxy would not open a tunnel
  kClosed,       // the server closed the connection without answering
  kTruncated,    // the answer was cut short
  kTooLarge,     // the answer was larger than any management answer can be
  kOther,
};

struct HttpFailure {
  FailureKind kind = FailureKind::kOther;
  // False when the request never fully left this process, so the server
  // cannot have acted on it and repeating it is safe.
  bool request_sent = false;
  bool via_proxy = false;
  std::string detail;  // the library's words, for the end of a message
};

using HttpOutcome = std::variant<HttpResponse, HttpFailure>;

class HttpClient {
 public:
  // `tls` is null for plain http. `credential` and `log` must outlive the client.
  HttpClient(RestOptions options, Poco::Net::Context::Ptr tls, const Secret& credential, Log& log);

  HttpOutcome Send(const HttpRequest& request, const Deadline& deadline);

 private:
  void TraceRequest(const std::string& method,
                    const std::string& url,
                    const HeaderList& headers,
                    const std::string& body);
  void TraceResponse(const HttpResponse& response, std::chrono::milliseconds took);

  RestOptions options_;
  Poco::Net::Context::Ptr tls_;
  const Secret& credential_;
  Log& log_;
};

}  // namespace influxctl::rest
