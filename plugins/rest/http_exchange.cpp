// SPDX-License-Identifier: Apache-2.0
//
// One HTTP exchange on Poco (see http_exchange.hpp). Each exchange opens its
// own session with every timeout set to the time left, and a DeadlineWatch
// that ends the connection when the deadline passes, whatever Poco is doing.
// The session reports how far it got (connect, send, receive) so a failure
// can say whether the request left. Poco's HTTPS session is given the host
// by name, so SNI and the certificate check use the name the profile gives.
//
// TODO: the watch can only take a socket once Poco has connected it, so the
// connect stage is bounded step by step instead: name lookup (getaddrinfo,
// not bounded at all), TCP connect, a proxy's CONNECT exchange and the TLS
// handshake each get the time left when the stage began. A peer that stalls
// at every step can stretch that stage to a few times the time left; bounding
// it as a whole needs a socket this code creates and connects itself.

#include "http_exchange.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <memory>
#include <ostream>

#include "redaction.hpp"
#include "tls_context.hpp"

namespace influxctl::rest {
namespace {

// No management answer comes near this; a larger one is refused, not buffered.
constexpr std::size_t kMaxResponseBytes = 16 * 1024 * 1024;

enum class Stage { kConnect, kSend, kReceive };

// A Poco session that reports when it has connected and hands the connected
// socket to the deadline watch.
template <typename Base>
class WatchedSession : public Base {
 public:
  template <typename... Args>
  WatchedSession(DeadlineWatch& watch, Stage& stage, Args&&... args)
      : Base(std::forward<Args>(args)...), watch_(watch), stage_(stage) {}

 protected:
  void connect(const Poco::Net::SocketAddress& address) override {
    Base::connect(address);
    watch_.Watch(static_cast<int>(this->socket().impl()->sockfd()));
    stage_ = Stage::kSend;
  }

 private:
  DeadlineWatch& watch_;
  Stage& stage_;
};

Poco::Timespan TimeLeft(const Deadline& deadline) {
  // Never zero: Poco reads a zero timeout as "wait forever".
  auto left = std::max<std::int64_t>(deadline.Left().count(), 1);
  return Poco::Timespan(left * 1000);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Sorts a Poco exception into what the caller needs to know.
HttpFailure Classify(const Poco::Exception& error, Stage stage, bool fired, bool via_proxy) {
  HttpFailure failure;
  failure.request_sent = stage == Stage::kReceive;
  failure.via_proxy = via_proxy;
  failure.detail = error.displayText();
  std::string certificate = TakeCertificateFailure();

  if (fired || dynamic_cast<const Poco::TimeoutException*>(&error) != nullptr) {
    failure.kind = FailureKind::kTimeout;
  } else if (!certificate.empty()) {
    failure.kind = FailureKind::kCertificate;
    failure.detail = certificate;
  } else if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&error) != nullptr) {
    failure.kind = FailureKind::kRefused;
  } else if (dynamic_cast<const Poco::Net::ConnectionResetException*>(&error) != nullptr ||
             dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&error) != nullptr) {
    failure.kind = FailureKind::kReset;
  } else if (dynamic_cast<const Poco::Net::DNSException*>(&error) != nullptr) {
    failure.kind = FailureKind::kResolve;
  } else if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&error) != nullptr ||
             dynamic_cast<const Poco::Net::InvalidCertificateException*>(&error) != nullptr) {
    failure.kind = FailureKind::kCertificate;
  } else if (dynamic_cast<const Poco::Net::SSLException*>(&error) != nullptr) {
    failure.kind = FailureKind::kTls;
  } else if (dynamic_cast<const Poco::Net::HTTPException*>(&error) != nullptr &&
             stage == Stage::kConnect && via_proxy) {
    failure.kind = FailureKind::kProxy;
  } else if (dynamic_cast<const Poco::Net::NoMessageException*>(&error) != nullptr) {
    failure.kind = FailureKind::kClosed;
  } else {
    failure.kind = FailureKind::kOther;
  }
  return failure;
}

HttpFailure Failure(FailureKind kind, bool request_sent, bool via_proxy, std::string detail) {
  return HttpFailure{kind, request_sent, via_proxy, std::move(detail)};
}

}  // namespace

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

HttpClient::HttpClient(RestOptions options,
                       Poco::Net::Context::Ptr tls,
                       const Secret& credential,
                       Log& log)
    : options_(std::move(options)), tls_(std::move(tls)), credential_(credential), log_(log) {}

