// SPDX-License-Identifier: Apache-2.0
//
// Vault's requests on the shared HTTP client (see vault_http.hpp). The
// answer is traced as it arrived, before the HTTP client judges it, with the
// Vault token and any secret the caller names taken out.

#include "vault_http.hpp"

namespace influxctl::vault {
namespace {

// No KV, lookup or capabilities answer comes near this.
constexpr std::size_t kMaxAnswerBytes = 4 * 1024 * 1024;

net::Endpoint EndpointOf(const VaultOptions& options, std::shared_ptr<net::TlsLayer> tls) {
  net::Endpoint endpoint;
  endpoint.host = options.address.host;
  endpoint.port = options.address.port;
  endpoint.tls = std::move(tls);
  endpoint.max_answer_bytes = kMaxAnswerBytes;
  return endpoint;
}

}  // namespace

VaultHttp::VaultHttp(const VaultOptions& options, std::shared_ptr<net::TlsLayer> tls, Log& log)
    : options_(options), http_(EndpointOf(options, std::move(tls))), log_(log) {}

net::HttpOutcome VaultHttp::Send(const VaultRequest& request,
                                 const Secret& vault_token,
                                 const net::Deadline& deadline,
                                 const Secret* also_secret) const {
  // What every Vault call carries.
  const VaultAddress& address = options_.address;
  net::HttpRequest http{request.method, request.target, request.body, {}, {}};
  http.headers = {
      {"Host", address.Authority()},
      {"User-Agent", "influxctl-vault/" + std::string(kVaultPluginVersion)},
      {"Accept", "application/json"},
      {"X-Vault-Request", "true"},
  };
  if (!options_.vault_namespace.empty()) {
    http.headers.emplace_back("X-Vault-Namespace", options_.vault_namespace);
  }
  if (!request.body.empty()) {
    http.headers.emplace_back("Content-Type", "application/json");
  }
  http.secret_headers.push_back({"X-Vault-Token", "", &vault_token});
  if (!log_.Enabled(LogLevel::kTrace)) {
    return http_.Send(http, deadline);
  }

  // The trace: the request now, the answer as it arrives.
  log_.Trace("> " + request.method + " " + address.Origin() + request.target + " HTTP/1.1");
  for (const auto& [name, value] : http.headers) {
    log_.Trace("> " + name + ": " + RedactHeader(name, value));
  }
  log_.Trace("> X-Vault-Token: " + std::string(Secret::kRedacted));
  const std::string& shown = request.trace_body.empty() ? request.body : request.trace_body;
  if (!shown.empty()) {
    log_.Trace("> " + WithoutSecrets(shown, {&vault_token, also_secret}));
  }
  return http_.Send(http, deadline, [&](const net::HttpResponse& answer, auto took) {
    log_.Trace("< " + std::to_string(answer.status) + " " + answer.reason + " (" +
               std::to_string(took.count()) + " ms)");
    for (const auto& [name, value] : answer.headers) {
      log_.Trace("< " + name + ": " + RedactHeader(name, value));
    }
    if (!answer.body.empty()) {
      log_.Trace("< " + RedactAnswerBody(answer.body, {&vault_token, also_secret}));
    }
  });
}

}  // namespace influxctl::vault
