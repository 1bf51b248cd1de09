// SPDX-License-Identifier: Apache-2.0
//
// Time as the emulator's wire contracts spell it: instants as RFC 3339 strings
// (REST) or seconds and nanoseconds (gRPC), and durations in Go's syntax for
// the --delay flag. An Instant is seconds since the Unix epoch plus
// nanoseconds, so any year from 0001 to 9999 fits, unlike a nanosecond
// std::chrono time point. Parsing is strict and never throws.

#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace influxctl::emulator {

struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;  // 0 .. 999'999'999

  auto operator<=>(const Instant&) const = default;
};

Instant Now();

// Seconds in [0001-01-01, 9999-12-31] and nanos in [0, 1e9): what RFC 3339
// (and google.protobuf.Timestamp) can represent.
bool IsRepresentable(const Instant& instant);

// "2030-01-02T03:04:05Z", "2030-01-02T03:04:05.123+02:00"; nothing else (no
// date-only, no missing offset, no "+0200", no impossible dates or times).
std::optional<Instant> ParseRfc3339(std::string_view text);

// UTC with a "Z"; a fraction only when nanos is not zero, without trailing
// zeros: "2030-01-02T01:04:05.123Z".
std::string FormatRfc3339(const Instant& instant);

// Go's duration syntax, as --delay takes it: "250ms", "1.5s", "1m30s", "0".
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace influxctl::emulator
