// SPDX-License-Identifier: Apache-2.0
//
// What the mock cluster remembers: its tokens in creation order, the next
// create's sequence number, which idempotency key made which token, and how
// many calls of each kind it has answered (for fail_after). Secrets are not
// kept: a token's secret is derived again from its (seed, sequence) when an
// idempotent create is replayed, so neither memory nor the state file ever
// holds one. The JSON form is what the state file contains. A MockState is a
// plain value with no locking of its own; its owner serialises access.

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <influxctl/token.hpp>

namespace influxctl::mock {

enum class MockCall { kCreate, kList, kRevoke };

// "create", "list", "revoke": as the journal and the state file spell them.
std::string_view MockCallName(MockCall call);

struct StoredToken {
  ManagementToken token;
  std::uint64_t seed = 0;      // the seed it was minted with; a state file may outlive a seed
  std::uint64_t sequence = 0;  // which create it was
  std::string idempotency_key;
};

class MockState {
 public:
  const std::vector<StoredToken>& tokens() const { return tokens_; }

  // The sequence number for the next mint; each call hands out a new one.
  std::uint64_t TakeSequence() { return next_sequence_++; }
  std::uint64_t next_sequence() const { return next_sequence_; }

  StoredToken* FindById(std::string_view id);
  const StoredToken* FindByIdempotencyKey(std::string_view key) const;

  // The caller has made sure that neither the id nor a non-empty idempotency
  // key is taken already.
  void Add(StoredToken token);

  // Calls of `call` answered so far, and counting one more.
  std::uint64_t CallsSoFar(MockCall call) const { return calls_[Index(call)]; }
  std::uint64_t AllCallsSoFar() const;
  void CountCall(MockCall call) { ++calls_[Index(call)]; }

  // The file form, and back. FromJson explains what is wrong in `problem`
  // (without naming the file, which the caller knows).
  std::string ToJson() const;
  static std::optional<MockState> FromJson(const std::string& text, std::string* problem);

 private:
  static std::size_t Index(MockCall call) { return static_cast<std::size_t>(call); }

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  using PositionIndex =
      std::unordered_map<std::string, std::size_t, TransparentHash, std::equal_to<>>;

  std::vector<StoredToken> tokens_;
  // id -> position in tokens_, covering the first ids_indexed_ tokens. It is
  // brought up to date only when an id is looked up: benchmarks create far
  // more often than they revoke, and a hash insert per create would cost more
  // than the rest of the create.
  PositionIndex by_id_;
  std::size_t ids_indexed_ = 0;
  PositionIndex by_idempotency_key_;  // key -> position in tokens_
  std::uint64_t next_sequence_ = 0;
  std::array<std::uint64_t, 3> calls_{};
};

}  // namespace influxctl::mock
