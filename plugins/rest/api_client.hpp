// SPDX-License-Identifier: Apache-2.0
//
// One request to the management API and its answer, over the shared HTTP
// client (plugins/net): it adds the headers every call carries (Host,
// User-Agent, Accept, Authorization: Bearer <credential>, and Content-Type
// for a body) and, at trace level, logs the request and the answer with the
// credential and any secret in a body redacted. Like the HTTP client it
// never retries, never judges a status code and throws nothing.

#pragma once

#include <memory>
#include <string>

#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>

#include "http_client.hpp"
#include "rest_settings.hpp"

namespace influxctl::rest {

struct ApiRequest {
  std::string method;       // "GET", "POST", "DELETE"
  std::string path;         // absolute path on the host, already encoded
  std::string body;         // sent as application/json when not empty
  net::HeaderList headers;  // besides the ones every call carries
};

class ApiClient {
 public:
  // `tls` is null for plain http. `options`, `credential` and `log` must
  // outlive the client.
  ApiClient(const RestOptions& options,
            std::shared_ptr<net::TlsLayer> tls,
            const Secret& credential,
            Log& log);

  net::HttpOutcome Send(const ApiRequest& request, const net::Deadline& deadline) const;

 private:
  void TraceRequest(const ApiRequest& request, const net::HeaderList& headers) const;
  void TraceAnswer(const net::HttpResponse& response, std::chrono::milliseconds took) const;

  const RestOptions& options_;
  net::HttpClient http_;
  const Secret& credential_;
  Log& log_;
};

}  // namespace influxctl::rest
