// SPDX-License-Identifier: Apache-2.0
//
// Which credential a transport presents, and where it came from. Precedence,
// first found wins: the INFLUXCTL_MGMT_TOKEN environment variable, the
// profile's mgmt_token, then the file named by [profile.auth.token]
// token_file. The source is kept for messages ("the credential from
// INFLUXCTL_MGMT_TOKEN was rejected"); the value is never logged.

#pragma once

#include <influxctl/error.hpp>
#include <influxctl/profile.hpp>
#include <influxctl/transport.hpp>

namespace influxctl {

inline constexpr const char* kCredentialEnvironmentVariable = "INFLUXCTL_MGMT_TOKEN";

// Fills connection.credential and credential_source; leaves both empty when
// the profile names no credential. An unreadable or empty token_file is a
// config error.
Status ResolveCredential(const Profile& profile, Connection& connection);

// The usage error for a transport that needs a credential and has none.
Error MissingCredential(const Profile& profile, std::string_view transport);

}  // namespace influxctl
