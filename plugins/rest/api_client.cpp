// SPDX-License-Identifier: Apache-2.0
//
// The management API's requests on the shared HTTP client (see
// api_client.hpp). The answer is traced as it arrived, before the HTTP
// client judges it, so a truncated answer shows in the trace too.

#include "api_client.hpp"

#include "redaction.hpp"

namespace influxctl::rest {
namespace {

// No management answer comes near this; a larger one is refused, not buffered.
constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

net::Endpoint EndpointOf(const RestOptions& options, std::shared_ptr<net::TlsLayer> tls) {
  net::Endpoint endpoint;
  endpoint.host = options.host;
  endpoint.port = options.port;
  endpoint.tls = std::move(tls);
  if (options.proxy) {
    endpoint.proxy = net::Proxy{options.proxy->host, options.proxy->port, options.proxy->username,
                                options.proxy->password};
  }
  endpoint.max_answer_bytes = kMaxAnswerBytes;
  return endpoint;
}

}  // namespace

ApiClient::ApiClient(const RestOptions& options,
                     std::shared_ptr<net::TlsLayer> tls,
                     const Secret& credential,
                     Log& log)
    : options_(options),
      http_(EndpointOf(options, std::move(tls))),
      credential_(credential),
      log_(log) {}

net::HttpOutcome ApiClient::Send(const ApiRequest& request, const net::Deadline& deadline) const {
  // The headers every call carries, then the call's own.
  net::HttpRequest http{request.method, request.path, request.body, {}, {}};
  http.headers = {
      {"Host", options_.Origin().substr(options_.scheme.size() + 3)},
      {"User-Agent", options_.user_agent},
      {"Accept", "application/json"},
  };
  if (!request.body.empty()) {
    http.headers.emplace_back("Content-Type", "application/json");
  }
  http.headers.insert(http.headers.end(), request.headers.begin(), request.headers.end());
  http.secret_headers.push_back({"Authorization", "Bearer ", &credential_});

  if (!log_.Enabled(LogLevel::kTrace)) {
    return http_.Send(http, deadline);
  }
  TraceRequest(request, http.headers);
  return http_.Send(http, deadline, [this](const net::HttpResponse& answer, auto took) {
    TraceAnswer(answer, took);
  });
}

void ApiClient::TraceRequest(const ApiRequest& request, const net::HeaderList& headers) const {
  std::string via = options_.proxy ? " (through proxy " + options_.proxy->Display() + ")" : "";
  log_.Trace("> " + request.method + " " + options_.Url(request.path) + " HTTP/1.1" + via);
  for (const auto& [name, value] : headers) {
    log_.Trace("> " + name + ": " + RedactHeader(name, value));
  }
  log_.Trace("> Authorization: Bearer " + std::string(Secret::kRedacted));
  if (!request.body.empty()) {
    log_.Trace("> " + RedactBody(request.body, credential_));
  }
}

void ApiClient::TraceAnswer(const net::HttpResponse& response,
                            std::chrono::milliseconds took) const {
  log_.Trace("< " + std::to_string(response.status) + " " + response.reason + " (" +
             std::to_string(took.count()) + " ms)");
  for (const auto& [name, value] : response.headers) {
    log_.Trace("< " + name + ": " + RedactHeader(name, value));
  }
  if (!response.body.empty()) {
    log_.Trace("< " + RedactBody(response.body, credential_));
  }
}

}  // namespace influxctl::rest
