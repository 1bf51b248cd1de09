// SPDX-License-Identifier: Apache-2.0
//
// Which proxy, if any, a request to a host goes through, decided from the
// environment the way curl decides it: https_proxy/HTTPS_PROXY for https,
// http_proxy/HTTP_PROXY for http, all_proxy/ALL_PROXY as a fallback, and
// no_proxy/NO_PROXY for exceptions, the lowercase spelling winning. Loopback
// hosts (localhost, 127.0.0.0/8, ::1) never go through a proxy. Header-only
// and free of Poco so unit tests can include it; pure functions of their
// inputs. A proxy password lives only in ProxyServer::password and never
// appears in Display() or in an error message.

#pragma once

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>

namespace influxctl::rest {

// An HTTP proxy taken from the environment. Requests to https URLs are
// tunnelled through it with CONNECT; plain http requests are forwarded.
struct ProxyServer {
  std::string host;  // a name or an IP address, without brackets
  std::uint16_t port = 1080;
  std::string username;  // percent-decoded; empty: no proxy authentication
  std::string password;  // percent-decoded; never printed
  std::string variable;  // the environment variable it came from, for messages

  // "http://user:[redacted]@proxy.example:3128", for logs and messages.
  std::string Display() const {
    std::string text = "http://";
    if (!username.empty()) {
      text += username;
      text += password.empty() ? "@" : ":[redacted]@";
    }
    text += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    text += ':';
    text += std::to_string(port);
    return text;
  }
};

// The proxy variables in effect, each already resolved between its lowercase
// and uppercase spelling. An empty value counts as unset, as in curl.
struct ProxyEnvironment {
  struct Variable {
    std::string name;  // "https_proxy" or "HTTPS_PROXY": the one that was set
    std::string value;
  };

  Variable https_proxy;
  Variable http_proxy;
  Variable all_proxy;
  Variable no_proxy;

  // `lookup` returns a variable's value or nullptr, like std::getenv.
  static ProxyEnvironment From(const std::function<const char*(const char*)>& lookup) {
    auto pick = [&](const char* lower, const char* upper) {
      for (const char* name : {lower, upper}) {
        const char* value = lookup(name);
        if (value != nullptr && *value != '\0') {
          return Variable{name, value};
        }
      }
      return Variable{};
    };
    ProxyEnvironment environment;
    environment.https_proxy = pick("https_proxy", "HTTPS_PROXY");
    environment.http_proxy = pick("http_proxy", "HTTP_PROXY");
    environment.all_proxy = pick("all_proxy", "ALL_PROXY");
    environment.no_proxy = pick("no_proxy", "NO_PROXY");
    return environment;
  }

  static ProxyEnvironment FromProcess() {
    return From([](const char* name) -> const char* { return std::getenv(name); });
  }
};

namespace proxy_detail {

inline char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) {
      return false;
    }
  }
  return true;
}

inline std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// "[::1]" -> "::1"; "example.com." -> "example.com".
inline std::string_view BareHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  while (!host.empty() && host.back() == '.') {
    host.remove_suffix(1);
  }
  return host;
}

// An IPv4 or IPv6 address in network order; `size` is 4 or 16, 0 when `text`
// is not an address literal.
struct Address {
  std::array<unsigned char, 16> bytes{};
  int size = 0;
};

inline Address ParseAddress(std::string_view text) {
  Address address;
  std::string copy(text);
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) {
    address.size = 4;
  } else if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) == 1) {
    address.size = 16;
  }
  return address;
}

inline bool SamePrefix(const Address& a, const Address& b, int bits) {
  if (a.size != b.size || bits < 0 || bits > a.size * 8) {
    return false;
  }
  int whole = bits / 8;
  for (int i = 0; i < whole; ++i) {
    if (a.bytes[i] != b.bytes[i]) {
      return false;
    }
  }
  int rest = bits % 8;
  if (rest == 0) {
    return true;
  }
  auto mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (a.bytes[whole] & mask) == (b.bytes[whole] & mask);
}

