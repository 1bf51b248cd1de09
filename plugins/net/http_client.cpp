// SPDX-License-Identifier: Apache-2.0
//
// One HTTP exchange (see http_client.hpp): connect (connection.cpp), send
// the request, read the whole answer, all within the deadline the watch
// enforces. Each exchange has its own connection and closes it. An answer
// that arrived whole is kept even when the deadline passes a moment later:
// for a create, throwing it away would lose a token the server has minted.

#include "http_client.hpp"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <algorithm>
#include <array>
#include <istream>
#include <ostream>

#include "connection.hpp"

namespace influxctl::net {
namespace {

// Overwrites a string that held a secret before its memory is given back.
void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

HttpFailure Failure(FailureKind kind,
                    bool request_sent,
                    const Endpoint& endpoint,
                    std::string detail) {
  return HttpFailure{kind, request_sent, endpoint.proxy.has_value(), std::move(detail),
                     request_sent ? Step::kReceive : Step::kSend};
}

std::string Origin(const Endpoint& endpoint) {
  return std::string(endpoint.tls ? "https://" : "http://") +
         Authority(endpoint.host, endpoint.port);
}

// Overwrites, on every way out, the headers of a request that carry a
// secret (the credential, the proxy's password) once they have been sent.
class SecretHeadersWipe {
 public:
  explicit SecretHeadersWipe(Poco::Net::HTTPRequest& request) : request_(request) {}
  ~SecretHeadersWipe() {
    for (const std::string& name : names_) {
      if (request_.has(name)) {
        request_.set(name, std::string(request_.get(name).size(), '\0'));  // in place
      }
    }
  }
  SecretHeadersWipe(const SecretHeadersWipe&) = delete;
  SecretHeadersWipe& operator=(const SecretHeadersWipe&) = delete;

  void Add(std::string name) { names_.push_back(std::move(name)); }

 private:
  Poco::Net::HTTPRequest& request_;
  std::vector<std::string> names_;
};

// A read buffer that is overwritten on every way out: it held the answer,
// which may carry a new token.
struct WipedBuffer {
  std::array<char, 16 * 1024> bytes{};
  ~WipedBuffer() { bytes.fill('\0'); }
};

}  // namespace

std::string_view DescribeStep(Step step) {
  switch (step) {
    case Step::kLookup:
      return "looking up the host name";
    case Step::kConnect:
      return "connecting";
    case Step::kTunnel:
      return "waiting for the proxy to open a tunnel";
    case Step::kHandshake:
      return "in the TLS handshake";
    case Step::kSend:
      return "sending the request";
    case Step::kReceive:
      return "waiting for the answer";
  }
  return "exchanging";
}

std::optional<std::string> HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, std::string(name)) == 0) {
      return value;
    }
  }
  return std::nullopt;
}

HttpOutcome HttpClient::Send(const HttpRequest& request,
                             const Deadline& deadline,
                             const AnswerObserver& observe) const {
  try {
    return Exchange(request, deadline, observe);
  } catch (const std::exception& error) {
    // Only setting up (the watch's thread) can get here: nothing was sent.
    return Failure(FailureKind::kOther, false, endpoint_, error.what());
  }
}

HttpOutcome HttpClient::Exchange(const HttpRequest& request,
                                 const Deadline& deadline,
                                 const AnswerObserver& observe) const {
  if (deadline.Passed()) {
    return Failure(FailureKind::kTimeout, false, endpoint_, "no time was left to start");
  }
  const auto started = Deadline::Clock::now();
  bool sent = false;

  // Declared before the session, so the session (and its socket) goes first.
  DeadlineWatch watch(deadline);
  if (endpoint_.tls) {
    endpoint_.tls->ForgetVerdict();
  }
  try {
    Connected connected = Connect(endpoint_, deadline, watch);
    if (auto* failure = std::get_if<HttpFailure>(&connected)) {
      return *failure;
    }
    auto& session = std::get<std::unique_ptr<Poco::Net::HTTPClientSession>>(connected);
    session->setKeepAlive(false);

    // The request. A proxy that forwards plain HTTP is given the whole URL.
    const bool forwarded = endpoint_.proxy && !endpoint_.tls;
    Poco::Net::HTTPRequest http(request.method,
                                forwarded ? Origin(endpoint_) + request.target : request.target,
                                Poco::Net::HTTPMessage::HTTP_1_1);
    SecretHeadersWipe wipe(http);
    for (const auto& [name, value] : request.headers) {
      http.set(name, value);
    }
    for (const SecretHeader& header : request.secret_headers) {
      std::string value = header.prefix + header.value->Reveal();
      http.set(header.name, value);
      Wipe(value);
      wipe.Add(header.name);
    }
    if (forwarded && !endpoint_.proxy->username.empty()) {
      Poco::Net::HTTPBasicCredentials(endpoint_.proxy->username, endpoint_.proxy->password)
          .proxyAuthenticate(http);
      wipe.Add("Proxy-Authorization");
    }
    http.setKeepAlive(false);
    if (!request.body.empty() || request.method == "POST") {
      http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }

    // Send.
    session->socket().setSendTimeout(TimeLeft(deadline));
    std::ostream& out = session->sendRequest(http);
    out << request.body;
    out.flush();
    if (!out.good()) {
      if (const Poco::Exception* error = session->networkException()) {
        return FailureFrom(*error, endpoint_, Step::kSend, watch.Fired());
      }
      return Failure(FailureKind::kReset, false, endpoint_, "the request could not be written");
    }
    sent = true;

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
    WipedBuffer buffer;
    while (in.read(buffer.bytes.data(), buffer.bytes.size()) || in.gcount() > 0) {
      response.body.append(buffer.bytes.data(), static_cast<std::size_t>(in.gcount()));
      if (response.body.size() > endpoint_.max_answer_bytes) {
        Wipe(response.body);
        return Failure(FailureKind::kTooLarge, true, endpoint_,
                       "more than " + std::to_string(endpoint_.max_answer_bytes) + " bytes");
      }
    }
    if (observe) {
      observe(response, std::chrono::duration_cast<std::chrono::milliseconds>(
                            Deadline::Clock::now() - started));
    }

    // Whole means as long as announced, or chunked to its end; an answer
    // delimited by the close is whole only if the close was the server's.
    const bool whole = !in.bad() && (answer.hasContentLength()
                                         ? static_cast<Poco::Int64>(response.body.size()) >=
                                               answer.getContentLength64()
                                         : answer.getChunkedTransferEncoding() || !watch.Fired());
    if (whole) {
      return response;
    }
    const std::size_t got = response.body.size();
    Wipe(response.body);
    if (watch.Fired()) {
      return Failure(FailureKind::kTimeout, true, endpoint_, "while reading the answer");
    }
    if (in.bad()) {
      if (const Poco::Exception* error = session->networkException()) {
        return FailureFrom(*error, endpoint_, Step::kReceive, false);
      }
      return Failure(FailureKind::kTruncated, true, endpoint_, "reading the body failed");
    }
    return Failure(FailureKind::kTruncated, true, endpoint_,
                   "got " + std::to_string(got) + " of the " +
                       std::to_string(answer.getContentLength64()) + " bytes announced");
  } catch (const Poco::Exception& error) {
    return FailureFrom(error, endpoint_, sent ? Step::kReceive : Step::kSend, watch.Fired());
  } catch (const std::exception& error) {
    return Failure(watch.Fired() ? FailureKind::kTimeout : FailureKind::kOther, sent, endpoint_,
                   error.what());
  }
}

}  // namespace influxctl::net
