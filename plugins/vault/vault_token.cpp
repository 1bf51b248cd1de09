// SPDX-License-Identifier: Apache-2.0
//
// Reads the Vault token (see vault_token.hpp). A file's trailing line break
// and surrounding blanks are dropped, as `vault login` writes one; anything
// else that cannot go in an HTTP header is refused, without showing it.

#include "vault_token.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace influxctl::vault {
namespace {

constexpr std::size_t kMaxTokenBytes = 64 * 1024;

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// `text` without surrounding blanks; the copy in `text` is wiped.
Secret Trimmed(std::string& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && IsBlank(text[begin])) {
    ++begin;
  }
  while (end > begin && IsBlank(text[end - 1])) {
    --end;
  }
  Secret trimmed(text.substr(begin, end - begin));
  std::fill(text.begin(), text.end(), '\0');
  return trimmed;
}

Status CheckUsable(const Secret& token, const std::string& source) {
  for (unsigned char c : token.Reveal()) {
    if (c < 0x20 || c == 0x7f) {
      return Error::Output("the Vault token from " + source +
                           " contains a control character (a line break inside it?), which "
                           "cannot be sent in the X-Vault-Token header; store the token alone");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<VaultToken> ReadVaultToken(const std::string& token_file) {
  VaultToken token;
  if (token_file.empty()) {
    // The environment, as the vault CLI does.
    token.source = "VAULT_TOKEN";
    const char* value = std::getenv("VAULT_TOKEN");
    std::string text = value != nullptr ? value : "";
    token.value = Trimmed(text);
    if (token.value.empty()) {
      return Error::Output(
          "no Vault token: VAULT_TOKEN is not set (or empty) and the output names no "
          "token_file; export VAULT_TOKEN (for example after \"vault login\"), or set "
          "token_file = \"PATH\" in this [[profile.output]] to a file holding the token");
    }
  } else {
    token.source = "token_file " + token_file;
    std::ifstream in(token_file, std::ios::binary);
    if (!in) {
      return Error::Output("the Vault token file " + token_file +
                           " (token_file) cannot be read; check that it exists and is "
                           "readable by this user");
    }
    std::string text(kMaxTokenBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxTokenBytes) {
      std::fill(text.begin(), text.end(), '\0');
      return Error::Output("the Vault token file " + token_file +
                           " (token_file) is larger than any Vault token; point token_file at "
                           "a file holding only the token");
    }
    token.value = Trimmed(text);
    if (token.value.empty()) {
      return Error::Output("the Vault token file " + token_file +
                           " (token_file) is empty; write the token into it (vault login "
                           "-token-only ... > FILE)");
    }
  }
  if (Status usable = CheckUsable(token.value, token.source); !usable.ok()) {
    return usable.error();
  }
  return token;
}

}  // namespace influxctl::vault
