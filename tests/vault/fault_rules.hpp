// SPDX-License-Identifier: Apache-2.0
//
// Scripted misbehaviour of the fake Vault, so tests can reach the error paths
// of a client: answer with an HTTP status instead of serving a request, or
// serve it only after a delay, or after another client's write to the same
// KV version 2 secret (a check-and-set race). A rule names a method ("*" for
// any) and a request path (exact, or a prefix ending in '*'), then any of
// status=N, delay=MS (milliseconds), race=1 and times=N (how many matching
// requests it applies to; 0 or absent: all of them), e.g.
// "POST /v1/secret/data/app status=500 times=1". The first rule that matches and is not used up
// applies. Not thread-safe: the caller holds the fake's one lock.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace influxctl::fake_vault {

struct FaultRule {
  std::string method;
  std::string path;
  int status = 0;  // 0: serve the request
  std::chrono::milliseconds delay{0};
  bool race = false;  // another client writes the secret first
  int times = 0;      // 0: unlimited
  int used = 0;
};

struct FaultDecision {
  int status = 0;
  std::chrono::milliseconds delay{0};
  bool race = false;
  std::string rule;  // the rule's text, for the request log; empty: none applied
};

class FaultRules {
 public:
  // The error says what is wrong with `spec`.
  std::optional<std::string> Add(std::string_view spec);
  void Clear() {
    rules_.clear();
    texts_.clear();
  }

  FaultDecision Next(const std::string& method, const std::string& path);

 private:
  std::vector<FaultRule> rules_;
  std::vector<std::string> texts_;
};

}  // namespace influxctl::fake_vault
