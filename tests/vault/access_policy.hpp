// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's tokens and ACL policies, given on its command line. A
// policy is a list of rules, each a path pattern and its capabilities, as in
// Vault's HCL: "secret/data/app/*" (a trailing '*' matches any rest) or
// "secret/data/+/prod" ('+' matches one segment). Per policy the most
// specific matching rule applies; the capabilities of a token's policies add
// up, and "deny" anywhere wins. The built-in policy "root" grants everything.
// Paths are full paths: a namespace's requests are checked with the
// namespace in front ("team-a/secret/data/app"). Immutable after start, so
// safe to read from any thread.

#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace influxctl::fake_vault {

struct PolicyRule {
  std::string pattern;
  std::vector<std::string> capabilities;
};

class AccessPolicy {
 public:
  // "NAME=PATTERN:CAP,CAP;PATTERN:CAP"; the error says what is wrong.
  std::optional<std::string> AddPolicy(std::string_view spec);
  // "TOKEN=POLICY,POLICY"; every policy must have been added (or be "root").
  std::optional<std::string> AddToken(std::string_view spec);

  bool KnowsToken(const std::string& token) const { return tokens_.count(token) > 0; }
  std::vector<std::string> PoliciesOf(const std::string& token) const;

  // The token's capabilities on `full_path`, sorted; {"deny"} when none.
  std::vector<std::string> Capabilities(const std::string& token,
                                        const std::string& full_path) const;
  bool Allows(const std::string& token,
              const std::string& full_path,
              std::string_view capability) const;
  // Whether the token may do anything at all under `prefix` (Vault's test for
  // seeing a mount).
  bool MaySeeAnythingUnder(const std::string& token, const std::string& prefix) const;

 private:
  std::map<std::string, std::vector<PolicyRule>> policies_;
  std::map<std::string, std::vector<std::string>> tokens_;
};

// Whether `pattern` matches `path`, and how specific the match is (larger:
// more specific); nullopt when it does not match.
std::optional<int> MatchPattern(std::string_view pattern, std::string_view path);

}  // namespace influxctl::fake_vault