// Does one NO_PROXY entry (already trimmed, not "*") cover `host` (bare)?
inline bool EntryMatches(std::string_view entry, std::string_view host) {
  // An address or a CIDR block: compared as addresses, never as text.
  std::string_view address_part = entry;
  int bits = -1;
  if (auto slash = entry.find('/'); slash != std::string_view::npos) {
    address_part = entry.substr(0, slash);
    std::string_view digits = entry.substr(slash + 1);
    if (digits.empty() || digits.size() > 3 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    bits = std::atoi(std::string(digits).c_str());
  }
  Address entry_address = ParseAddress(BareHost(address_part));
  if (entry_address.size != 0) {
    Address host_address = ParseAddress(host);
    return SamePrefix(entry_address, host_address, bits < 0 ? entry_address.size * 8 : bits);
  }
  if (bits >= 0) {
    return false;  // a "/" after something that is not an address
  }

  // A name, port-less: a ":port" written after it is ignored. A leading "."
  // or "*." means the same as none: the name and every name under it.
  if (auto colon = entry.rfind(':'); colon != std::string_view::npos) {
    entry = entry.substr(0, colon);
  }
  if (entry.substr(0, 2) == "*.") {
    entry.remove_prefix(2);
  }
  while (!entry.empty() && entry.front() == '.') {
    entry.remove_prefix(1);
  }
  entry = BareHost(entry);
  if (entry.empty()) {
    return false;
  }
  if (EqualsIgnoringCase(entry, host)) {
    return true;
  }
  // Suffixes apply to names only: "0.0.5" does not cover 10.0.0.5.
  if (ParseAddress(host).size != 0) {
    return false;
  }
  return host.size() > entry.size() && host[host.size() - entry.size() - 1] == '.' &&
         EqualsIgnoringCase(host.substr(host.size() - entry.size()), entry);
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = Lower(c);
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

inline std::optional<std::string> PercentDecode(std::string_view text) {
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size()) {
      return std::nullopt;
    }
    int high = HexValue(text[i + 1]);
    int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

}  // namespace proxy_detail

// localhost (and names under .localhost), 127.0.0.0/8 and ::1, with or
// without brackets: hosts that are never reached through a proxy.
inline bool IsLoopback(std::string_view host) {
  using namespace proxy_detail;
  host = BareHost(host);
  if (EqualsIgnoringCase(host, "localhost")) {
    return true;
  }
  constexpr std::string_view kLocalhostSuffix = ".localhost";
  if (host.size() > kLocalhostSuffix.size() &&
      EqualsIgnoringCase(host.substr(host.size() - kLocalhostSuffix.size()), kLocalhostSuffix)) {
    return true;
  }
  Address address = ParseAddress(host);
  if (address.size == 4) {
    return address.bytes[0] == 127;
  }
  if (address.size == 16) {
    static constexpr std::array<unsigned char, 16> kIpv6Loopback{0, 0, 0, 0, 0, 0, 0, 0,
                                                                 0, 0, 0, 0, 0, 0, 0, 1};
    static constexpr std::array<unsigned char, 12> kMappedPrefix{0, 0, 0, 0, 0,    0,
                                                                 0, 0, 0, 0, 0xff, 0xff};
    bool mapped = std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), address.bytes.begin());
    return address.bytes == kIpv6Loopback || (mapped && address.bytes[12] == 127);
  }
  return false;
}

// Whether a NO_PROXY value exempts `host`: comma-separated entries, each a
// host name that also covers every name under it (a leading "." or "*." is
// optional), an IP address, or an IP block in CIDR form ("10.0.0.0/8"); "*"
// alone exempts every host. Names compare without case; a ":port" after an
// entry is ignored.
inline bool MatchesNoProxy(std::string_view no_proxy, std::string_view host) {
  using namespace proxy_detail;
  host = BareHost(host);
  if (host.empty()) {
    return false;
  }
  while (true) {
    std::size_t comma = no_proxy.find(',');
    std::string_view entry = Trim(no_proxy.substr(0, comma));
    if (entry == "*") {
      return true;
    }
    if (!entry.empty() && EntryMatches(entry, host)) {
      return true;
    }
    if (comma == std::string_view::npos) {
      return false;
    }
    no_proxy.remove_prefix(comma + 1);
  }
}

