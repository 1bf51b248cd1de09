// SPDX-License-Identifier: Apache-2.0
//
// Credential resolution (see credentials.hpp).

#include "credentials.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace influxctl {
namespace {

std::string ProfileSource(const Profile& profile) {
  return profile.source.empty() ? "the profile" : profile.source.string();
}

Result<Secret> ReadTokenFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Config("cannot read [profile.auth.token] token_file " + path +
                         "; check that it exists and is readable by this user");
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  // A trailing newline is how editors and `echo` leave a file; it is not part of the token.
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                            token.back() == '\t')) {
    token.pop_back();
  }
  if (token.empty()) {
    return Error::Config("[profile.auth.token] token_file " + path + " is empty");
  }
  Secret secret(std::move(token));
  return secret;
}

}  // namespace

Status ResolveCredential(const Profile& profile, Connection& connection) {
  const char* from_env = std::getenv(kCredentialEnvironmentVariable);
  if (from_env != nullptr && *from_env != '\0') {
    connection.credential = Secret(from_env);
    connection.credential_source =
        std::string("the ") + kCredentialEnvironmentVariable + " environment variable";
    return Status::Ok();
  }
  if (!profile.mgmt_token.empty()) {
    connection.credential = profile.mgmt_token;
    connection.credential_source =
        "mgmt_token of profile \"" + profile.name + "\" in " + ProfileSource(profile);
    return Status::Ok();
  }
  if (!profile.token_file.empty()) {
    auto secret = ReadTokenFile(profile.token_file);
    if (!secret.ok()) {
      return secret.error();
    }
    connection.credential = std::move(secret).value();
    connection.credential_source = "token_file " + profile.token_file;
    return Status::Ok();
  }
  return Status::Ok();
}

Error MissingCredential(const Profile& profile, std::string_view transport) {
  std::string ways = "set mgmt_token in the profile, export " +
                     std::string(kCredentialEnvironmentVariable) +
                     ", or name a file with [profile.auth.token] token_file";
  if (profile.has_oauth2) {
    return Error::Usage("profile \"" + profile.name +
                        "\" authenticates only with "
                        "[profile.auth.oauth2], and the OAuth 2.0 device flow is not supported "
                        "by this influxctl; transport \"" +
                        std::string(transport) + "\" needs a management token instead: " + ways);
  }
  return Error::Usage("transport \"" + std::string(transport) +
                      "\" needs a management token "
                      "and profile \"" +
                      profile.name + "\" in " + ProfileSource(profile) + " names none: " + ways);
}

}  // namespace influxctl
