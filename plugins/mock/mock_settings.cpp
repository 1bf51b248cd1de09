// SPDX-License-Identifier: Apache-2.0
//
// Turns the engine-checked Settings into MockOptions. The engine has already
// checked types and filled in defaults; what is left is what only the mock can
// judge (names of calls and error kinds, signs, the frozen clock), each refused
// with a config error that names the setting, quotes the value and says what
// would be accepted.

#include "mock_settings.hpp"

#include <influxctl/time.hpp>

namespace influxctl::mock {
namespace {

constexpr std::string_view kFallbackAccount = "mock-account";

std::string Quoted(std::string_view text) {
  std::string quoted;
  quoted.reserve(text.size() + 2);
  quoted += '"';
  quoted += text;
  quoted += '"';
  return quoted;
}

Error SettingError(std::string_view key, std::string_view problem) {
  std::string message = "mock transport setting ";
  message += key;
  message += ": ";
  message += problem;
  return Error::Config(std::move(message));
}

Result<FaultTarget> ParseFaultTarget(const std::string& name) {
  if (name.empty()) {
    return FaultTarget::kNone;
  }
  if (name == "create") {
    return FaultTarget::kCreate;
  }
  if (name == "list") {
    return FaultTarget::kList;
  }
  if (name == "revoke") {
    return FaultTarget::kRevoke;
  }
  if (name == "any") {
    return FaultTarget::kAny;
  }
  return SettingError("fail_call", Quoted(name) +
                                       " is not a call the mock can fail; use one of create, "
                                       "list, revoke, any (or leave fail_call out)");
}

// Only the two kinds a transport may report: anything else would be a test of
// a misbehaving plugin, which is not what this plugin stands in for.
Result<ErrorKind> ParseFaultKind(const std::string& name) {
  std::optional<ErrorKind> kind = KindFromName(name);
  if (!kind || (*kind != ErrorKind::kServer && *kind != ErrorKind::kTransport)) {
    return SettingError("fail_kind", Quoted(name) +
                                         " is not an error kind a transport reports; use "
                                         "server or transport");
  }
  return *kind;
}

}  // namespace

Result<MockOptions> ParseMockOptions(const Settings& settings, const Connection& connection) {
  MockOptions options;

  // Negative seeds are fine: only the bits matter to the generator.
  options.seed = static_cast<std::uint64_t>(settings.Integer("seed").value_or(1));
  options.state_file = settings.String("state_file").value_or("");
  options.journal = settings.String("journal").value_or("");
  options.created_by = settings.String("created_by").value_or("mock");

  // The setting wins, then the profile (or --account), then a fixed name, so a
  // token always carries some account the way a real cluster's would.
  options.account_id = settings.String("account_id").value_or("");
  if (options.account_id.empty()) {
    options.account_id = connection.account_id;
  }
  if (options.account_id.empty()) {
    options.account_id = kFallbackAccount;
  }

  if (std::optional<std::string> now = settings.String("now"); now && !now->empty()) {
    Result<Timestamp> parsed = ParseRfc3339(*now);
    if (!parsed.ok()) {
      return SettingError("now", parsed.error().message() +
                                     "; write an RFC 3339 time such as "
                                     "\"2030-01-01T00:00:00Z\", or leave now out for the "
                                     "real clock");
    }
    options.frozen_now = parsed.value();
  }

  Result<FaultTarget> target = ParseFaultTarget(settings.String("fail_call").value_or(""));
  if (!target.ok()) {
    return target.error();
  }
  options.fault.target = target.value();

  Result<ErrorKind> kind = ParseFaultKind(settings.String("fail_kind").value_or("server"));
  if (!kind.ok()) {
    return kind.error();
  }
  options.fault.kind = kind.value();
  options.fault.message = settings.String("fail_message").value_or("injected failure");

  std::int64_t after = settings.Integer("fail_after").value_or(0);
  if (after < 0) {
    return SettingError("fail_after", std::to_string(after) +
                                          " is negative; it counts the calls that succeed "
                                          "before failures start, so use 0 or more");
  }
  options.fault.after = static_cast<std::uint64_t>(after);

  options.latency = settings.Duration("latency").value_or(std::chrono::milliseconds(0));
  if (options.latency.count() < 0) {
    return SettingError("latency", "a negative latency makes no sense; use \"0s\" or more");
  }

  return options;
}

}  // namespace influxctl::mock
