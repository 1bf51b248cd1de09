// SPDX-License-Identifier: Apache-2.0
//
// Turns a host name into the addresses to try, within a call's deadline.
// The system resolver (getaddrinfo) has no timeout of its own, so a name is
// looked up on a thread of its own while the caller waits only as long as
// the deadline allows; an IP address is converted at once, with no lookup.
// IPv4 addresses come first, as Poco orders them.

#pragma once

#include <Poco/Net/SocketAddress.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "deadline.hpp"
#include "http_client.hpp"

namespace influxctl::net {

// The addresses of `host`, or a kResolve or kTimeout failure.
std::variant<std::vector<Poco::Net::SocketAddress>, HttpFailure> LookUp(const std::string& host,
                                                                        std::uint16_t port,
                                                                        const Deadline& deadline);

}  // namespace influxctl::net