HttpOutcome HttpClient::Send(const HttpRequest& request, const Deadline& deadline) {
  const bool via_proxy = options_.proxy.has_value();
  if (deadline.Passed()) {
    return Failure(FailureKind::kTimeout, false, via_proxy, "no time was left to start");
  }
  const auto started = Deadline::Clock::now();
  Stage stage = Stage::kConnect;

  // Declared before the session, so the session (and its socket) goes first.
  DeadlineWatch watch(deadline);
  TakeCertificateFailure();
  try {
    // The session: to the host by name, through the proxy if there is one.
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (tls_.isNull()) {
      session = std::make_unique<WatchedSession<Poco::Net::HTTPClientSession>>(
          watch, stage, options_.host, options_.port);
    } else {
      session = std::make_unique<WatchedSession<Poco::Net::HTTPSClientSession>>(
          watch, stage, options_.host, options_.port, tls_);
    }
    Poco::Net::HTTPClientSession::ProxyConfig proxy;
    if (via_proxy) {
      proxy.host = options_.proxy->host;
      proxy.port = options_.proxy->port;
      proxy.username = options_.proxy->username;
      proxy.password = options_.proxy->password;
      proxy.authMethod = options_.proxy->username.empty()
                             ? Poco::Net::HTTPClientSession::PROXY_AUTH_NONE
                             : Poco::Net::HTTPClientSession::PROXY_AUTH_HTTP_BASIC;
    }
    session->setProxyConfig(proxy);  // an empty one also overrides Poco's global setting
    session->setKeepAlive(false);
    session->setTimeout(TimeLeft(deadline), TimeLeft(deadline), TimeLeft(deadline));

    // The request, with the headers every call carries.
    Poco::Net::HTTPRequest http(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
    HeaderList headers = {
        {"Host", options_.Origin().substr(options_.scheme.size() + 3)},
        {"User-Agent", options_.user_agent},
        {"Accept", "application/json"},
        {"Authorization", "Bearer " + credential_.Reveal()},
    };
    if (!request.body.empty()) {
      headers.emplace_back("Content-Type", "application/json");
    }
    headers.insert(headers.end(), request.headers.begin(), request.headers.end());
    for (const auto& [name, value] : headers) {
      http.set(name, value);
    }
    http.setKeepAlive(false);
    if (!request.body.empty() || request.method == "POST") {
      http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }
    if (log_.Enabled(LogLevel::kTrace)) {
      TraceRequest(request.method, options_.Url(request.path), headers, request.body);
    }

    // Send: connecting happens here, bounded by the time left.
    std::ostream& out = session->sendRequest(http);
    out << request.body;
    out.flush();
    if (!out.good()) {
      if (const Poco::Exception* error = session->networkException()) {
        return Classify(*error, stage, watch.Fired(), via_proxy);
      }
      return Failure(FailureKind::kReset, false, via_proxy, "the request could not be written");
    }
    stage = Stage::kReceive;

    // Receive: the status line, headers and the whole body, within the time left.
    session->socket().setReceiveTimeout(TimeLeft(deadline));
    Poco::Net::HTTPResponse answer;
    std::istream& in = session->receiveResponse(answer);
    HttpResponse response;
    response.status = static_cast<int>(answer.getStatus());
    response.reason = answer.getReason();
    for (const auto& [name, value] : answer) {
      response.headers.emplace_back(name, value);
    }
    char buffer[16 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      response.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (response.body.size() > kMaxResponseBytes) {
        return Failure(FailureKind::kTooLarge, true, via_proxy,
                       "more than " + std::to_string(kMaxResponseBytes) + " bytes");
      }
    }
    if (log_.Enabled(LogLevel::kTrace)) {
      TraceResponse(response, std::chrono::duration_cast<std::chrono::milliseconds>(
                                  Deadline::Clock::now() - started));
    }
    if (watch.Fired()) {
      return Failure(FailureKind::kTimeout, true, via_proxy, "while reading the answer");
    }
    if (in.bad()) {
      if (const Poco::Exception* error = session->networkException()) {
        return Classify(*error, stage, watch.Fired(), via_proxy);
      }
      return Failure(FailureKind::kTruncated, true, via_proxy, "reading the body failed");
    }
    if (answer.hasContentLength() &&
        static_cast<Poco::Int64>(response.body.size()) < answer.getContentLength64()) {
      return Failure(FailureKind::kTruncated, true, via_proxy,
                     "got " + std::to_string(response.body.size()) + " of the " +
                         std::to_string(answer.getContentLength64()) + " bytes announced");
    }
    return response;
  } catch (const Poco::Exception& error) {
    return Classify(error, stage, watch.Fired(), via_proxy);
  } catch (const std::exception& error) {
    return Failure(watch.Fired() ? FailureKind::kTimeout : FailureKind::kOther,
                   stage == Stage::kReceive, via_proxy, error.what());
  }
}

void HttpClient::TraceRequest(const std::string& method,
                              const std::string& url,
                              const HeaderList& headers,
                              const std::string& body) {
  std::string via = options_.proxy ? " (through proxy " + options_.proxy->Display() + ")" : "";
  log_.Trace("> " + method + " " + url + " HTTP/1.1" + via);
  for (const auto& [name, value] : headers) {
    log_.Trace("> " + name + ": " + RedactHeader(name, value));
  }
  if (!body.empty()) {
    log_.Trace("> " + RedactBody(body, credential_));
  }
}

void HttpClient::TraceResponse(const HttpResponse& response, std::chrono::milliseconds took) {
  log_.Trace("< " + std::to_string(response.status) + " " + response.reason + " (" +
             std::to_string(took.count()) + " ms)");
  for (const auto& [name, value] : response.headers) {
    log_.Trace("< " + name + ": " + RedactHeader(name, value));
  }
  if (!response.body.empty()) {
    log_.Trace("< " + RedactBody(response.body, credential_));
  }
}

}  // namespace influxctl::rest
