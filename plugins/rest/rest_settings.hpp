// SPDX-License-Identifier: Apache-2.0
//
// The REST transport's settings: the schema it declares to the engine, and
// RestOptions, everything an instance needs, read once from the settings,
// the connection (host, port, product, account, TLS, timeout) and the proxy
// environment. Every problem is found here, before any network call, and
// reported as a usage or config error that names the key and says how to fix
// it. RestOptions never holds the credential. Plain values.

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/retry.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/transport.hpp>

#include "proxy_rules.hpp"

namespace influxctl::rest {

inline constexpr std::string_view kRestPluginVersion = "1.0.0";

// Kept in step with docs/rest-transport.md and configs/rest-emulator.toml.
inline constexpr SettingSpec kRestSettingSchema[] = {
    kRetriesSetting,
    kRetryDelaySetting,
    kRetryMaxDelaySetting,
    {"user_agent", SettingType::kString, false, "influxctl-rest/1.0.0",
     "User-Agent header sent with every request, e.g. to tell this tool's calls apart in the "
     "cluster's access logs"},
    {"base_path", SettingType::kString, false, "/api/v0",
     "path of the management API on the host; change it only when a gateway serves the API "
     "under another prefix"},
};

struct RestOptions {
  std::string scheme;  // "https", or "http" when [profile.tls] disable = true
  std::string host;    // as written in the profile: a name (or an address), never a URL
  std::uint16_t port = 443;
  // Path of the token collection, e.g. "/api/v0/accounts/a1/management-tokens".
  std::string collection_path;
  std::string user_agent;
  RetryPolicy retry;
  TlsConfig tls;
  std::optional<ProxyServer> proxy;  // unset: a direct connection
  std::chrono::milliseconds timeout{60'000};
  std::string credential_source;  // where the credential came from, for messages

  // "https://host:443" (IPv6 addresses in brackets).
  std::string Origin() const;
  // Origin() + path.
  std::string Url(std::string_view path) const;
};

// Reads and checks everything. Errors: kUsage for a missing host (or a
// missing account_id on Dedicated), kConfig for a malformed value.
Result<RestOptions> ParseRestOptions(const Settings& settings,
                                     const Connection& connection,
                                     const ProxyEnvironment& environment);

// Percent-encodes one path segment (an account id, a token id).
std::string EncodePathSegment(std::string_view segment);

}  // namespace influxctl::rest
