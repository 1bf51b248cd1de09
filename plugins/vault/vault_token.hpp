// SPDX-License-Identifier: Apache-2.0
//
// Where the Vault token comes from: the token_file setting when it is set,
// otherwise the VAULT_TOKEN environment variable, the same variable the vault
// CLI reads. Never from the command line and never from the profile's text,
// so it stays out of shell history, process lists and config files. The value
// is returned as a Secret and appears in no message; messages name only its
// source. Reads the file or the environment on each call; thread-compatible.

#pragma once

#include <string>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>

namespace influxctl::vault {

struct VaultToken {
  Secret value;
  std::string source;  // "VAULT_TOKEN" or "token_file /etc/influxctl/vault-token"
};

// `token_file` empty: VAULT_TOKEN. Errors are kOutput, saying where to put a token.
Result<VaultToken> ReadVaultToken(const std::string& token_file);

}  // namespace influxctl::vault
