// SPDX-License-Identifier: Apache-2.0
//
// Opening a connection (see connection.hpp), step by step: look up, connect,
// tunnel, handshake. The sockets are Poco's, so the HTTP session built on
// them reads and writes as Poco's own sessions do.

#include "connection.hpp"

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>

#include "name_lookup.hpp"

namespace influxctl::net {
namespace {

// Poco keeps a timeout's seconds in an int; a year is far inside it.
constexpr std::int64_t kLongestPocoTimeoutMs = 365LL * 24 * 3600 * 1000;

HttpFailure ConnectFailure(FailureKind kind, Step step, std::string detail) {
  return HttpFailure{kind, false, false, std::move(detail), step};
}

// A TCP connection to the first of the host's addresses that accepts one.
// Each attempt but the last gets an equal share of the time left.
std::variant<Poco::Net::StreamSocket, HttpFailure> ConnectTcp(const std::string& host,
                                                              std::uint16_t port,
                                                              const Deadline& deadline) {
  auto found = LookUp(host, port, deadline);
  if (auto* failure = std::get_if<HttpFailure>(&found)) {
    failure->step = Step::kLookup;
    return *failure;
  }
  const auto& addresses = std::get<std::vector<Poco::Net::SocketAddress>>(found);
  std::optional<HttpFailure> last;
  for (std::size_t i = 0; i < addresses.size() && !deadline.Passed(); ++i) {
    const auto remaining = static_cast<std::int64_t>(addresses.size() - i);
    const Poco::Timespan share(std::max<Poco::Timespan::TimeDiff>(
        TimeLeft(deadline).totalMicroseconds() / remaining, 1000));
    try {
      Poco::Net::StreamSocket socket(addresses[i].family());
      socket.connect(addresses[i], share);
      return socket;
    } catch (const Poco::TimeoutException&) {
      last = ConnectFailure(FailureKind::kTimeout, Step::kConnect,
                            addresses[i].toString() + " did not answer");
    } catch (const Poco::Net::ConnectionRefusedException& error) {
      last = ConnectFailure(FailureKind::kRefused, Step::kConnect, error.displayText());
    } catch (const Poco::Exception& error) {
      last = ConnectFailure(FailureKind::kOther, Step::kConnect, error.displayText());
    }
  }
  if (deadline.Passed()) {
    return ConnectFailure(FailureKind::kTimeout, Step::kConnect,
                          "while connecting to " + Authority(host, port));
  }
  if (!last) {
    return ConnectFailure(FailureKind::kResolve, Step::kLookup, "no usable address for " + host);
  }
  return *last;
}

// Asks the proxy on `socket` for a tunnel to the server; nothing means the
// tunnel is open. Throws what the exchange with the proxy throws.
std::optional<HttpFailure> OpenTunnel(Poco::Net::StreamSocket& socket, const Endpoint& endpoint) {
  const Proxy& proxy = *endpoint.proxy;
  const std::string target = Authority(endpoint.host, endpoint.port);

  Poco::Net::HTTPClientSession tunnel(socket);
  tunnel.setKeepAlive(true);  // the connection stays open for the tunnelled bytes
  Poco::Net::HTTPRequest request("CONNECT", target, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setHost(target);
  if (!proxy.username.empty()) {
    Poco::Net::HTTPBasicCredentials(proxy.username, proxy.password).proxyAuthenticate(request);
  }
  try {
    tunnel.sendRequest(request);
  } catch (...) {
    request.erase("Proxy-Authorization");
    throw;
  }
  request.erase("Proxy-Authorization");  // the password, encoded, is not kept

  Poco::Net::HTTPResponse answer;
  tunnel.receiveResponse(answer);
  if (answer.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    return HttpFailure{FailureKind::kProxy, false, true,
                       "the proxy answered CONNECT " + target + " with " +
                           std::to_string(static_cast<int>(answer.getStatus())) + " " +
                           answer.getReason(),
                       Step::kTunnel};
  }
  socket = tunnel.detachSocket();
  return std::nullopt;
}

}  // namespace

std::string Authority(const std::string& host, std::uint16_t port) {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Poco::Timespan TimeLeft(const Deadline& deadline) {
  auto left = std::clamp<std::int64_t>(deadline.Left().count(), 1, kLongestPocoTimeoutMs);
  return Poco::Timespan(left * 1000);
}

Connected Connect(const Endpoint& endpoint, const Deadline& deadline, DeadlineWatch& watch) {
  const bool via_proxy = endpoint.proxy.has_value();

  // The TCP connection, to the proxy if there is one.
  auto opened = via_proxy ? ConnectTcp(endpoint.proxy->host, endpoint.proxy->port, deadline)
                          : ConnectTcp(endpoint.host, endpoint.port, deadline);
  if (auto* failure = std::get_if<HttpFailure>(&opened)) {
    failure->via_proxy = via_proxy;
    return *failure;
  }
  auto& socket = std::get<Poco::Net::StreamSocket>(opened);

  // From here on the deadline holds the socket, whatever the peer does.
  watch.Watch(static_cast<int>(socket.impl()->sockfd()));
  Step step = Step::kConnect;
  try {
    socket.setNoDelay(true);
    socket.setSendTimeout(TimeLeft(deadline));
    socket.setReceiveTimeout(TimeLeft(deadline));

    // Plain HTTP goes to the proxy as it is; TLS needs a tunnel to the server.
    if (!endpoint.tls) {
      return std::make_unique<Poco::Net::HTTPClientSession>(socket);
    }
    if (via_proxy) {
      step = Step::kTunnel;
      std::optional<HttpFailure> refused;
      try {
        refused = OpenTunnel(socket, endpoint);
      } catch (const Poco::Exception& error) {
        refused = FailureFrom(error, endpoint, step, watch.Fired());
        if (refused->kind != FailureKind::kTimeout) {
          refused->kind = FailureKind::kProxy;  // the proxy hung up or spoke nonsense
        }
      }
      if (refused) {
        return *refused;
      }
      socket.setReceiveTimeout(TimeLeft(deadline));
    }
    step = Step::kHandshake;
    return endpoint.tls->Open(socket);
  } catch (const Poco::Exception& error) {
    return FailureFrom(error, endpoint, step, watch.Fired());
  }
}

HttpFailure FailureFrom(const Poco::Exception& error,
                        const Endpoint& endpoint,
                        Step step,
                        bool deadline_passed) {
  HttpFailure failure{FailureKind::kOther, step == Step::kReceive, endpoint.proxy.has_value(),
                      error.displayText(), step};
  std::optional<TlsFailure> tls = endpoint.tls ? endpoint.tls->Explain(error) : std::nullopt;
  if (deadline_passed || dynamic_cast<const Poco::TimeoutException*>(&error) != nullptr) {
    failure.kind = FailureKind::kTimeout;
  } else if (tls) {
    failure.kind = tls->certificate ? FailureKind::kCertificate : FailureKind::kTls;
    failure.detail = tls->detail;
    if (tls->client_refused) {
      failure.request_sent = false;
      failure.step = Step::kHandshake;
    }
  } else if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&error) != nullptr) {
    failure.kind = FailureKind::kRefused;
  } else if (dynamic_cast<const Poco::Net::ConnectionResetException*>(&error) != nullptr ||
             dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&error) != nullptr) {
    failure.kind = FailureKind::kReset;
  } else if (dynamic_cast<const Poco::Net::NoMessageException*>(&error) != nullptr) {
    failure.kind = FailureKind::kClosed;
  }
  return failure;
}

}  // namespace influxctl::net
