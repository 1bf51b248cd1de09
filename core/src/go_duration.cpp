// SPDX-License-Identifier: Apache-2.0
//
// Go durations (--timeout, duration settings), parsed with Go's own rules and
// printed back as Go prints them. A sign is refused: these are timeouts and
// delays. Pure functions, safe from any thread.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <influxctl/time.hpp>

#include "quoted_input.hpp"

namespace influxctl {
namespace {

constexpr std::string_view kDurationExamples = "30s, 1m0s or 1h30m";

constexpr bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

struct DurationUnit {
  std::string_view name;
  std::uint64_t nanos;
};

// "µs" is accepted in both of its Unicode spellings, U+00B5 and U+03BC, as Go does.
constexpr std::array<DurationUnit, 8> kDurationUnits = {{
    {"ns", 1},
    {"us", 1'000},
    {"\xc2\xb5s", 1'000},
    {"\xce\xbcs", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000},
    {"h", 3'600'000'000'000},
}};

// Go's limit: a duration is a signed 64-bit count of nanoseconds.
constexpr std::uint64_t kMaxDurationNanos = std::numeric_limits<std::int64_t>::max();

Error DurationError(std::string_view text, const std::string& reason) {
  return Error::Usage("invalid duration " + QuoteInput(text) + ": " + reason + "; write it like " +
                      std::string(kDurationExamples));
}

}  // namespace

Result<std::chrono::milliseconds> ParseGoDuration(std::string_view text) {
  if (text.empty()) {
    return DurationError(text, "it is empty");
  }
  if (text == "0") {
    return std::chrono::milliseconds(0);
  }
  if (text[0] == '+' || text[0] == '-') {
    std::string reason = "a sign is not accepted, as durations here are timeouts and delays";
    if (text.size() > 1 && text[1] != '+' && text[1] != '-' &&
        ParseGoDuration(text.substr(1)).ok()) {
      reason += "; drop it: " + std::string(text.substr(1));
    }
    return DurationError(text, reason);
  }

  // A run of <number><unit> pairs, each number with an optional fraction,
  // summed in nanoseconds with Go's overflow limit.
  std::uint64_t total = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t number_start = pos;

    // The whole part. Each step keeps value * 10 + digit within the limit.
    std::uint64_t whole = 0;
    bool has_whole = false;
    while (pos < text.size() && IsDigit(text[pos])) {
      const unsigned digit = unsigned(text[pos] - '0');
      if (whole > (kMaxDurationNanos - digit) / 10) {
        return DurationError(text, "it is too long; the longest duration is about 2562047h");
      }
      whole = whole * 10 + digit;
      has_whole = true;
      ++pos;
    }

    // The fraction. Digits past what 64 bits can hold cannot change the result
    // by a nanosecond, so they are read and dropped, as Go does.
    std::uint64_t fraction = 0;
    double fraction_scale = 1;
    bool has_fraction = false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      bool dropping = false;
      while (pos < text.size() && IsDigit(text[pos])) {
        const unsigned digit = unsigned(text[pos] - '0');
        if (!dropping && fraction > (kMaxDurationNanos - digit) / 10) {
          dropping = true;
        }
        if (!dropping) {
          fraction = fraction * 10 + digit;
          fraction_scale *= 10;
        }
        has_fraction = true;
        ++pos;
      }
    }
    if (!has_whole && !has_fraction) {
      const std::string what = pos > number_start ? "digits around the '.'" : "a number";
      return DurationError(text,
                           "expected " + what + " at " + QuoteInput(text.substr(number_start, 12)));
    }
    const std::string number(text.substr(number_start, pos - number_start));

    // The unit runs up to the next number, as in Go, so "30 s" has the unit " s".
    const std::size_t unit_start = pos;
    while (pos < text.size() && text[pos] != '.' && !IsDigit(text[pos])) {
      ++pos;
    }
    const std::string_view unit_name = text.substr(unit_start, pos - unit_start);
    if (unit_name.empty()) {
      return DurationError(text, "the number " + number +
                                     " has no unit; add one of ns, us, ms, s, m, h (" + number +
                                     "s is " + number + " seconds)");
    }
    const auto unit = std::find_if(kDurationUnits.begin(), kDurationUnits.end(),
                                   [&](const DurationUnit& u) { return u.name == unit_name; });
    if (unit == kDurationUnits.end()) {
      std::string reason = "unknown unit " + QuoteInput(unit_name) + " after " + number +
                           "; the units are ns, us, ms, s, m and h";
      if (unit_name == "d" || unit_name == "day" || unit_name == "days") {
        reason += " (there is no day unit: a day is 24h)";
      }
      return DurationError(text, reason);
    }

    // Scale and add, refusing anything past the limit rather than wrapping.
    if (whole > kMaxDurationNanos / unit->nanos) {
      return DurationError(text, "it is too long; the longest duration is about 2562047h");
    }
    std::uint64_t value = whole * unit->nanos;
    if (fraction > 0) {
      // Go's own arithmetic, so both tools agree on every input.
      value += static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                          (static_cast<double>(unit->nanos) / fraction_scale));
    }
    if (value > kMaxDurationNanos || total > kMaxDurationNanos - value) {
      return DurationError(text, "it is too long; the longest duration is about 2562047h");
    }
    total += value;
  }

  // Rounded up, so that a tiny but non-zero timeout never becomes "no wait".
  constexpr std::uint64_t kNanosPerMilli = 1'000'000;
  return std::chrono::milliseconds(
      static_cast<std::int64_t>((total + kNanosPerMilli - 1) / kNanosPerMilli));
}

std::string FormatGoDuration(std::chrono::milliseconds duration) {
  const std::int64_t count = duration.count();
  if (count == 0) {
    return "0s";
  }
  // Unsigned magnitude, so that the most negative value has one too.
  const bool negative = count < 0;
  const std::uint64_t millis =
      negative ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
  const std::string sign = negative ? "-" : "";

  if (millis < 1000) {
    return sign + std::to_string(millis) + "ms";
  }

  // Go prints seconds with a trimmed fraction, and minutes and hours only
  // once the value reaches them, but then always all the smaller units.
  std::string seconds = std::to_string(millis / 1000 % 60);
  if (const std::uint64_t fraction = millis % 1000; fraction != 0) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%03u", unsigned(fraction));
    std::string trimmed = digits;
    trimmed.erase(trimmed.find_last_not_of('0') + 1);
    seconds += "." + trimmed;
  }
  seconds += "s";

  const std::uint64_t total_minutes = millis / 60'000;
  if (total_minutes == 0) {
    return sign + seconds;
  }
  const std::uint64_t hours = total_minutes / 60;
  const std::string minutes = std::to_string(total_minutes % 60) + "m";
  if (hours == 0) {
    return sign + minutes + seconds;
  }
  return sign + std::to_string(hours) + "h" + minutes + seconds;
}

}  // namespace influxctl
