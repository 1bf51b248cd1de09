// SPDX-License-Identifier: Apache-2.0
//
// Parsing and applying fault rules (see fault_rules.hpp).

#include "fault_rules.hpp"

#include <sstream>

namespace influxctl::fake_vault {
namespace {

std::optional<int> Number(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 9) {
    return std::nullopt;
  }
  return std::stoi(text);
}

bool PathMatches(const std::string& pattern, const std::string& path) {
  if (!pattern.empty() && pattern.back() == '*') {
    return path.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  }
  return path == pattern;
}

}  // namespace

std::optional<std::string> FaultRules::Add(std::string_view spec) {
  std::istringstream words{std::string(spec)};
  FaultRule rule;
  if (!(words >> rule.method >> rule.path)) {
    return "a fault is \"METHOD PATH [status=N] [delay=MS] [race=1] [times=N]\", not \"" +
           std::string(spec) + "\"";
  }
  std::string word;
  while (words >> word) {
    std::size_t equals = word.find('=');
    std::string key = word.substr(0, equals);
    std::optional<int> value =
        equals == std::string::npos ? std::nullopt : Number(word.substr(equals + 1));
    if (!value) {
      return "fault \"" + std::string(spec) + "\": \"" + word + "\" is not KEY=NUMBER";
    }
    if (key == "status") {
      rule.status = *value;
    } else if (key == "delay") {
      rule.delay = std::chrono::milliseconds(*value);
    } else if (key == "race") {
      rule.race = *value != 0;
    } else if (key == "times") {
      rule.times = *value;
    } else {
      return "fault \"" + std::string(spec) + "\": unknown key \"" + key +
             "\" (status, delay, race, times)";
    }
  }
  if (rule.status == 0 && rule.delay.count() == 0 && !rule.race) {
    return "fault \"" + std::string(spec) + "\" does nothing; give status=N, delay=MS or race=1";
  }
  rules_.push_back(rule);
  texts_.emplace_back(spec);
  return std::nullopt;
}

FaultDecision FaultRules::Next(const std::string& method, const std::string& path) {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    FaultRule& rule = rules_[i];
    bool used_up = rule.times > 0 && rule.used >= rule.times;
    if (used_up || (rule.method != "*" && rule.method != method) || !PathMatches(rule.path, path)) {
      continue;
    }
    ++rule.used;
    return FaultDecision{rule.status, rule.delay, rule.race, texts_[i]};
  }
  return FaultDecision{};
}

}  // namespace influxctl::fake_vault
