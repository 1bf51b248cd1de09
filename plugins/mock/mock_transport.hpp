// SPDX-License-Identifier: Apache-2.0
//
// The mock transport: a cluster stand-in that answers create, list and revoke
// from its own state (in the instance, or in a state file shared by runs),
// with deterministic tokens, a frozen clock if asked, injected failures and
// latency, and a journal of every call. It never logs or journals a secret:
// logs show a token's id and prefix, and Secret::kRedacted where the secret
// would be. The Transport contract asks for one thread at a time; this one
// also tolerates several, serialising their calls inside.

#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/log.hpp>
#include <influxctl/transport.hpp>

#include "journal.hpp"
#include "mock_settings.hpp"
#include "mock_state.hpp"
#include "state_file.hpp"

namespace influxctl::mock {

class MockTransport final : public Transport {
 public:
  // `state_file` unset: the state lives in this instance. `journal` unset: no journal.
  MockTransport(MockOptions options,
                std::optional<StateFile> state_file,
                std::optional<Journal> journal,
                Log& log);

  std::string Endpoint() const override;

  Result<CreatedToken> Create(const CreateRequest& request) override;
  Result<std::vector<ManagementToken>> List() override;
  Status Revoke(std::string_view token_id) override;

 private:
  // Runs `change(MockState&)` with the state to itself: under the instance's
  // mutex, and under the file lock when there is a state file.
  template <typename Change>
  Status WithState(Change&& change);

  // Counts the call in `state` and returns the injected failure, if this call
  // is one fail_call and fail_after say must fail.
  std::optional<Error> CountCallAndInjectFailure(MockCall call, MockState& state) const;

  Result<CreatedToken> CreateIn(MockState& state,
                                const CreateRequest& request,
                                const Timestamp& now,
                                bool* replayed) const;
  Status RevokeIn(MockState& state, std::string_view token_id, const Timestamp& now) const;

  Timestamp Now() const;
  void WaitLatency() const;
  void Record(const JournalEntry& entry);

  MockOptions options_;
  std::optional<StateFile> state_file_;
  std::optional<Journal> journal_;
  Log& log_;

  std::mutex mutex_;
  MockState memory_;  // the state when there is no state file
};

}  // namespace influxctl::mock