// Reads a proxy URL as curl accepts it: [http://][user[:password]@]host[:port]
// with an optional trailing "/". The port defaults to 1080, as in curl.
// Schemes other than http (https://, socks5://) are refused: this transport
// speaks plain HTTP to its proxy. Errors are kConfig and name `variable`, but
// never quote the password.
inline Result<ProxyServer> ParseProxyUrl(std::string_view url, std::string_view variable) {
  using namespace proxy_detail;
  auto fail = [&](std::string_view problem) {
    return Error::Config("the proxy in " + std::string(variable) + " " + std::string(problem) +
                         "; write it as http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT), "
                         "or unset " +
                         std::string(variable));
  };

  ProxyServer proxy;
  proxy.variable = std::string(variable);
  std::string_view rest = Trim(url);
  if (auto scheme_end = rest.find("://"); scheme_end != std::string_view::npos) {
    std::string_view scheme = rest.substr(0, scheme_end);
    if (!EqualsIgnoringCase(scheme, "http")) {
      return fail("uses the scheme \"" + std::string(scheme) +
                  "\", which this transport does not support (only http:// proxies)");
    }
    rest.remove_prefix(scheme_end + 3);
  }
  if (auto path = rest.find('/'); path != std::string_view::npos) {
    if (rest.substr(path) != "/") {
      return fail("has a path after the host, which a proxy URL cannot have");
    }
    rest = rest.substr(0, path);
  }

  // user[:password]@ -- the last "@" ends it, as a password may contain one.
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    std::size_t colon = userinfo.find(':');
    auto user = PercentDecode(userinfo.substr(0, colon));
    auto password = colon == std::string_view::npos ? std::optional<std::string>("")
                                                    : PercentDecode(userinfo.substr(colon + 1));
    if (!user || !password) {
      return fail("has a user name or password with a broken %-escape");
    }
    proxy.username = std::move(*user);
    proxy.password = std::move(*password);
  }

  // host[:port], with brackets around an IPv6 address.
  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return fail("has a \"[\" without its \"]\"");
    }
    proxy.host = std::string(rest.substr(1, close - 1));
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return fail("has text after the \"]\" that is not a :PORT");
      }
      port_text = after.substr(1);
    }
  } else {
    std::size_t colon = rest.find(':');
    proxy.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
    }
  }
  if (proxy.host.empty()) {
    return fail("names no host");
  }
  if (!port_text.empty()) {
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) {
      return fail("has the port \"" + std::string(port_text) + "\", which is not a number");
    }
    long port = std::atol(std::string(port_text).c_str());
    if (port < 1 || port > 65535) {
      return fail("has the port " + std::string(port_text) + ", outside 1 to 65535");
    }
    proxy.port = static_cast<std::uint16_t>(port);
  }
  return proxy;
}

// The proxy a request to `scheme`://`host` goes through, or nullopt for a
// direct connection: loopback hosts and hosts NO_PROXY exempts go direct;
// otherwise https uses HTTPS_PROXY and http uses HTTP_PROXY, each falling back
// to ALL_PROXY. A malformed proxy variable is a kConfig error.
inline Result<std::optional<ProxyServer>> ChooseProxy(const ProxyEnvironment& environment,
                                                      std::string_view scheme,
                                                      std::string_view host) {
  if (IsLoopback(host) || MatchesNoProxy(environment.no_proxy.value, host)) {
    return std::optional<ProxyServer>();
  }
  const ProxyEnvironment::Variable* chosen =
      scheme == "https" ? &environment.https_proxy : &environment.http_proxy;
  if (chosen->value.empty()) {
    chosen = &environment.all_proxy;
  }
  if (chosen->value.empty()) {
    return std::optional<ProxyServer>();
  }
  Result<ProxyServer> proxy = ParseProxyUrl(chosen->value, chosen->name);
  if (!proxy.ok()) {
    return proxy.error();
  }
  return std::optional<ProxyServer>(std::move(proxy).value());
}

}  // namespace influxctl::rest
