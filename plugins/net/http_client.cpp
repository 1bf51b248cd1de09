// SPDX-License-Identifier: Apache-2.0
//
// One HTTP exchange (see http_client.hpp): connect (connection.cpp), send
// the request, read the whole answer, all within the deadline the watch
// enforces. Each exchange has its own connection and closes it.

#include "http_client.hpp"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <algorithm>
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
  return HttpFailure{kind, request_sent, endpoint.proxy.has_value(), std::move(detail)};
}

std::string Origin(const Endpoint& endpoint) {
  bool ipv6 = endpoint.host.find(':') != std::string::npos;
  return std::string(endpoint.tls ? "https://" : "http://") +
         (ipv6 ? "[" + endpoint.host + "]" : endpoint.host) + ":" + std::to_string(endpoint.port);
}

}  // namespace

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
    for (const auto& [name, value] : request.headers) {
      http.set(name, value);
    }
    for (const SecretHeader& header : request.secret_headers) {
      std::string value = header.prefix + header.value->Reveal();
      http.set(header.name, value);
      Wipe(value);
    }
    if (forwarded && !endpoint_.proxy->username.empty()) {
      Poco::Net::HTTPBasicCredentials(endpoint_.proxy->username, endpoint_.proxy->password)
          .proxyAuthenticate(http);
    }
    http.setKeepAlive(false);
    if (!request.body.empty() || request.method == "POST") {
      http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }

    // Send; the secrets are overwritten in place once the headers have gone.
    session->socket().setSendTimeout(TimeLeft(deadline));
    std::ostream& out = session->sendRequest(http);
    for (const SecretHeader& header : request.secret_headers) {
      http.set(header.name, std::string(header.prefix.size() + header.value->size(), '\0'));
    }
    out << request.body;
    out.flush();
    if (!out.good()) {
      if (const Poco::Exception* error = session->networkException()) {
        return FailureFrom(*error, endpoint_, false, watch.Fired());
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
    char buffer[16 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      response.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (response.body.size() > endpoint_.max_answer_bytes) {
        Wipe(response.body);
        return Failure(FailureKind::kTooLarge, true, endpoint_,
                       "more than " + std::to_string(endpoint_.max_answer_bytes) + " bytes");
      }
    }
    std::fill(std::begin(buffer), std::end(buffer), '\0');
    if (observe) {
      observe(response, std::chrono::duration_cast<std::chrono::milliseconds>(
                            Deadline::Clock::now() - started));
    }

    // Judge only what arrived: whole, in time, as long as announced.
    if (watch.Fired()) {
      Wipe(response.body);
      return Failure(FailureKind::kTimeout, true, endpoint_, "while reading the answer");
    }
    if (in.bad()) {
      Wipe(response.body);
      if (const Poco::Exception* error = session->networkException()) {
        return FailureFrom(*error, endpoint_, true, watch.Fired());
      }
      return Failure(FailureKind::kTruncated, true, endpoint_, "reading the body failed");
    }
    if (answer.hasContentLength() &&
        static_cast<Poco::Int64>(response.body.size()) < answer.getContentLength64()) {
      std::string detail = "got " + std::to_string(response.body.size()) + " of the " +
                           std::to_string(answer.getContentLength64()) + " bytes announced";
      Wipe(response.body);
      return Failure(FailureKind::kTruncated, true, endpoint_, std::move(detail));
    }
    return response;
  } catch (const Poco::Exception& error) {
    return FailureFrom(error, endpoint_, sent, watch.Fired());
  } catch (const std::exception& error) {
    return Failure(watch.Fired() ? FailureKind::kTimeout : FailureKind::kOther, sent, endpoint_,
                   error.what());
  }
}

}  // namespace influxctl::net
