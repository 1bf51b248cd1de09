// SPDX-License-Identifier: Apache-2.0
//
// Parses Vault's address (see vault_address.hpp). A missing port means the
// scheme's own (443 or 80), as in any URL; Vault's usual 8200 is always
// written out in VAULT_ADDR, so it is never guessed.

#include "vault_address.hpp"

#include <arpa/inet.h>

namespace influxctl::vault {
namespace {

constexpr std::string_view kExample = "address = \"https://vault.example:8200\"";

Error AddressError(std::string_view text, std::string_view why) {
  return Error::Config("vault output setting address \"" + std::string(text) + "\" " +
                       std::string(why) + "; write it like " + std::string(kExample));
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsHostCharacter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

std::string VaultAddress::Authority() const {
  std::string host_part = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return host_part + ":" + std::to_string(port);
}

std::string VaultAddress::Origin() const {
  return scheme + "://" + Authority();
}

bool VaultAddress::IsLoopback() const {
  if (host == "localhost" || host == "::1") {
    return true;
  }
  unsigned char address[4];
  return inet_pton(AF_INET, host.c_str(), address) == 1 && address[0] == 127;
}

Result<VaultAddress> ParseVaultAddress(std::string_view text) {
  VaultAddress address;

  // The scheme.
  std::size_t separator = text.find("://");
  if (separator == std::string_view::npos) {
    return AddressError(text, "has no scheme");
  }
  std::string_view scheme = text.substr(0, separator);
  if (scheme == "https" || scheme == "HTTPS") {
    address.scheme = "https";
  } else if (scheme == "http" || scheme == "HTTP") {
    address.scheme = "http";
  } else {
    return AddressError(text, "must start with https:// (or http:// for a Vault without TLS)");
  }

  // Host and port; a lone trailing slash is fine, any other path is not.
  std::string_view rest = text.substr(separator + 3);
  if (!rest.empty() && rest.back() == '/') {
    rest.remove_suffix(1);
  }
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return AddressError(text,
                        "has a path; Vault's API paths are built from the root, so give "
                        "only scheme, host and port");
  }
  if (rest.find('@') != std::string_view::npos) {
    return AddressError(text,
                        "carries user information; the Vault token comes from "
                        "VAULT_TOKEN or token_file, never from the address");
  }
  std::string_view host;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) {
      return AddressError(text, "has an IPv6 address without its closing ']'");
    }
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty() && after.front() != ':') {
      return AddressError(text, "has text after the IPv6 address");
    }
    port = after.empty() ? after : after.substr(1);
    unsigned char buffer[16];
    if (inet_pton(AF_INET6, std::string(host).c_str(), buffer) != 1) {
      return AddressError(text, "has an invalid IPv6 address");
    }
  } else {
    std::size_t colon = rest.rfind(':');
    host = rest.substr(0, colon);
    port = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    for (unsigned char c : host) {
      if (!IsHostCharacter(c)) {
        return AddressError(text, "has a host that is not a name or an address");
      }
    }
  }
  if (host.empty()) {
    return AddressError(text, "has no host");
  }
  address.host = std::string(host);

  if (port.empty()) {
    address.port = address.tls() ? 443 : 80;
  } else {
    long value = IsDigits(port) && port.size() <= 5 ? std::stol(std::string(port)) : 0;
    if (value < 1 || value > 65535) {
      return AddressError(text, "has a port that is not a number from 1 to 65535");
    }
    address.port = static_cast<std::uint16_t>(value);
  }
  return address;
}

}  // namespace influxctl::vault
