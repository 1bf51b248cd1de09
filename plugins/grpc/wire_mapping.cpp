// SPDX-License-Identifier: Apache-2.0
//
// Proto messages to and from the token model (see wire_mapping.hpp). A
// timestamp the server sends out of range is refused rather than clamped: a
// wrong expiry shown to a user is worse than an error.

#include "wire_mapping.hpp"

#include <optional>

namespace influxctl::grpc_plugin {
namespace {

void SetTimestamp(const Timestamp& from, google::protobuf::Timestamp* to) {
  to->set_seconds(from.seconds);
  to->set_nanos(from.nanos);
}

// Range of google.protobuf.Timestamp: 0001-01-01 to 9999-12-31, nanos below 1e9.
bool ValidTimestamp(const google::protobuf::Timestamp& time) {
  return time.seconds() >= -62'135'596'800 && time.seconds() <= 253'402'300'799 &&
         time.nanos() >= 0 && time.nanos() <= 999'999'999;
}

std::optional<Timestamp> ReadTimestamp(bool present, const google::protobuf::Timestamp& time) {
  if (!present) {
    return std::nullopt;
  }
  return Timestamp{time.seconds(), time.nanos()};
}

Result<ManagementToken> ReadToken(const v1::ManagementToken& wire, std::string_view from) {
  for (auto [name, present, time] :
       {std::tuple{"created_at", wire.has_created_at(), &wire.created_at()},
        std::tuple{"expires_at", wire.has_expires_at(), &wire.expires_at()},
        std::tuple{"revoked_at", wire.has_revoked_at(), &wire.revoked_at()}}) {
    if (present && !ValidTimestamp(*time)) {
      return Error::Transport(std::string(from) + " sent token \"" + wire.id() + "\" with an " +
                              "invalid " + name + " (seconds " + std::to_string(time->seconds()) +
                              ", nanos " + std::to_string(time->nanos()) + ")");
    }
  }
  ManagementToken token;
  token.id = wire.id();
  token.account_id = wire.account_id();
  token.token_prefix = wire.token_prefix();
  token.description = wire.description();
  token.created_by = wire.created_by();
  token.created_at = ReadTimestamp(wire.has_created_at(), wire.created_at());
  token.expires_at = ReadTimestamp(wire.has_expires_at(), wire.expires_at());
  token.revoked_at = ReadTimestamp(wire.has_revoked_at(), wire.revoked_at());
  return token;
}

}  // namespace

v1::CreateManagementTokenRequest MakeCreateRequest(const CreateRequest& request,
                                                   const Connection& connection) {
  v1::CreateManagementTokenRequest wire;
  wire.set_account_id(connection.account_id);
  wire.set_cluster_id(connection.cluster_id);
  if (request.description) {
    wire.set_description(*request.description);
  }
  if (request.expires_at) {
    SetTimestamp(*request.expires_at, wire.mutable_expires_at());
  }
  wire.set_idempotency_key(request.idempotency_key);
  return wire;
}

v1::ListManagementTokensRequest MakeListRequest(const Connection& connection) {
  v1::ListManagementTokensRequest wire;
  wire.set_account_id(connection.account_id);
  wire.set_cluster_id(connection.cluster_id);
  return wire;
}

v1::RevokeManagementTokenRequest MakeRevokeRequest(std::string_view token_id,
                                                   const Connection& connection) {
  v1::RevokeManagementTokenRequest wire;
  wire.set_account_id(connection.account_id);
  wire.set_cluster_id(connection.cluster_id);
  wire.set_token_id(std::string(token_id));
  return wire;
}

Result<CreatedToken> ReadCreateResponse(const v1::CreateManagementTokenResponse& response,
                                        std::string_view from) {
  // A token may exist on the cluster even though its answer is unusable; its
  // id, when there is one, is what the user needs to revoke it.
  const std::string& id = response.token().id();
  if (id.empty() || response.access_token().empty()) {
    std::string missing = id.empty() && response.access_token().empty() ? "a token id and a secret"
                          : id.empty()                                  ? "a token id"
                                                                        : "the token's secret";
    std::string advice =
        id.empty() ? "; if a token was created, find it with \"influxctl management list\" and "
                     "revoke it"
                   : "; the token " + id +
                         " cannot be used by anyone, so revoke it: influxctl "
                         "management revoke --force " +
                         id;
    return Error::Transport(std::string(from) + " answered the create without " + missing + advice);
  }
  Result<ManagementToken> token = ReadToken(response.token(), from);
  if (!token.ok()) {
    return Error::Transport(token.error().message() +
                            "; the token cannot be trusted, so revoke it: influxctl management "
                            "revoke --force " +
                            id);
  }
  return CreatedToken{std::move(token).value(), Secret(response.access_token())};
}

Result<std::vector<ManagementToken>> ReadListResponse(
    const v1::ListManagementTokensResponse& response, std::string_view from) {
  std::vector<ManagementToken> tokens;
  tokens.reserve(static_cast<std::size_t>(response.tokens_size()));
  for (const v1::ManagementToken& wire : response.tokens()) {
    if (wire.id().empty()) {
      return Error::Transport(std::string(from) + " listed a token without an id");
    }
    Result<ManagementToken> token = ReadToken(wire, from);
    if (!token.ok()) {
      return token.error();
    }
    tokens.push_back(std::move(token).value());
  }
  return tokens;
}

}  // namespace influxctl::grpc_plugin
