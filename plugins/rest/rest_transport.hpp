// SPDX-License-Identifier: Apache-2.0
//
// The REST transport: create, list and revoke management tokens over the
// management REST API (SPEC §7). Each call has one deadline, --timeout,
// covering every attempt and every pause; it is retried only when repeating
// is safe (the connection was refused or reset before the request left, or
// the server answered 429, 502, 503 or 504), and a create is always repeated
// with the same Idempotency-Key so the server mints at most one token. Every
// failure is a returned kTransport or kServer error; nothing throws out of a
// call. The credential goes only into the Authorization header; the new
// secret only into the returned CreatedToken. One thread at a time.

#pragma once

#include <memory>
#include <string>
#include <vector>

#include <influxctl/transport.hpp>

#include "api_client.hpp"
#include "call_errors.hpp"
#include "rest_settings.hpp"

namespace influxctl::rest {

class RestTransport : public Transport {
 public:
  // `credential` and `log` must outlive the transport.
  RestTransport(RestOptions options,
                std::shared_ptr<net::TlsLayer> tls,
                const Secret& credential,
                Log& log);

  std::string Endpoint() const override;
  Result<CreatedToken> Create(const CreateRequest& request) override;
  Result<std::vector<ManagementToken>> List() override;
  Status Revoke(std::string_view token_id) override;

 private:
  // Sends `request` until it succeeds, fails in a way not worth repeating, or
  // runs out of retries or time. An HTTP answer of any status is a value; a
  // failed exchange is an Error. `subject.retries` is updated.
  Result<net::HttpResponse> Call(const ApiRequest& request, CallSubject& subject);

  RestOptions options_;
  const Secret& credential_;
  Log& log_;
  ApiClient client_;
};

}  // namespace influxctl::rest
