// SPDX-License-Identifier: Apache-2.0
//
// The mock transport's calls. Each call runs the same steps: wait out the
// configured latency, read the clock, count the call and maybe fail it on
// purpose, do the work on the state, then journal and log the outcome. The
// path without a state file or journal does no file I/O, takes no lock but an
// uncontended mutex, and builds no log text unless the level is enabled, so
// benchmarks measure the engine rather than the mock. Nothing throws out of
// here: unexpected exceptions become transport errors.

#include "mock_transport.hpp"

#include <thread>

#include <influxctl/time.hpp>

#include "token_minting.hpp"

namespace influxctl::mock {
namespace {

bool Targets(FaultTarget target, MockCall call) {
  switch (target) {
    case FaultTarget::kNone:
      return false;
    case FaultTarget::kAny:
      return true;
    case FaultTarget::kCreate:
      return call == MockCall::kCreate;
    case FaultTarget::kList:
      return call == MockCall::kList;
    case FaultTarget::kRevoke:
      return call == MockCall::kRevoke;
  }
  return false;
}

Error InternalError(MockCall call, const char* what) {
  return Error::Transport("mock transport: " + std::string(MockCallName(call)) +
                          " failed inside the plugin (" + what + ")");
}

std::string Quoted(std::string_view text) {
  std::string quoted = "\"";
  quoted += text;
  quoted += '"';
  return quoted;
}

}  // namespace

MockTransport::MockTransport(MockOptions options,
                             std::optional<StateFile> state_file,
                             std::optional<Journal> journal,
                             Log& log)
    : options_(std::move(options)),
      state_file_(std::move(state_file)),
      journal_(std::move(journal)),
      log_(log) {}

std::string MockTransport::Endpoint() const {
  return state_file_ ? "mock (state: " + state_file_->path() + ")" : "mock (in memory)";
}

Result<CreatedToken> MockTransport::Create(const CreateRequest& request) {
  try {
    WaitLatency();
    const Timestamp now = Now();
    if (log_.Enabled(LogLevel::kTrace)) {
      log_.Trace("create: description " +
                 (request.description ? Quoted(*request.description) : "unset") + ", expires_at " +
                 (request.expires_at ? FormatRfc3339(*request.expires_at, true) : "unset") +
                 ", idempotency key " +
                 (request.idempotency_key.empty() ? "none" : Quoted(request.idempotency_key)));
    }

    // Left empty when the state file cannot be read, which the status says.
    std::optional<Result<CreatedToken>> result;
    bool replayed = false;
    Status stored = WithState(
        [&](MockState& state) { result.emplace(CreateIn(state, request, now, &replayed)); });
    if (!stored.ok()) {
      result.emplace(stored.error());
    }

    const bool ok = result->ok();
    if (journal_) {
      JournalEntry entry;
      entry.call = MockCall::kCreate;
      entry.description = request.description;
      entry.expires_at = request.expires_at;
      entry.idempotency_key = request.idempotency_key;
      entry.token_id = ok ? std::string_view(result->value().token.id) : "";
      entry.replayed = replayed;
      entry.error = ok ? nullptr : &result->error();
      entry.at = now;
      Record(entry);
    }
    if (ok && log_.Enabled(LogLevel::kDebug)) {
      const ManagementToken& token = result->value().token;
      log_.Debug(std::string(replayed ? "create: replayed token " : "create: minted token ") +
                 token.id + " (prefix " + token.token_prefix + ", secret " + Secret::kRedacted +
                 ")");
    } else if (!ok && log_.Enabled(LogLevel::kDebug)) {
      log_.Debug("create failed: " + result->error().message());
    }
    return std::move(*result);
  } catch (const std::exception& e) {
    return InternalError(MockCall::kCreate, e.what());
  } catch (...) {
    return InternalError(MockCall::kCreate, "an exception of unknown type");
  }
}

Result<std::vector<ManagementToken>> MockTransport::List() {
  try {
    WaitLatency();
    const Timestamp now = Now();

    std::optional<Result<std::vector<ManagementToken>>> result;
    Status stored = WithState([&](MockState& state) {
      if (std::optional<Error> failure = CountCallAndInjectFailure(MockCall::kList, state)) {
        result.emplace(std::move(*failure));
        return;
      }
      std::vector<ManagementToken> tokens;
      tokens.reserve(state.tokens().size());
      for (const StoredToken& stored_token : state.tokens()) {
        tokens.push_back(stored_token.token);
      }
      result.emplace(std::move(tokens));
    });
    if (!stored.ok()) {
      result.emplace(stored.error());
    }

    const bool ok = result->ok();
    if (journal_) {
      JournalEntry entry;
      entry.call = MockCall::kList;
      if (ok) {
        entry.token_count = result->value().size();
      }
      entry.error = ok ? nullptr : &result->error();
      entry.at = now;
      Record(entry);
    }
    if (log_.Enabled(LogLevel::kDebug)) {
      log_.Debug(ok ? "list: " + std::to_string(result->value().size()) + " tokens"
                    : "list failed: " + result->error().message());
    }
    return std::move(*result);
  } catch (const std::exception& e) {
    return InternalError(MockCall::kList, e.what());
  } catch (...) {
    return InternalError(MockCall::kList, "an exception of unknown type");
  }
}

Status MockTransport::Revoke(std::string_view token_id) {
  try {
    WaitLatency();
    const Timestamp now = Now();

    Status result;
    Status stored = WithState([&](MockState& state) { result = RevokeIn(state, token_id, now); });
    if (!stored.ok()) {
      result = stored;
    }

    if (journal_) {
      JournalEntry entry;
      entry.call = MockCall::kRevoke;
      entry.token_id = token_id;
      entry.error = result.ok() ? nullptr : &result.error();
      entry.at = now;
      Record(entry);
    }
    if (log_.Enabled(LogLevel::kDebug)) {
      log_.Debug(result.ok() ? "revoke: token " + std::string(token_id) + " revoked"
                             : "revoke failed: " + result.error().message());
    }
    return result;
  } catch (const std::exception& e) {
    return InternalError(MockCall::kRevoke, e.what());
  } catch (...) {
    return InternalError(MockCall::kRevoke, "an exception of unknown type");
  }
}

template <typename Change>
Status MockTransport::WithState(Change&& change) {
  std::lock_guard<std::mutex> guard(mutex_);
  if (!state_file_) {
    change(memory_);
    return Status::Ok();
  }
  return state_file_->Update([&](MockState& state) {
    change(state);
    if (log_.Enabled(LogLevel::kTrace)) {
      log_.Trace("state file " + state_file_->path() + ": " +
                 std::to_string(state.tokens().size()) + " tokens, next sequence " +
                 std::to_string(state.next_sequence()));
    }
  });
}

std::optional<Error> MockTransport::CountCallAndInjectFailure(MockCall call,
                                                              MockState& state) const {
  // Calls are counted whether or not a failure is configured, so fail_after
  // means the same thing however the earlier runs were set up.
  const FaultPlan& fault = options_.fault;
  const std::uint64_t before =
      fault.target == FaultTarget::kAny ? state.AllCallsSoFar() : state.CallsSoFar(call);
  state.CountCall(call);

  if (!Targets(fault.target, call) || before < fault.after) {
    return std::nullopt;
  }
  return fault.kind == ErrorKind::kTransport ? Error::Transport(fault.message)
                                             : Error::Server(fault.message);
}

Result<CreatedToken> MockTransport::CreateIn(MockState& state,
                                             const CreateRequest& request,
                                             const Timestamp& now,
                                             bool* replayed) const {
  if (std::optional<Error> failure = CountCallAndInjectFailure(MockCall::kCreate, state)) {
    return std::move(*failure);
  }

  // A key seen before answers with the token it made, secret included, as a
  // retry after a lost response must. A different request under the same key
  // is refused, as real idempotent APIs do, rather than silently ignored.
  const std::string_view description =
      request.description ? std::string_view(*request.description) : std::string_view();
  if (!request.idempotency_key.empty()) {
    if (const StoredToken* earlier = state.FindByIdempotencyKey(request.idempotency_key)) {
      if (earlier->token.description != description ||
          earlier->token.expires_at != request.expires_at) {
        return Error::Server("idempotency key " + Quoted(request.idempotency_key) +
                             " was already used for token " + Quoted(earlier->token.id) +
                             " with a different description or expiry (422); a new request "
                             "needs a new key");
      }
      *replayed = true;
      return CreatedToken{earlier->token, MintTokenSecret(earlier->seed, earlier->sequence)};
    }
  }

  StoredToken stored;
  stored.seed = options_.seed;
  stored.sequence = state.TakeSequence();
  stored.idempotency_key = request.idempotency_key;
  Secret secret = MintTokenSecret(stored.seed, stored.sequence);

  ManagementToken& token = stored.token;
  token.id = MintTokenId(stored.seed, stored.sequence);
  token.account_id = options_.account_id;
  token.token_prefix = TokenPrefix(secret);
  token.description = description;
  token.created_by = options_.created_by;
  token.created_at = now;
  token.expires_at = request.expires_at;

  // No check that the id is new: ids are 122 well-mixed bits of (seed,
  // sequence), and the sequence never repeats, so a clash is not a real risk.
  CreatedToken created{token, std::move(secret)};
  state.Add(std::move(stored));
  return created;
}

Status MockTransport::RevokeIn(MockState& state,
                               std::string_view token_id,
                               const Timestamp& now) const {
  if (std::optional<Error> failure = CountCallAndInjectFailure(MockCall::kRevoke, state)) {
    return std::move(*failure);
  }

  StoredToken* stored = state.FindById(token_id);
  if (stored == nullptr) {
    return Error::Server("token " + Quoted(token_id) +
                         " not found (404): the mock cluster has no token with this id; "
                         "`influxctl management list` shows the ids it has");
  }
  ManagementToken& token = stored->token;
  if (token.revoked_at) {
    return Error::Server("token " + Quoted(token_id) +
                         " is already revoked (409): it was revoked at " +
                         FormatRfc3339(*token.revoked_at));
  }
  token.revoked_at = now;
  return Status::Ok();
}

Timestamp MockTransport::Now() const {
  return options_.frozen_now ? *options_.frozen_now : Timestamp::Now();
}

void MockTransport::WaitLatency() const {
  if (options_.latency.count() > 0) {
    std::this_thread::sleep_for(options_.latency);
  }
}

void MockTransport::Record(const JournalEntry& entry) {
  Status written = journal_->Append(entry);
  if (!written.ok()) {
    log_.Warning(written.error().message());
  }
}

}  // namespace influxctl::mock
