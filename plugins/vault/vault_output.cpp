// SPDX-License-Identifier: Apache-2.0
//
// The vault output's target, its exchanges and its delivery (see
// vault_output.hpp); the preflight steps are in vault_preflight.cpp.
// Delivery never retries: a repeated KV version 2 write would add a second
// version, and the engine revokes the token when delivery fails anyway.

#include "vault_output.hpp"

#include "secret_body.hpp"
#include "vault_answers.hpp"

namespace influxctl::vault {

VaultOutput::VaultOutput(VaultOptions options, std::shared_ptr<net::TlsLayer> tls, Log& log)
    : options_(std::move(options)), http_(options_, std::move(tls), log), log_(log) {}

std::string VaultOutput::Target() const {
  return options_.Where() + " (field " + options_.fields.token + ")";
}

Result<net::HttpResponse> VaultOutput::Exchange(const VaultRequest& request,
                                                const net::Deadline& deadline,
                                                std::string_view doing,
                                                const Secret* also_secret) {
  net::HttpOutcome outcome = http_.Send(request, vault_token_->value, deadline, also_secret);
  if (const net::HttpFailure* problem = std::get_if<net::HttpFailure>(&outcome)) {
    return WireError(*problem, options_, doing, request.method + " " + request.target,
                     also_secret != nullptr);
  }
  return std::get<net::HttpResponse>(std::move(outcome));
}

Error VaultOutput::Failed(const net::HttpResponse& answer,
                          std::string_view doing,
                          const VaultRequest& request) {
  return UnexpectedAnswer(answer, options_, doing, request.method + " " + request.target,
                          {&vault_token_->value});
}

Status VaultOutput::Deliver(const CreatedToken& created) {
  // The engine always runs Preflight first; a caller that does not still
  // gets the token read the same way.
  if (!vault_token_) {
    Result<VaultToken> token = ReadVaultToken(options_.token_file);
    if (!token.ok()) {
      return Error::Output(options_.Where() + ": " + token.error().message());
    }
    vault_token_ = std::move(token).value();
  }
  const net::Deadline deadline = net::Deadline::After(options_.timeout);
  const std::string doing = "storing token " + created.token.id;

  // One write: Vault stores all the fields, or none of them.
  VaultRequest request;
  {
    SecretBody body(options_, created);
    request.method = "POST";
    request.target = options_.paths.WriteTarget();
    request.body = body.json();
    request.trace_body = body.trace();
  }
  Result<net::HttpResponse> sent = Exchange(request, deadline, doing, &created.secret);
  std::fill(request.body.begin(), request.body.end(), '\0');
  if (!sent.ok()) {
    return sent.error();
  }
  const net::HttpResponse& answer = sent.value();
  const SecretList secrets = {&vault_token_->value, &created.secret};

  if (answer.status == 200 || answer.status == 204) {
    std::string stored = "stored token " + created.token.id + " in " + options_.Where();
    Poco::JSON::Object::Ptr reply = ParseJsonObject(answer.body);
    if (!reply.isNull() && reply->has("data") && reply->isObject("data")) {
      Poco::JSON::Object::Ptr data = reply->getObject("data");
      if (data->has("version")) {
        stored += " as version " + data->get("version").toString();
      }
    }
    log_.Info(stored);
    return Status::Ok();
  }

  // Vault's refusals, each with what to do about it.
  const std::vector<std::string> errors = VaultErrors(answer.body);
  const std::string said = DescribeAnswer(answer, secrets);
  const std::string where = options_.Where() + ": " + doing + " failed: ";
  if (answer.status == 400 && ErrorsMention(errors, "check-and-set parameter did not match")) {
    return Error::Output(where + "check-and-set conflict: the secret is no longer at version " +
                         std::to_string(options_.cas.value_or(0)) +
                         " (cas), so another writer changed it after the preflight check (" + said +
                         "); read its current version (vault kv metadata get), then set cas "
                         "to it, or drop cas to write a new version regardless");
  }
  if (answer.status == 400 && ErrorsMention(errors, "check-and-set parameter required")) {
    return Error::Output(where + "the secret (or its mount) requires check-and-set (" + said +
                         "); set cas in this [[profile.output]] to the secret's current "
                         "version, or 0 if it does not exist yet");
  }
  if (answer.status == 403) {
    return Error::Output(
        where + "Vault refused the write (" + said + "); the token from " + vault_token_->source +
        " needs the \"create\" and \"update\" "
        "capabilities on " +
        options_.paths.WritePath() + " in its policy (or it expired since the preflight check)");
  }
  if (answer.status == 404) {
    return Error::Output(where + "Vault has no such path (" + said + "); check mount (" +
                         options_.paths.mount() + "), kv_version (" +
                         std::to_string(options_.paths.kv_version()) + ") and namespace");
  }
  return Failed(answer, doing, request);
}

}  // namespace influxctl::vault
