// SPDX-License-Identifier: Apache-2.0
//
// The TLS setup of one REST transport instance, built once from
// [profile.tls]: which certificate authorities are trusted (the system store,
// or only the `ca` file), the client certificate if any, TLS 1.2 at least,
// and the name the server's certificate must carry. The name check is
// OpenSSL's own (RFC 6125 rules, IP addresses compared as addresses), bound
// to the host the profile names, so it holds for loopback and IP hosts too;
// the same name is sent as SNI. With `insecure` nothing is verified, and the
// caller must say so. Files are read here, so a missing or unreadable file is
// a config error before anything is sent.

#pragma once

#include <Poco/Net/Context.h>

#include <string>

#include <influxctl/error.hpp>
#include <influxctl/transport.hpp>

namespace influxctl::rest {

Result<Poco::Net::Context::Ptr> MakeTlsContext(const TlsConfig& tls, const std::string& host);

// Why the most recent certificate check on this thread failed, as OpenSSL
// words it ("hostname mismatch", "self-signed certificate in certificate
// chain"), and forgets it. Empty when no check failed since the last call.
std::string TakeCertificateFailure();

}  // namespace influxctl::rest
