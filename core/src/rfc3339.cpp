// SPDX-License-Identifier: Apache-2.0
//
// RFC 3339 date-times as users type them (--expires-at), parsed strictly and
// printed back, plus Timestamp::Now. Date arithmetic uses
// only the std::chrono civil calendar, so no result ever depends on the process
// time zone. Error messages quote the input with every byte that is not
// printable ASCII escaped, so an error can never carry a terminal escape
// sequence. Pure functions, safe from any thread.

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/time.hpp>

#include "quoted_input.hpp"

namespace influxctl {
namespace {

namespace chrono = std::chrono;

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

constexpr std::string_view kDateTimeExamples = "2027-01-01T00:00:00Z or 2027-01-01T09:30:00+02:00";

constexpr std::array<std::string_view, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string TwoDigits(int value) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d", value);
  return text;
}

// Reads the fixed-width ASCII fields of a date-time, remembering where it
// stopped so that an error can say what it found there.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  std::size_t pos() const { return pos_; }
  std::string_view Rest() const { return text_.substr(std::min(pos_, text_.size())); }

  bool Literal(char expected) {
    if (AtEnd() || text_[pos_] != expected) {
      return false;
    }
    ++pos_;
    return true;
  }

  // Exactly `width` ASCII digits.
  bool Number(int width, int* value) {
    int result = 0;
    for (int i = 0; i < width; ++i) {
      if (AtEnd() || !IsDigit(text_[pos_])) {
        return false;
      }
      result = result * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    *value = result;
    return true;
  }

  // As many ASCII digits as there are, at least none.
  std::string_view Digits() {
    const std::size_t start = pos_;
    while (!AtEnd() && IsDigit(text_[pos_])) {
      ++pos_;
    }
    return text_.substr(start, pos_ - start);
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// What the scanner stopped at, for "expected X, found Y" messages.
std::string Found(const Scanner& in) {
  if (in.AtEnd()) {
    return "found the end of the value";
  }
  std::string found = "found " + QuoteInput(in.Rest().substr(0, 12));
  if (static_cast<unsigned char>(in.Peek()) >= 0x80) {
    found +=
        " (a character that is not plain ASCII, perhaps a dash, minus sign or space "
        "pasted from a document; type it again)";
  }
  return found;
}

constexpr std::string_view kDefaultWhat = "--expires-at";

Error DateTimeError(std::string_view text, const std::string& reason) {
  return Error::Usage("invalid " + std::string(kDefaultWhat) + " value " + QuoteInput(text) + ": " +
                      reason);
}

// The same error, ending with the generic examples.
Error DateTimeErrorWithExamples(std::string_view text, const std::string& reason) {
  return DateTimeError(text, reason + "; write it like " + std::string(kDateTimeExamples));
}

// A corrected spelling is offered only if it parses, so a suggestion is never
// itself wrong (and, being valid, it is plain ASCII and safe to print raw).
std::optional<std::string> IfValid(std::string candidate) {
  if (ParseRfc3339(candidate).ok()) {
    return candidate;
  }
  return std::nullopt;
}

// Explains an offset that is not ±hh:mm. "+0000" gets its own message
// because `date +%z`, which many scripts use, prints exactly that.
Error OffsetError(std::string_view text, std::size_t sign_pos) {
  const std::string offset(text.substr(sign_pos));
  Scanner after_sign(text.substr(sign_pos + 1));
  const std::size_t digits = after_sign.Digits().size();

  if (digits == 4 && after_sign.AtEnd()) {
    std::string fixed(text);
    fixed.insert(sign_pos + 3, ":");
    const std::string reason = "the offset " + offset + " needs a colon: write " +
                               fixed.substr(sign_pos) +
                               " (`date +%Y-%m-%dT%H:%M:%S%:z` prints the right form; "
                               "%z without the colon does not)";
    if (auto suggestion = IfValid(fixed)) {
      return DateTimeError(text, reason + ", as in " + *suggestion);
    }
    return DateTimeErrorWithExamples(text, reason);
  }
  if (digits == 2 && after_sign.AtEnd()) {
    return DateTimeErrorWithExamples(
        text, "the offset " + offset + " needs minutes: write " + offset + ":00");
  }
  return DateTimeErrorWithExamples(text, "the offset must be Z, +hh:mm or -hh:mm (found " +
                                             QuoteInput(offset.substr(0, 12)) + ")");
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

}  // namespace

Timestamp Timestamp::Now() {
  const auto since_epoch =
      chrono::duration_cast<chrono::nanoseconds>(chrono::system_clock::now().time_since_epoch());
  const auto seconds = chrono::floor<chrono::seconds>(since_epoch);
  return {seconds.count(), static_cast<std::int32_t>((since_epoch - seconds).count())};
}

Result<Timestamp> ParseRfc3339(std::string_view text, std::string_view what) {
  auto parsed = ParseRfc3339(text);
  if (parsed.ok() || what == kDefaultWhat) {
    return parsed;
  }
  // The messages are built for the flag; name what the caller read instead.
  std::string message = parsed.error().message();
  message.replace(message.find(kDefaultWhat), kDefaultWhat.size(), what);
  return Error::Usage(message);
}

Result<Timestamp> ParseRfc3339(std::string_view text) {
  Scanner in(text);
  if (text.empty()) {
    return DateTimeErrorWithExamples(text, "it is empty");
  }

  // The date, checked against the calendar before anything else: a wrong date
  // matters more than a missing time, and a suggestion built on it would be wrong.
  int year = 0;
  int month = 0;
  int day = 0;
  if (!in.Number(4, &year) || !in.Literal('-') || !in.Number(2, &month) || !in.Literal('-') ||
      !in.Number(2, &day)) {
    if (Scanner digits(text); digits.Digits().size() == text.size()) {
      return DateTimeErrorWithExamples(text, "a bare number is not a date-time");
    }
    return DateTimeErrorWithExamples(
        text, "it must start with a date written YYYY-MM-DD (" + Found(in) + ")");
  }
  if (month < 1 || month > 12) {
    return DateTimeErrorWithExamples(text, "month " + TwoDigits(month) + " does not exist");
  }
  const chrono::year_month_day date{chrono::year{year}, chrono::month{unsigned(month)},
                                    chrono::day{unsigned(day)}};
  if (!date.ok()) {
    const chrono::year_month_day_last last{chrono::year{year},
                                           chrono::month_day_last{chrono::month{unsigned(month)}}};
    return DateTimeErrorWithExamples(
        text, std::string(text.substr(0, 10)) +
                  " is not a date: " + std::string(kMonthNames[month - 1]) + " " +
                  std::to_string(year) + " has " + std::to_string(unsigned(last.day())) + " days");
  }

  // The separator. A date alone and a space are the two usual slips.
  if (in.AtEnd()) {
    return DateTimeError(text,
                         "a date alone is not an instant; add a time and an offset, such as " +
                             std::string(text) + "T00:00:00Z for midnight UTC");
  }
  if (in.Peek() == ' ') {
    std::string fixed(text);
    fixed[in.pos()] = 'T';
    if (auto suggestion = IfValid(fixed)) {
      return DateTimeError(
          text, "the date and the time must be joined by 'T', not a space: " + *suggestion);
    }
    return DateTimeErrorWithExamples(text,
                                     "the date and the time must be joined by 'T', not a space");
  }
  if (!in.Literal('T') && !in.Literal('t')) {
    return DateTimeErrorWithExamples(text, "expected 'T' after the date, " + Found(in));
  }

  // The time of day. RFC 3339 allows second 60 for leap seconds, but a Unix
  // timestamp has no way to name one, so it is refused rather than moved.
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!in.Number(2, &hour) || !in.Literal(':') || !in.Number(2, &minute)) {
    return DateTimeErrorWithExamples(
        text, "expected a time written hh:mm:ss after the 'T', " + Found(in));
  }
  if (!in.Literal(':') || !in.Number(2, &second)) {
    return DateTimeErrorWithExamples(
        text, "the time must have seconds, written hh:mm:ss (" + Found(in) + ")");
  }
  if (hour > 23) {
    return DateTimeErrorWithExamples(
        text, "hour " + TwoDigits(hour) + " does not exist; hours run from 00 to 23");
  }
  if (minute > 59) {
    return DateTimeErrorWithExamples(
        text, "minute " + TwoDigits(minute) + " does not exist; minutes run from 00 to 59");
  }
  if (second == 60) {
    return DateTimeErrorWithExamples(
        text, "second 60 (a leap second) cannot be represented as a Unix time; use :59");
  }
  if (second > 59) {
    return DateTimeErrorWithExamples(
        text, "second " + TwoDigits(second) + " does not exist; seconds run from 00 to 59");
  }

  // The fraction, kept exactly to the nanosecond.
  std::int32_t nanos = 0;
  if (in.Literal('.')) {
    const std::string_view fraction = in.Digits();
    if (fraction.empty()) {
      return DateTimeErrorWithExamples(text,
                                       "the '.' after the seconds must be followed by digits");
    }
    if (fraction.size() > 9) {
      return DateTimeErrorWithExamples(text, "the fraction of a second has " +
                                                 std::to_string(fraction.size()) +
                                                 " digits; at most 9 (nanoseconds) are accepted");
    }
    for (std::size_t i = 0; i < 9; ++i) {
      nanos = nanos * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    }
  }

  // The offset: without one the value names a different instant in every zone.
  if (in.AtEnd()) {
    return DateTimeError(text,
                         "it has no offset, so it would mean a different instant in every time "
                         "zone; add Z for UTC or the zone's offset, as in " +
                             std::string(text) + "Z or " + std::string(text) + "+02:00");
  }
  int offset_seconds = 0;
  if (in.Literal('Z') || in.Literal('z')) {
    offset_seconds = 0;
  } else if (in.Peek() == '+' || in.Peek() == '-') {
    const std::size_t sign_pos = in.pos();
    const int sign = in.Peek() == '-' ? -1 : 1;
    in.Literal(in.Peek());
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!in.Number(2, &offset_hours) || !in.Literal(':') || !in.Number(2, &offset_minutes)) {
      return OffsetError(text, sign_pos);
    }
    if (offset_hours > 23 || offset_minutes > 59) {
      return DateTimeErrorWithExamples(text,
                                       "the offset " + std::string(text.substr(sign_pos, 6)) +
                                           " is out of range; offsets run from -23:59 to +23:59");
    }
    offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
  } else {
    return DateTimeErrorWithExamples(
        text, "expected Z or an offset such as +02:00 after the time, " + Found(in));
  }
  if (!in.AtEnd()) {
    return DateTimeErrorWithExamples(
        text, "unexpected " + QuoteInput(in.Rest()) + " after the offset; nothing may follow it");
  }

  // Civil-calendar arithmetic only: the same text is the same instant anywhere.
  const std::int64_t days = chrono::sys_days{date}.time_since_epoch().count();
  const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second -
                               static_cast<std::int64_t>(offset_seconds);
  return Timestamp{seconds, nanos};
}

std::string FormatRfc3339(const Timestamp& time, bool with_nanos) {
  // The calendar covers years -32767 to 32767; instants beyond it (only a
  // broken or hostile server sends them) are printed at its edge.
  constexpr std::int64_t kMinSeconds =
      chrono::sys_days{chrono::year{-32767} / chrono::January / 1}.time_since_epoch().count() *
      kSecondsPerDay;
  constexpr std::int64_t kMaxSeconds =
      chrono::sys_days{chrono::year{32767} / chrono::December / 31}.time_since_epoch().count() *
          kSecondsPerDay +
      kSecondsPerDay - 1;

  // Nanos outside 0..999'999'999 break the contract; they are carried into
  // the seconds rather than printed as a nonsense fraction.
  std::int64_t seconds = time.seconds;
  std::int64_t nanos = time.nanos;
  if (seconds >= kMinSeconds && seconds <= kMaxSeconds) {
    const std::int64_t carry = FloorDiv(nanos, kNanosPerSecond);
    seconds += carry;
    nanos -= carry * kNanosPerSecond;
  }
  if (seconds < kMinSeconds) {
    seconds = kMinSeconds;
    nanos = 0;
  } else if (seconds > kMaxSeconds) {
    seconds = kMaxSeconds;
    nanos = kNanosPerSecond - 1;
  }

  // Floor division, so that instants before 1970 land on the right day.
  const std::int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - days * kSecondsPerDay;
  const chrono::year_month_day date{chrono::sys_days{chrono::days{days}}};

  const int year = int(date.year());
  char text[64];
  std::snprintf(text, sizeof text, "%s%04d-%02u-%02uT%02d:%02d:%02d", year < 0 ? "-" : "",
                year < 0 ? -year : year, unsigned(date.month()), unsigned(date.day()),
                int(second_of_day / 3600), int(second_of_day / 60 % 60), int(second_of_day % 60));
  std::string out = text;

  if (with_nanos && nanos != 0) {
    std::snprintf(text, sizeof text, ".%09d", int(nanos));
    std::string fraction = text;
    fraction.erase(fraction.find_last_not_of('0') + 1);
    out += fraction;
  }
  return out + "Z";
}

}  // namespace influxctl
