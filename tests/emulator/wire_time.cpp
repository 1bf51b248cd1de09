// SPDX-License-Identifier: Apache-2.0
//
// RFC 3339 and Go-duration conversions for the emulator (see wire_time.hpp).
// Calendar arithmetic goes through std::chrono's civil-date types, which
// reject impossible dates such as February 30th.

#include "emulator/wire_time.hpp"

#include <cstdio>

namespace influxctl::emulator {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

// Reads exactly `count` decimal digits at `pos`, or fails.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::int64_t DaysSinceEpoch(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days days{std::chrono::year{year} / month / day};
  return days.time_since_epoch().count();
}

}  // namespace

Instant Now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  return Instant{ns / 1'000'000'000, static_cast<std::int32_t>(ns % 1'000'000'000)};
}

bool IsRepresentable(const Instant& instant) {
  const std::int64_t first = DaysSinceEpoch(1, 1, 1) * kSecondsPerDay;
  const std::int64_t last = (DaysSinceEpoch(9999, 12, 31) + 1) * kSecondsPerDay - 1;
  return instant.seconds >= first && instant.seconds <= last && instant.nanos >= 0 &&
         instant.nanos < 1'000'000'000;
}

std::optional<Instant> ParseRfc3339(std::string_view text) {
  // The fixed part: YYYY-MM-DDTHH:MM:SS.
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || text[4] != '-' || text[7] != '-' ||
      (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year} / static_cast<unsigned>(*month) /
                                         static_cast<unsigned>(*day)};
  if (*year == 0 || !date.ok() || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }

  // An optional fraction of up to nine digits.
  std::size_t pos = 19;
  std::int32_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits == 9) {
        return std::nullopt;
      }
      nanos = nanos * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) {
      return std::nullopt;
    }
    for (; digits < 9; ++digits) {
      nanos *= 10;
    }
  }

  // The offset: "Z" or "+hh:mm" / "-hh:mm", and nothing after it.
  std::int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const auto offset_hour = Digits(text, pos + 1, 2);
    const auto offset_minute = Digits(text, pos + 4, 2);
    if (!offset_hour || !offset_minute || text[pos + 3] != ':' || *offset_hour > 23 ||
        *offset_minute > 59) {
      return std::nullopt;
    }
    offset_seconds = (*offset_hour * 60 + *offset_minute) * 60;
    if (text[pos] == '-') {
      offset_seconds = -offset_seconds;
    }
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) {
    return std::nullopt;
  }

  const std::int64_t local =
      DaysSinceEpoch(*year, *month, *day) * kSecondsPerDay + (*hour * 60 + *minute) * 60 + *second;
  return Instant{local - offset_seconds, nanos};
}

std::string FormatRfc3339(const Instant& instant) {
  // Floor division, so instants before 1970 land on the right day.
  std::int64_t days = instant.seconds / kSecondsPerDay;
  std::int64_t second_of_day = instant.seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  const std::chrono::year_month_day date{
      std::chrono::sys_days{std::chrono::days{static_cast<int>(days)}}};

  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60));
  std::string out = text;
  if (instant.nanos != 0) {
    std::snprintf(text, sizeof text, ".%09d", instant.nanos);
    std::string fraction = text;
    while (fraction.back() == '0') {
      fraction.pop_back();
    }
    out += fraction;
  }
  return out + "Z";
}

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  if (text == "0") {
    return std::chrono::milliseconds{0};
  }
  if (text.empty()) {
    return std::nullopt;
  }

  // A sequence of <number><unit>, the number with an optional fraction.
  double total_ms = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t number_start = pos;
    while (pos < text.size() && ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) {
      ++pos;
    }
    const std::string number{text.substr(number_start, pos - number_start)};
    if (number.empty() || number == "." || number.find('.') != number.rfind('.')) {
      return std::nullopt;
    }
    const std::size_t unit_start = pos;
    while (pos < text.size() && !((text[pos] >= '0' && text[pos] <= '9') || text[pos] == '.')) {
      ++pos;
    }
    const std::string_view unit = text.substr(unit_start, pos - unit_start);
    double scale_ms = 0;
    if (unit == "ns") {
      scale_ms = 1e-6;
    } else if (unit == "us" || unit == "\u00b5s") {
      scale_ms = 1e-3;
    } else if (unit == "ms") {
      scale_ms = 1;
    } else if (unit == "s") {
      scale_ms = 1e3;
    } else if (unit == "m") {
      scale_ms = 60e3;
    } else if (unit == "h") {
      scale_ms = 3600e3;
    } else {
      return std::nullopt;
    }
    total_ms += std::stod(number) * scale_ms;
  }
  if (total_ms > 24 * 3600e3) {
    return std::nullopt;  // longer than a day is a typo, not a test
  }
  return std::chrono::milliseconds{static_cast<std::int64_t>(total_ms)};
}

}  // namespace influxctl::emulator
