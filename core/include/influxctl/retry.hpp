// SPDX-License-Identifier: Apache-2.0
//
// When and how often a transport retries, shared by every network transport
// so that the settings mean the same everywhere. Only failures that are safe
// to repeat are retried (the transport decides which); a create is retried
// with the same idempotency key. The delays grow exponentially up to a cap,
// and no retry starts past the call's deadline. A plain value.

#pragma once

#include <chrono>
#include <optional>

#include <influxctl/settings.hpp>

namespace influxctl {

struct RetryPolicy {
  int max_retries = 3;
  std::chrono::milliseconds initial_delay{200};
  std::chrono::milliseconds max_delay{2'000};

  // The pause before retry number `retry` (1 for the first retry).
  std::chrono::milliseconds DelayBefore(int retry) const {
    auto delay = initial_delay;
    for (int i = 1; i < retry && delay < max_delay; ++i) {
      delay *= 2;
    }
    return delay < max_delay ? delay : max_delay;
  }

  // Reads the three settings below; absent keys keep the defaults above.
  static RetryPolicy FromSettings(const Settings& settings) {
    RetryPolicy policy;
    if (auto retries = settings.Integer(kRetriesKey)) {
      policy.max_retries = static_cast<int>(*retries);
    }
    if (auto delay = settings.Duration(kInitialDelayKey)) {
      policy.initial_delay = *delay;
    }
    if (auto delay = settings.Duration(kMaxDelayKey)) {
      policy.max_delay = *delay;
    }
    return policy;
  }

  static constexpr std::string_view kRetriesKey = "retries";
  static constexpr std::string_view kInitialDelayKey = "retry_delay";
  static constexpr std::string_view kMaxDelayKey = "retry_max_delay";
};

// The settings a network transport adds to its schema for RetryPolicy.
inline constexpr SettingSpec kRetriesSetting{
    RetryPolicy::kRetriesKey, SettingType::kInteger, false, "3",
    "how many times a failed call that is safe to repeat is retried (0: never)"};
inline constexpr SettingSpec kRetryDelaySetting{
    RetryPolicy::kInitialDelayKey, SettingType::kDuration, false, "200ms",
    "pause before the first retry; it doubles for each further retry"};
inline constexpr SettingSpec kRetryMaxDelaySetting{RetryPolicy::kMaxDelayKey,
                                                   SettingType::kDuration, false, "2s",
                                                   "longest pause between retries"};

}  // namespace influxctl
