// SPDX-License-Identifier: Apache-2.0
//
// The TLS side of one vault output instance, built once when the output is
// made: the authorities trusted (the system store, or only the `ca` file),
// the client certificate if any, TLS 1.2 at least, and the name Vault's
// certificate must carry: tls_server_name when set, else the address's host.
// OpenSSL checks that name during the handshake (IP hosts as addresses), so
// loopback and IP addresses are checked too. With `insecure` nothing is
// verified and the caller warns. Files are read here, so a missing one is a
// config error before any token exists.

#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include <influxctl/error.hpp>

#include "vault_settings.hpp"

namespace influxctl::vault {

Result<Poco::Net::Context::Ptr> MakeVaultTlsContext(const VaultOptions& options);

// The name Vault's certificate is checked against (and sent as SNI).
std::string ExpectedServerName(const VaultOptions& options);

// Why the last certificate check on this thread failed, in OpenSSL's words
// ("hostname mismatch", "unable to get local issuer certificate"), and
// forgets it. Empty when none failed since the last call.
std::string TakeVerifyFailure();

}  // namespace influxctl::vault
