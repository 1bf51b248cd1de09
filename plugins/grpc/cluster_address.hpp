// SPDX-License-Identifier: Apache-2.0
//
// Where the gRPC transport connects: the profile's host and port checked and
// turned into a gRPC target, the authority the server's certificate is checked
// against, and whether the address is loopback (never sent through a proxy).
// Checking looks at the text only; it never resolves a name or opens a socket.
// Pure values and functions, safe from any thread.

#pragma once

#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/transport.hpp>

namespace influxctl::grpc_plugin {

inline constexpr std::string_view kDefaultPort = "443";

struct ClusterAddress {
  std::string host;       // as written, without brackets: "cluster.example.com", "::1"
  std::string port;       // digits, "443" when the profile names none
  std::string authority;  // "host:port", an IPv6 literal in brackets: "[::1]:443"
  bool loopback = false;  // localhost, 127.0.0.0/8 or ::1

  // The channel target: an explicit dns:/// scheme, so no host name is ever
  // taken for a URI scheme.
  std::string Target() const { return "dns:///" + authority; }
};

// Checks connection.host and connection.port. A missing host is a usage error
// naming `host`; a malformed host or port is a config error that quotes it.
Result<ClusterAddress> ResolveClusterAddress(const Connection& connection);

// localhost (and names under .localhost), 127.0.0.0/8 and ::1, also in their
// IPv4-mapped IPv6 form. Other names are not resolved to find out.
bool IsLoopbackHost(std::string_view host);

}  // namespace influxctl::grpc_plugin
