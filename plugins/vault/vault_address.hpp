// SPDX-License-Identifier: Apache-2.0
//
// Vault's address as an operator writes it (the same text as VAULT_ADDR):
// "https://vault.example:8200". Parsing is strict: a scheme of http or https,
// a host name or address (IPv6 in brackets), an optional port, and no path,
// query or user information, because every API path is built from the root.
// Errors are config errors that quote the text and show a valid example.
// Plain values.

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>

namespace influxctl::vault {

struct VaultAddress {
  std::string scheme;  // "https" or "http"
  std::string host;    // without brackets, e.g. "vault.example", "::1"
  std::uint16_t port = 8200;

  bool tls() const { return scheme == "https"; }
  // "https://vault.example:8200" (IPv6 hosts in brackets): the form messages use.
  std::string Origin() const;
  // "vault.example:8200", the Host header's value.
  std::string Authority() const;
  // localhost, 127.0.0.0/8 or ::1: traffic that never leaves the machine.
  bool IsLoopback() const;
};

Result<VaultAddress> ParseVaultAddress(std::string_view text);

}  // namespace influxctl::vault
