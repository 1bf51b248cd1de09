// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings and the Connection into RestOptions (see
// rest_settings.hpp). Only what the engine cannot judge is checked here: that
// a host and, on Dedicated, an account are given, that the host is a name and
// the port a number, and that retry settings and proxy variables make sense.

#include "rest_settings.hpp"

namespace influxctl::rest {
namespace {

Error SettingError(std::string_view key, std::string_view problem) {
  return Error::Config("rest transport setting " + std::string(key) + ": " + std::string(problem));
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

Status CheckHost(const std::string& host) {
  if (host.empty()) {
    return Error::Usage(
        "the rest transport needs the cluster's host name: set host in the profile, for "
        "example host = \"cluster.example.com\"");
  }
  if (host.find("://") != std::string::npos || host.find('/') != std::string::npos) {
    return Error::Config("host \"" + host +
                         "\" in the profile is a URL; write only the name, for example "
                         "host = \"cluster.example.com\", and the port in port");
  }
  for (unsigned char c : host) {
    if (c <= ' ' || c == 0x7f || c == '@' || c == '?' || c == '#') {
      return Error::Config("host \"" + host +
                           "\" in the profile is not a host name; write only the name, for "
                           "example host = \"cluster.example.com\"");
    }
  }
  return Status::Ok();
}

Result<std::uint16_t> ParsePort(const std::string& port, bool tls_disabled) {
  if (port.empty()) {
    return static_cast<std::uint16_t>(tls_disabled ? 80 : 443);
  }
  long value = IsDigits(port) && port.size() <= 5 ? std::stol(port) : 0;
  if (value < 1 || value > 65535) {
    return Error::Config("port \"" + port +
                         "\" in the profile is not a TCP port; write a number from 1 to 65535 "
                         "as a string, for example port = \"443\"");
  }
  return static_cast<std::uint16_t>(value);
}

Result<std::string> ParseBasePath(std::string path) {
  if (path.empty() || path.front() != '/' || path.find_first_of("?# ") != std::string::npos) {
    return SettingError("base_path", "\"" + path +
                                         "\" is not a URL path; write it starting with \"/\", "
                                         "for example \"/api/v0\"");
  }
  while (path.size() > 1 && path.back() == '/') {
    path.pop_back();
  }
  return path == "/" ? std::string() : path;
}

Status CheckRetryPolicy(const RetryPolicy& policy) {
  if (policy.max_retries < 0) {
    return SettingError(RetryPolicy::kRetriesKey,
                        "a negative number of retries makes no sense; use 0 to never retry");
  }
  if (policy.initial_delay.count() < 0 || policy.max_delay.count() < 0) {
    return SettingError(RetryPolicy::kInitialDelayKey,
                        "retry delays cannot be negative; use \"0s\" or more");
  }
  return Status::Ok();
}

}  // namespace

std::string RestOptions::Origin() const {
  std::string origin = scheme + "://";
  origin += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  origin += ':';
  origin += std::to_string(port);
  return origin;
}

std::string RestOptions::Url(std::string_view path) const {
  return Origin() + std::string(path);
}

std::string EncodePathSegment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (unsigned char c : segment) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xf];
    }
  }
  return encoded;
}

Result<RestOptions> ParseRestOptions(const Settings& settings,
                                     const Connection& connection,
                                     const ProxyEnvironment& environment) {
  RestOptions options;

  // Where: scheme, host and port from the profile.
  options.scheme = connection.tls.disable ? "http" : "https";
  if (Status host = CheckHost(connection.host); !host.ok()) {
    return host.error();
  }
  // "[::1]" is how a URL writes an IPv6 host; the profile may copy that.
  options.host = connection.host;
  if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']') {
    options.host = options.host.substr(1, options.host.size() - 2);
  }
  Result<std::uint16_t> port = ParsePort(connection.port, connection.tls.disable);
  if (!port.ok()) {
    return port.error();
  }
  options.port = port.value();

  // Which collection: management tokens are account-scoped on Dedicated.
  Result<std::string> base = ParseBasePath(settings.String("base_path").value_or("/api/v0"));
  if (!base.ok()) {
    return base.error();
  }
  if (connection.product == "dedicated") {
    if (connection.account_id.empty()) {
      return Error::Usage(
          "Cloud Dedicated management tokens belong to an account, and none is given: set "
          "account_id in the profile or pass --account ID");
    }
    options.collection_path = base.value() + "/accounts/" +
                              EncodePathSegment(connection.account_id) + "/management-tokens";
  } else {
    options.collection_path = base.value() + "/management-tokens";
  }

  // How: retries, identification, TLS, the deadline.
  options.retry = RetryPolicy::FromSettings(settings);
  if (Status retry = CheckRetryPolicy(options.retry); !retry.ok()) {
    return retry.error();
  }
  options.user_agent = settings.String("user_agent").value_or("influxctl-rest/1.0.0");
  for (unsigned char c : options.user_agent) {
    if (c < ' ' || c == 0x7f) {
      return SettingError("user_agent", "holds a control character, which cannot go in a header");
    }
  }
  options.tls = connection.tls;
  if (!options.tls.key.empty() && options.tls.cert.empty()) {
    return Error::Config(
        "[profile.tls] key is set but cert is not: a client key is only used with its "
        "certificate; set cert to the certificate file too");
  }
  options.timeout = connection.timeout;
  options.credential_source = connection.credential_source;

  // The credential goes into a header: a line break there would end it early.
  for (unsigned char c : connection.credential.Reveal()) {
    if (c < ' ' || c == 0x7f) {
      return Error::Config("the credential from " + connection.credential_source +
                           " contains a control character (a line break?), which cannot be "
                           "sent in an Authorization header; remove it");
    }
  }

  // Through which proxy, if any.
  Result<std::optional<ProxyServer>> proxy = ChooseProxy(environment, options.scheme, options.host);
  if (!proxy.ok()) {
    return proxy.error();
  }
  options.proxy = std::move(proxy).value();
  return options;
}

}  // namespace influxctl::rest
