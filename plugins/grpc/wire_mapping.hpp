// SPDX-License-Identifier: Apache-2.0
//
// Translation between the engine's token model and the messages of
// proto/management.proto. Requests carry only what was asked for: an unset
// description or expiry is left unset on the wire, never sent as "" or epoch.
// Answers are checked before they become tokens: a created token without an id
// or a secret is a transport error, never a half-filled token. Pure functions.

#pragma once

#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/token.hpp>
#include <influxctl/transport.hpp>

#include "management.grpc.pb.h"

namespace influxctl::grpc_plugin {

namespace v1 = ::influxctl::management::v1;

v1::CreateManagementTokenRequest MakeCreateRequest(const CreateRequest& request,
                                                   const Connection& connection);
v1::ListManagementTokensRequest MakeListRequest(const Connection& connection);
v1::RevokeManagementTokenRequest MakeRevokeRequest(std::string_view token_id,
                                                   const Connection& connection);

// `from` names the server in messages ("localhost:8443").
Result<CreatedToken> ReadCreateResponse(const v1::CreateManagementTokenResponse& response,
                                        std::string_view from);
Result<std::vector<ManagementToken>> ReadListResponse(
    const v1::ListManagementTokensResponse& response, std::string_view from);

}  // namespace influxctl::grpc_plugin
