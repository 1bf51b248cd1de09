// SPDX-License-Identifier: Apache-2.0
//
// The REST transport's calls (see rest_transport.hpp). Each call builds its
// request, runs it through the retry loop, then maps the answer: the
// expected status with a well-formed body is the result; anything else is an
// error for the user. Unexpected exceptions become kTransport errors here so
// that none reaches the engine's boundary.

#include "rest_transport.hpp"

#include <thread>

#include <influxctl/time.hpp>

#include "token_json.hpp"

namespace influxctl::rest {
namespace {

constexpr const char* kMayExist =
    "; the cluster may have created the token anyway: run \"influxctl management list\" and "
    "revoke any token you did not receive";

bool IsRetryableStatus(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

bool IsRetryableFailure(const net::HttpFailure& failure) {
  return !failure.request_sent &&
         (failure.kind == net::FailureKind::kRefused || failure.kind == net::FailureKind::kReset);
}

// Retry-After in seconds; an HTTP date or anything else is ignored.
std::optional<std::chrono::milliseconds> RetryAfter(const net::HttpResponse& response) {
  std::optional<std::string> value = response.Header("Retry-After");
  if (!value || value->empty() || value->size() > 6 ||
      value->find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::stol(*value));
}

std::string DescribeFailure(const net::HttpFailure& failure) {
  switch (failure.kind) {
    case net::FailureKind::kRefused:
      return "connection refused";
    case net::FailureKind::kReset:
      return "connection reset before the request was sent";
    default:
      return failure.detail;
  }
}

Error Unexpected(const CallSubject& subject, const char* what) {
  return Error::Transport(subject.method + " " + subject.url +
                          " failed inside the rest transport (" + what + ")");
}

}  // namespace

RestTransport::RestTransport(RestOptions options,
                             std::shared_ptr<net::TlsLayer> tls,
                             const Secret& credential,
                             Log& log)
    : options_(std::move(options)),
      credential_(credential),
      log_(log),
      client_(options_, std::move(tls), credential, log) {}

std::string RestTransport::Endpoint() const {
  return options_.Url(options_.collection_path);
}

Result<net::HttpResponse> RestTransport::Call(const ApiRequest& request, CallSubject& subject) {
  const net::Deadline deadline = net::Deadline::After(options_.timeout);
  for (int attempt = 0;; ++attempt) {
    subject.retries = attempt;
    net::HttpOutcome outcome = client_.Send(request, deadline);

    // Done, unless this outcome is one that is safe and worth repeating.
    std::string reason;
    std::optional<std::chrono::milliseconds> asked;
    if (auto* failure = std::get_if<net::HttpFailure>(&outcome)) {
      if (!IsRetryableFailure(*failure) || attempt >= options_.retry.max_retries) {
        return FailureError(*failure, options_, subject);
      }
      reason = DescribeFailure(*failure);
    } else {
      auto& response = std::get<net::HttpResponse>(outcome);
      if (!IsRetryableStatus(response.status) || attempt >= options_.retry.max_retries) {
        return std::move(response);
      }
      reason = DescribeAnswer(response, credential_);
      asked = RetryAfter(response);
    }

    // The pause: what the server asked for, else the policy's backoff. A
    // pause that would end past the deadline is not taken.
    std::chrono::milliseconds pause = asked ? *asked : options_.retry.DelayBefore(attempt + 1);
    if (pause >= deadline.Left()) {
      log_.Debug("not retrying " + subject.method + " " + subject.url + " after " + reason +
                 ": the pause of " + FormatGoDuration(pause) + " would outlast the " +
                 FormatGoDuration(options_.timeout) + " timeout");
      if (auto* failure = std::get_if<net::HttpFailure>(&outcome)) {
        return FailureError(*failure, options_, subject);
      }
      return std::move(std::get<net::HttpResponse>(outcome));
    }
    log_.Debug("retry " + std::to_string(attempt + 1) + " of " +
               std::to_string(options_.retry.max_retries) + " for " + subject.method + " " +
               subject.url + " in " + FormatGoDuration(pause) + " after " + reason +
               (asked ? " (Retry-After)" : ""));
    std::this_thread::sleep_for(pause);
  }
}

Result<CreatedToken> RestTransport::Create(const CreateRequest& request) {
  CallSubject subject{CallKind::kCreate, "POST", Endpoint(), "", 0};
  try {
    ApiRequest http{"POST", options_.collection_path, CreateRequestBody(request), {}};
    if (!request.idempotency_key.empty()) {
      http.headers.emplace_back("Idempotency-Key", request.idempotency_key);
    }
    Result<net::HttpResponse> response = Call(http, subject);
    if (!response.ok()) {
      return response.error();
    }
    const net::HttpResponse& answer = response.value();
    if (answer.status != 201 && answer.status != 200) {
      Error error = ResponseError(answer, options_, subject, credential_);
      if (answer.status >= 200 && answer.status < 300) {
        return Error::Transport(error.message() + kMayExist);
      }
      return error;
    }

    Result<CreatedToken> created = ParseCreatedToken(answer.body);
    if (!created.ok()) {
      // The server has minted a token whose secret is lost: say so.
      bool names_id = created.error().message().find("revoke it") != std::string::npos;
      return Error::Transport("cannot create a management token: " + created.error().message() +
                              " (POST " + subject.url + ", HTTP " + std::to_string(answer.status) +
                              ")" + (names_id ? "" : kMayExist));
    }
    log_.Debug("created token " + created.value().token.id + " (secret " + Secret::kRedacted + ")" +
               (subject.retries > 0 ? " after " + std::to_string(subject.retries) +
                                          " retries, idempotency key " + request.idempotency_key
                                    : ""));
    return created;
  } catch (const std::exception& e) {
    return Unexpected(subject, e.what());
  }
}

Result<std::vector<ManagementToken>> RestTransport::List() {
  CallSubject subject{CallKind::kList, "GET", Endpoint(), "", 0};
  try {
    Result<net::HttpResponse> response = Call({"GET", options_.collection_path, "", {}}, subject);
    if (!response.ok()) {
      return response.error();
    }
    if (response.value().status != 200) {
      return ResponseError(response.value(), options_, subject, credential_);
    }
    Result<std::vector<ManagementToken>> tokens = ParseTokenList(response.value().body);
    if (!tokens.ok()) {
      return Error::Transport("cannot list management tokens: " + tokens.error().message() +
                              " (GET " + subject.url + ")");
    }
    log_.Debug("listed " + std::to_string(tokens.value().size()) + " tokens");
    return tokens;
  } catch (const std::exception& e) {
    return Unexpected(subject, e.what());
  }
}

Status RestTransport::Revoke(std::string_view token_id) {
  const std::string path = options_.collection_path + "/" + EncodePathSegment(token_id);
  CallSubject subject{CallKind::kRevoke, "DELETE", options_.Url(path), std::string(token_id), 0};
  try {
    Result<net::HttpResponse> response = Call({"DELETE", path, "", {}}, subject);
    if (!response.ok()) {
      return response.error();
    }
    if (response.value().status != 204 && response.value().status != 200) {
      return ResponseError(response.value(), options_, subject, credential_);
    }
    log_.Debug("revoked token " + std::string(token_id));
    return Status::Ok();
  } catch (const std::exception& e) {
    return Unexpected(subject, e.what());
  }
}

}  // namespace influxctl::rest
