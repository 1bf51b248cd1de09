// SPDX-License-Identifier: Apache-2.0
//
// The mock transport's settings: the schema it declares to the engine, and the
// checked plain values an instance runs on. Every setting is parsed and checked
// once, when the instance is made, so a call never re-reads or re-checks a
// setting; a bad value is a config error that names the setting and says how to
// fix it. Pure values, safe to copy between threads.

#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/token.hpp>
#include <influxctl/transport.hpp>

namespace influxctl::mock {

// Kept in step with configs/mock-harness.toml, which shows every key in use.
inline constexpr SettingSpec kMockSettingSchema[] = {
    {"seed", SettingType::kInteger, false, "1",
     "ids and token strings are a pure function of (seed, create number): the same seed with "
     "fresh state gives the same tokens on every run"},
    {"state_file", SettingType::kPath, false, "",
     "JSON file holding the mock cluster's tokens, so runs see each other's creates and "
     "revokes; locked and replaced atomically on every call. Unset: tokens live in the "
     "instance and vanish with it"},
    {"account_id", SettingType::kString, false, "",
     "account id stamped on new tokens. Unset or empty: the profile's account_id, else "
     "\"mock-account\""},
    {"created_by", SettingType::kString, false, "mock", "created_by stamped on new tokens"},
    {"now", SettingType::kString, false, "",
     "RFC 3339 time the mock's clock is frozen at (created_at, revoked_at, journal \"at\"), "
     "for golden files. Unset: the real clock"},
    {"fail_call", SettingType::kString, false, "",
     "inject a failure into this call: create, list, revoke or any. Unset: no failure"},
    {"fail_kind", SettingType::kString, false, "server",
     "kind of the injected error: server (the cluster said no) or transport (it could not "
     "be reached)"},
    {"fail_message", SettingType::kString, false, "injected failure",
     "message of the injected error, returned exactly as written"},
    {"fail_after", SettingType::kInteger, false, "0",
     "how many fail_call calls succeed before the failures start; counted in the "
     "state_file (across runs) when there is one, else in the instance"},
    {"latency", SettingType::kDuration, false, "0s",
     "time every call sleeps before it answers, e.g. \"250ms\""},
    {"journal", SettingType::kPath, false, "",
     "file that gets one JSON line per call (what was asked, the outcome, never the "
     "secret), appended safely by parallel runs. Unset: no journal"},
};

// Which calls an injected failure hits.
enum class FaultTarget { kNone, kCreate, kList, kRevoke, kAny };

struct FaultPlan {
  FaultTarget target = FaultTarget::kNone;
  ErrorKind kind = ErrorKind::kServer;
  std::string message = "injected failure";
  std::uint64_t after = 0;  // calls of the target that succeed first
};

struct MockOptions {
  std::uint64_t seed = 1;
  std::string state_file;  // empty: state lives in the instance
  std::string journal;     // empty: no journal
  std::string account_id;  // already resolved against the connection
  std::string created_by = "mock";
  std::optional<Timestamp> frozen_now;  // unset: the real clock
  FaultPlan fault;
  std::chrono::milliseconds latency{0};
};

// Reads and checks the settings the engine has validated against the schema
// (so defaulted keys are present and types are right). Errors are kConfig.
Result<MockOptions> ParseMockOptions(const Settings& settings, const Connection& connection);

}  // namespace influxctl::mock
