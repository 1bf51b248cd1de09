// SPDX-License-Identifier: Apache-2.0
//
// What the REST and gRPC front ends share: the settings, the one token store,
// the fault plan, the request log, and the rules both protocols apply the
// same way (which credentials are accepted, what to redact, how to log). All
// members are thread-safe; the config is read-only after start.

#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "emulator/command_line.hpp"
#include "emulator/fault_plan.hpp"
#include "emulator/request_log.hpp"
#include "emulator/token_store.hpp"

namespace influxctl::emulator {

class EmulatorState {
 public:
  explicit EmulatorState(EmulatorConfig config);

  const EmulatorConfig& config() const { return config_; }
  TokenStore& store() { return store_; }
  FaultPlan& faults() { return faults_; }
  RequestLog& log() { return log_; }

  // The account a call's tokens belong to: --account-id on Dedicated, "" on
  // Clustered.
  const std::string& account_id() const { return config_.account_id; }

  // For an Authorization value "Bearer <token>" (scheme in any case) naming
  // an accepted token: the principal recorded as createdBy ("user-1" for the
  // first --accept-token, ...). Otherwise nothing.
  std::optional<std::string> Authenticate(const std::string& authorization) const;

  // `text` without any accepted credential or minted secret.
  std::string Redact(std::string text) const;

  // Records the call, and with --verbose writes one line about it to stderr.
  void Record(RequestRecord record);

  // Sleeps for an injected delay; returns early (false) once Stop() was
  // called, so that a long delay never holds up shutdown.
  bool Delay(std::chrono::milliseconds delay);
  void Stop();

 private:
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;

  const EmulatorConfig config_;
  TokenStore store_;
  FaultPlan faults_;
  RequestLog log_;
};

}  // namespace influxctl::emulator
