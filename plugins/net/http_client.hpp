// SPDX-License-Identifier: Apache-2.0
//
// One HTTP request and its answer over a fresh connection, for the plugins
// that speak HTTP (the REST transport, the vault output): to the host
// directly or through a proxy (a CONNECT tunnel for TLS, an absolute-form
// request otherwise), TLS through the layer the plugin loaded, and all of it
// (name lookup, connect, tunnel, handshake, request and answer) bounded by
// one deadline. Send adds only Content-Length and Connection: close; the
// caller gives every other header. It never retries and never judges a
// status code: a failure says how far the exchange got, so the caller can
// tell whether repeating it is safe. A secret header's value is overwritten
// in memory once sent, and an answer body is wiped before a failure is
// returned. Nothing throws out of Send. A client may be used by one thread
// at a time.

#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <influxctl/secret.hpp>

#include "deadline.hpp"
#include "tls_layer.hpp"

namespace influxctl::net {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An HTTP proxy; the password is sent only in Proxy-Authorization.
struct Proxy {
  std::string host;
  std::uint16_t port = 1080;
  std::string username;  // empty: no proxy authentication
  std::string password;
};

struct Endpoint {
  std::string host;  // a name or an IP address, without brackets
  std::uint16_t port = 443;
  std::shared_ptr<TlsLayer> tls;  // null: plain HTTP
  std::optional<Proxy> proxy;     // unset: a direct connection
  // An answer body larger than this is refused, not buffered.
  std::size_t max_answer_bytes = 4 * 1024 * 1024;
};

// A header whose value is a secret: "Authorization: Bearer <secret>".
struct SecretHeader {
  std::string name;
  std::string prefix;  // written before the secret, e.g. "Bearer "
  const Secret* value = nullptr;
};

struct HttpRequest {
  std::string method;  // "GET", "POST", "DELETE"
  std::string target;  // absolute path on the host, already encoded
  // Sent with Content-Length when not empty, or for POST. A view: the caller
  // keeps (and wipes, if it holds a secret) the body.
  std::string_view body;
  HeaderList headers;  // Host and everything else the call carries
  std::vector<SecretHeader> secret_headers;
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
  kProxy,        // the proxy would not open a tunnel or forward the request
  kClosed,       // the server closed the connection without answering
  kTruncated,    // the answer was cut short
  kTooLarge,     // the answer was larger than Endpoint::max_answer_bytes
  kOther,
};

// The steps of an exchange, in order; a failure says where it stopped.
enum class Step { kLookup, kConnect, kTunnel, kHandshake, kSend, kReceive };

// "looking up the host name", "in the TLS handshake", ...: for messages.
std::string_view DescribeStep(Step step);

struct HttpFailure {
  FailureKind kind = FailureKind::kOther;
  // False when the request never fully left this process, so the server
  // cannot have acted on it and repeating it is safe.
  bool request_sent = false;
  bool via_proxy = false;
  std::string detail;  // the library's words, for the end of a message
  Step step = Step::kConnect;
};

using HttpOutcome = std::variant<HttpResponse, HttpFailure>;

// Called with the answer as received, before it is judged, for trace logs.
using AnswerObserver = std::function<void(const HttpResponse&, std::chrono::milliseconds took)>;

class HttpClient {
 public:
  explicit HttpClient(Endpoint endpoint) : endpoint_(std::move(endpoint)) {}

  const Endpoint& endpoint() const { return endpoint_; }

  HttpOutcome Send(const HttpRequest& request,
                   const Deadline& deadline,
                   const AnswerObserver& observe = {}) const;

 private:
  HttpOutcome Exchange(const HttpRequest& request,
                       const Deadline& deadline,
                       const AnswerObserver& observe) const;

  Endpoint endpoint_;
};

}  // namespace influxctl::net
