// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings and the profile's Connection into
// GrpcOptions. Types and defaults are already right; what is left is what
// only this transport can judge: signs of the retry settings, the product's
// need for an account id, the address, and a credential gRPC can carry in a
// header. The credential's value never appears in a message.

#include "grpc_settings.hpp"

namespace influxctl::grpc_plugin {
namespace {

Error SettingError(std::string_view key, std::string_view problem) {
  return Error::Config("grpc transport setting " + std::string(key) + ": " + std::string(problem));
}

// HTTP/2 header values are visible ASCII and spaces; anything else would make
// gRPC fail the call, after the channel was already set up, with a message
// that does not say which value was wrong.
bool FitsInHeader(const Secret& credential) {
  for (unsigned char c : credential.Reveal()) {
    if (c < 0x20 || c > 0x7e) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<GrpcOptions> ParseGrpcOptions(const Settings& settings, const Connection& connection) {
  GrpcOptions options;

  Result<ClusterAddress> address = ResolveClusterAddress(connection);
  if (!address.ok()) {
    return address.error();
  }
  options.address = std::move(address).value();

  // Cloud Dedicated scopes management tokens to an account; without one the
  // cluster could only refuse the call, so refuse it here instead.
  if (connection.product == "dedicated" && connection.account_id.empty()) {
    return Error::Usage(
        "product \"dedicated\" needs an account id for management tokens: set account_id in "
        "the profile or pass --account ID");
  }

  if (!FitsInHeader(connection.credential)) {
    return Error::Config("the management token from " + connection.credential_source +
                         " holds a control character or a non-ASCII byte, which cannot travel "
                         "in an authorization header; check that it was copied whole and alone");
  }

  options.retry = RetryPolicy::FromSettings(settings);
  if (options.retry.max_retries < 0) {
    return SettingError(RetryPolicy::kRetriesKey,
                        std::to_string(options.retry.max_retries) +
                            " is negative; use 0 to never retry, or a small count such as 3");
  }
  if (options.retry.initial_delay.count() < 0 || options.retry.max_delay.count() < 0) {
    return SettingError(options.retry.initial_delay.count() < 0 ? RetryPolicy::kInitialDelayKey
                                                                : RetryPolicy::kMaxDelayKey,
                        "a negative pause makes no sense; use \"0s\" or more");
  }

  options.tls_server_name = settings.String(kTlsServerNameKey).value_or("");
  for (char c : options.tls_server_name) {
    if (c == ':' || c == '/' || c == ' ' || static_cast<unsigned char>(c) < 0x20) {
      return SettingError(kTlsServerNameKey, "\"" + options.tls_server_name +
                                                 "\" is not a host name; write the name the "
                                                 "certificate was issued for, without a port");
    }
  }
  return options;
}

}  // namespace influxctl::grpc_plugin
