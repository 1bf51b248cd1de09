// SPDX-License-Identifier: Apache-2.0
//
// Opens the connection one exchange runs on (see http_client.hpp): looks up
// the host, or the proxy's, connects to the first of its addresses that
// answers (each attempt may use its share of the time left, the last one all
// of it, so one black-holed address does not use up the call),
// opens a CONNECT tunnel through the proxy when the server speaks TLS, and
// runs the TLS handshake. The socket is handed to the call's deadline watch
// as soon as it is connected, so the tunnel and the handshake end when the
// deadline passes, however slowly the peer answers; the lookup and each
// connect attempt are bounded by the time left. Nothing is sent to the
// server here, so every failure is safe to retry.

#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Timespan.h>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>

#include "deadline.hpp"
#include "http_client.hpp"

namespace influxctl::net {

using Connected = std::variant<std::unique_ptr<Poco::Net::HTTPClientSession>, HttpFailure>;

// A session over a connected socket (through the tunnel and TLS when the
// endpoint has them), which `watch` holds to the deadline.
Connected Connect(const Endpoint& endpoint, const Deadline& deadline, DeadlineWatch& watch);

// Sorts an exception from `step` of an exchange into what the caller needs
// to know. `deadline_passed` wins over what the library said.
HttpFailure FailureFrom(const Poco::Exception& error,
                        const Endpoint& endpoint,
                        Step step,
                        bool deadline_passed);

// "host:port", with an IPv6 address in brackets.
std::string Authority(const std::string& host, std::uint16_t port);

// The time left as a Poco timeout: never zero, which Poco reads as
// "forever", and at most a year, since Poco keeps seconds in an int.
Poco::Timespan TimeLeft(const Deadline& deadline);

}  // namespace influxctl::net
