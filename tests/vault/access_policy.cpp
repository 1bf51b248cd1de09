// SPDX-License-Identifier: Apache-2.0
//
// Tokens, policies and capability checks of the fake Vault (see
// access_policy.hpp).

#include "access_policy.hpp"

#include <algorithm>
#include <set>

namespace influxctl::fake_vault {
namespace {

constexpr std::string_view kKnownCapabilities[] = {"create", "read", "update", "patch", "delete",
                                                   "list",   "sudo", "deny",   "root"};

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  while (true) {
    std::size_t at = text.find(separator);
    parts.emplace_back(text.substr(0, at));
    if (at == std::string_view::npos) {
      return parts;
    }
    text = text.substr(at + 1);
  }
}

std::vector<std::string> Segments(std::string_view path) {
  return Split(path, '/');
}

}  // namespace

std::optional<int> MatchPattern(std::string_view pattern, std::string_view path) {
  // A trailing '*' matches any rest, '+' exactly one segment; the rest is literal.
  bool glob = !pattern.empty() && pattern.back() == '*';
  std::string_view fixed = glob ? pattern.substr(0, pattern.size() - 1) : pattern;
  if (fixed.find('+') == std::string_view::npos) {
    bool match = glob ? path.substr(0, fixed.size()) == fixed : path == fixed;
    if (!match) {
      return std::nullopt;
    }
    return static_cast<int>(fixed.size()) * 4 + (glob ? 0 : 2);
  }
  std::vector<std::string> want = Segments(fixed);
  std::vector<std::string> have = Segments(path);
  if (have.size() < want.size() || (!glob && have.size() != want.size())) {
    return std::nullopt;
  }
  int score = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    bool last = i + 1 == want.size();
    if (want[i] == "+") {
      continue;
    }
    bool match = last && glob ? have[i].rfind(want[i], 0) == 0 : have[i] == want[i];
    if (!match) {
      return std::nullopt;
    }
    score += static_cast<int>(want[i].size()) * 4;
  }
  return score + (glob ? 0 : 2);
}

std::optional<std::string> AccessPolicy::AddPolicy(std::string_view spec) {
  std::size_t equals = spec.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return "a policy is NAME=PATTERN:CAP,CAP;PATTERN:CAP, not \"" + std::string(spec) + "\"";
  }
  std::string name(spec.substr(0, equals));
  std::vector<PolicyRule> rules;
  for (const std::string& rule : Split(spec.substr(equals + 1), ';')) {
    std::size_t colon = rule.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      return "policy " + name + ": a rule is PATTERN:CAP,CAP, not \"" + rule + "\"";
    }
    PolicyRule parsed{rule.substr(0, colon), Split(rule.substr(colon + 1), ',')};
    for (const std::string& capability : parsed.capabilities) {
      if (std::find(std::begin(kKnownCapabilities), std::end(kKnownCapabilities), capability) ==
          std::end(kKnownCapabilities)) {
        return "policy " + name + ": unknown capability \"" + capability + "\"";
      }
    }
    rules.push_back(std::move(parsed));
  }
  policies_[name] = std::move(rules);
  return std::nullopt;
}

std::optional<std::string> AccessPolicy::AddToken(std::string_view spec) {
  std::size_t equals = spec.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return "a token is TOKEN=POLICY,POLICY, not \"" + std::string(spec) + "\"";
  }
  std::vector<std::string> names = Split(spec.substr(equals + 1), ',');
  for (const std::string& policy : names) {
    if (policy != "root" && policies_.count(policy) == 0) {
      return "token policy \"" + policy + "\" is not defined; give --policy before --token";
    }
  }
  tokens_[std::string(spec.substr(0, equals))] = std::move(names);
  return std::nullopt;
}

std::vector<std::string> AccessPolicy::PoliciesOf(const std::string& token) const {
  auto found = tokens_.find(token);
  std::vector<std::string> names{"default"};
  if (found != tokens_.end()) {
    names.insert(names.end(), found->second.begin(), found->second.end());
  }
  return names;
}

std::vector<std::string> AccessPolicy::Capabilities(const std::string& token,
                                                    const std::string& full_path) const {
  auto found = tokens_.find(token);
  if (found == tokens_.end()) {
    return {"deny"};
  }
  std::set<std::string> granted;
  for (const std::string& name : found->second) {
    if (name == "root") {
      return {"root"};
    }
    // Per policy, the most specific matching rule alone applies.
    const PolicyRule* best = nullptr;
    int best_score = -1;
    for (const PolicyRule& rule : policies_.at(name)) {
      std::optional<int> score = MatchPattern(rule.pattern, full_path);
      if (score && *score > best_score) {
        best = &rule;
        best_score = *score;
      }
    }
    if (best != nullptr) {
      granted.insert(best->capabilities.begin(), best->capabilities.end());
    }
  }
  if (granted.empty() || granted.count("deny") > 0) {
    return {"deny"};
  }
  return {granted.begin(), granted.end()};
}

bool AccessPolicy::Allows(const std::string& token,
                          const std::string& full_path,
                          std::string_view capability) const {
  std::vector<std::string> granted = Capabilities(token, full_path);
  return std::find(granted.begin(), granted.end(), "root") != granted.end() ||
         std::find(granted.begin(), granted.end(), capability) != granted.end();
}

bool AccessPolicy::MaySeeAnythingUnder(const std::string& token, const std::string& prefix) const {
  auto found = tokens_.find(token);
  if (found == tokens_.end()) {
    return false;
  }
  for (const std::string& name : found->second) {
    if (name == "root") {
      return true;
    }
    for (const PolicyRule& rule : policies_.at(name)) {
      bool denies = std::find(rule.capabilities.begin(), rule.capabilities.end(), "deny") !=
                    rule.capabilities.end();
      if (!denies && rule.pattern.rfind(prefix, 0) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace influxctl::fake_vault
