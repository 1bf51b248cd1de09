// SPDX-License-Identifier: Apache-2.0
//
// One request to Vault and its answer, over the shared HTTP client
// (plugins/net): a fresh connection, bounded by the step's deadline. It adds
// what every Vault call carries (Host, X-Vault-Token, X-Vault-Request,
// X-Vault-Namespace when the output names a namespace, Accept and the JSON
// Content-Type) and, at trace level, logs the request and the answer with
// the Vault token and every secret redacted. It never retries and never
// judges a status code: a failure says how far the exchange got, so the
// caller can tell whether Vault may have acted on it. Nothing throws out of
// Send. One client per output instance, used from one thread at a time.

#pragma once

#include <memory>
#include <string>

#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>

#include "deadline.hpp"
#include "http_client.hpp"
#include "trace_redaction.hpp"
#include "vault_settings.hpp"

namespace influxctl::vault {

struct VaultRequest {
  std::string method;  // "GET", "POST"
  std::string target;  // "/v1/...", already encoded
  std::string body;    // JSON; sent when not empty (or for POST)
  // What a trace line shows of the body; empty: the body itself, after the
  // literal secrets are taken out. Callers whose body holds a secret they
  // cannot list (the new token) pass a redacted rendering here.
  std::string trace_body;

  static VaultRequest Get(std::string target) {
    VaultRequest request;
    request.method = "GET";
    request.target = std::move(target);
    return request;
  }
  static VaultRequest Post(std::string target, std::string body) {
    VaultRequest request;
    request.method = "POST";
    request.target = std::move(target);
    request.body = std::move(body);
    return request;
  }
};

class VaultHttp {
 public:
  // `tls` is null for http. `options` and `log` must outlive the client.
  VaultHttp(const VaultOptions& options, std::shared_ptr<net::TlsLayer> tls, Log& log);

  // Trace lines never show `vault_token` nor `also_secret` (when given).
  net::HttpOutcome Send(const VaultRequest& request,
                        const Secret& vault_token,
                        const net::Deadline& deadline,
                        const Secret* also_secret = nullptr) const;

 private:
  const VaultOptions& options_;
  net::HttpClient http_;
  Log& log_;
};

}  // namespace influxctl::vault
