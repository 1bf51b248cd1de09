// SPDX-License-Identifier: Apache-2.0
//
// Checks the profile's host and port (see cluster_address.hpp). The mistakes
// worth catching early are the ones users make when they paste a URL: a scheme,
// a path or a port inside `host`. Each is refused with the value quoted and the
// spelling that would work.

#include "cluster_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace influxctl::grpc_plugin {
namespace {

std::string Quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

bool IsIpv6Literal(std::string_view host) {
  in6_addr address{};
  return inet_pton(AF_INET6, std::string(host).c_str(), &address) == 1;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool EndsWithIgnoringCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoringCase(text.substr(text.size() - suffix.size()), suffix);
}

Result<std::string> CheckHost(std::string_view written) {
  std::string_view host = written;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);  // "[::1]" as URLs write it
  }

  if (std::string_view::size_type scheme = host.find("://"); scheme != std::string_view::npos) {
    std::string_view rest = host.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/:"));
    return Error::Config("host " + Quoted(written) +
                         " is a URL; write only the host name, as in host = " + Quoted(rest) +
                         ", and the port in port");
  }
  if (IsIpv6Literal(host)) {
    return std::string(host);
  }
  for (char c : host) {
    auto byte = static_cast<unsigned char>(c);
    if (c == ':' || c == '/' || std::isspace(byte) || std::iscntrl(byte)) {
      std::string hint = c == ':' ? "; put the port in port = \"...\"" : "";
      return Error::Config("host " + Quoted(written) + " is not a host name or IP address" + hint);
    }
  }
  return std::string(host);
}

Result<std::string> CheckPort(std::string_view port) {
  if (port.empty()) {
    return std::string(kDefaultPort);
  }
  bool digits = port.size() <= 5 &&
                std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
    return Error::Config("port " + Quoted(port) +
                         " is not a TCP port number; use 1 to 65535, written as a string such "
                         "as port = \"443\"");
  }
  return std::string(port);
}

}  // namespace

Result<ClusterAddress> ResolveClusterAddress(const Connection& connection) {
  if (connection.host.empty()) {
    return Error::Usage(
        "the grpc transport needs the cluster's address, and the profile sets no host; add "
        "host = \"cluster.example.com\" (and port, \"443\" when left out) to the profile");
  }
  Result<std::string> host = CheckHost(connection.host);
  if (!host.ok()) {
    return host.error();
  }
  Result<std::string> port = CheckPort(connection.port);
  if (!port.ok()) {
    return port.error();
  }

  ClusterAddress address;
  address.host = std::move(host).value();
  address.port = std::move(port).value();
  address.authority = IsIpv6Literal(address.host) ? "[" + address.host + "]:" + address.port
                                                  : address.host + ":" + address.port;
  address.loopback = IsLoopbackHost(address.host);
  return address;
}

bool IsLoopbackHost(std::string_view host) {
  if (EqualsIgnoringCase(host, "localhost") || EqualsIgnoringCase(host, "localhost.") ||
      EndsWithIgnoringCase(host, ".localhost") || EndsWithIgnoringCase(host, ".localhost.")) {
    return true;
  }
  std::string text(host);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMappedPrefix, kMappedPrefix + 12, v6.s6_addr)) {
      return v6.s6_addr[12] == 127;
    }
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

}  // namespace influxctl::grpc_plugin
