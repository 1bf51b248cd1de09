// SPDX-License-Identifier: Apache-2.0
//
// The shared emulator state (see emulator_state.hpp). The verbose log line
// names the call and its outcome; it never carries a header value or a body.

#include "emulator/emulator_state.hpp"

#include <cctype>
#include <iostream>
#include <mutex>
#include <sstream>

namespace influxctl::emulator {

EmulatorState::EmulatorState(EmulatorConfig config) : config_(std::move(config)) {
  faults_.Apply(FaultUpdate{config_.fail_next, config_.fail_status, config_.close_next,
                            config_.truncate_next, config_.delay, "any"});
}

std::optional<std::string> EmulatorState::Authenticate(const std::string& authorization) const {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  const std::string credential = authorization.substr(kScheme.size());
  for (std::size_t i = 0; i < config_.accept_tokens.size(); ++i) {
    if (config_.accept_tokens[i] == credential) {
      return "user-" + std::to_string(i + 1);
    }
  }
  return std::nullopt;
}

std::string EmulatorState::Redact(std::string text) const {
  for (const std::string& token : config_.accept_tokens) {
    RedactEvery(text, token);
  }
  return store_.Redact(std::move(text));
}

void EmulatorState::Record(RequestRecord record) {
  if (config_.verbose) {
    std::ostringstream line;
    line << "influxctl-emulator: " << record.protocol << " " << record.method << " "
         << record.target << " -> " << record.status
         << " auth=" << (record.authorization_present ? "yes" : "no");
    if (!record.idempotency_key.empty()) {
      line << " idempotency-key=" << Redact(record.idempotency_key);
    }
    if (!record.fault.empty()) {
      line << " fault=" << record.fault;
    }
    line << "\n";
    static std::mutex stderr_mutex;
    std::lock_guard lock(stderr_mutex);
    std::cerr << line.str() << std::flush;
  }
  log_.Add(std::move(record));
}

bool EmulatorState::Delay(std::chrono::milliseconds delay) {
  std::unique_lock lock(stop_mutex_);
  return !stop_signal_.wait_for(lock, delay, [this] { return stopping_; });
}

void EmulatorState::Stop() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
}

}  // namespace influxctl::emulator
