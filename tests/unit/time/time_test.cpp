// SPDX-License-Identifier: Apache-2.0
//
// Tests for the two time syntaxes users type: RFC 3339 date-times (strict,
// time-zone independent, with messages that quote the input safely and say
// how to fix it) and Go durations, both parsed and printed back.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <time.h>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <influxctl/time.hpp>

namespace influxctl {

// Readable failures: GoogleTest finds this by argument-dependent lookup.
void PrintTo(const Timestamp& time, std::ostream* out) {
  *out << "{" << time.seconds << "s, " << time.nanos << "ns}";
}

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// 2027-01-01T00:00:00Z, worked out by hand: 57 years of days since 1970,
// 14 of them leap years (1972 ... 2024).
constexpr std::int64_t k2027 = (57 * 365 + 14) * 86'400LL;

Timestamp MustParse(std::string_view text) {
  Result<Timestamp> parsed = ParseRfc3339(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error().message();
  return parsed.ok() ? parsed.value() : Timestamp{};
}

// The message of a refused date-time, after checking the part every such
// message shares.
std::string ParseError(std::string_view text) {
  Result<Timestamp> parsed = ParseRfc3339(text);
  EXPECT_FALSE(parsed.ok()) << text << " was accepted";
  if (parsed.ok()) {
    return "";
  }
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(parsed.error().message(), StartsWith("invalid --expires-at value \""));
  return parsed.error().message();
}

std::string DurationError(std::string_view text) {
  Result<std::chrono::milliseconds> parsed = ParseGoDuration(text);
  EXPECT_FALSE(parsed.ok()) << text << " was accepted";
  if (parsed.ok()) {
    return "";
  }
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(parsed.error().message(), AllOf(StartsWith("invalid duration \""),
                                              HasSubstr("write it like 30s, 1m0s or 1h30m")));
  return parsed.error().message();
}

std::int64_t Millis(std::string_view text) {
  Result<std::chrono::milliseconds> parsed = ParseGoDuration(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.error().message();
  return parsed.ok() ? parsed.value().count() : -1;
}

// Sets TZ for one test and puts the old value back, so that no other test
// runs in a zone it did not ask for.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* old = getenv("TZ")) {
      old_ = old;
    }
    Set(zone);
  }
  ~ScopedTimeZone() { Set(old_ ? old_->c_str() : nullptr); }

 private:
  static void Set(const char* zone) {
    if (zone) {
      setenv("TZ", zone, 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  std::optional<std::string> old_;
};

TEST(ParseRfc3339, Utc) {
  EXPECT_EQ(MustParse("2027-01-01T00:00:00Z"), (Timestamp{k2027, 0}));
  EXPECT_EQ(MustParse("1970-01-01T00:00:00Z"), (Timestamp{0, 0}));
  EXPECT_EQ(MustParse("2027-01-01T09:30:15Z"), (Timestamp{k2027 + 9 * 3600 + 30 * 60 + 15, 0}));
}

TEST(ParseRfc3339, OffsetsNameTheSameInstant) {
  const Timestamp utc = MustParse("2027-01-01T07:30:00Z");
  EXPECT_EQ(MustParse("2027-01-01T09:30:00+02:00"), utc);
  EXPECT_EQ(MustParse("2027-01-01T02:30:00-05:00"), utc);
  EXPECT_EQ(MustParse("2027-01-01T13:00:00+05:30"), utc);
  EXPECT_EQ(MustParse("2027-01-01T07:30:00+00:00"), utc);
  EXPECT_EQ(MustParse("2027-01-01T07:30:00-00:00"), utc);
  // Across a day boundary in both directions.
  EXPECT_EQ(MustParse("2026-12-31T23:30:00-08:00"), utc);
  EXPECT_EQ(MustParse("2027-01-02T07:29:00+23:59"), utc);
}

TEST(ParseRfc3339, Fractions) {
  EXPECT_EQ(MustParse("2027-01-01T00:00:00.5Z"), (Timestamp{k2027, 500'000'000}));
  EXPECT_EQ(MustParse("2027-01-01T00:00:00.123456789Z"), (Timestamp{k2027, 123'456'789}));
  EXPECT_EQ(MustParse("2027-01-01T00:00:00.000000001Z"), (Timestamp{k2027, 1}));
  EXPECT_EQ(MustParse("2027-01-01T00:00:00.999999999+01:00"),
            (Timestamp{k2027 - 3600, 999'999'999}));
  EXPECT_EQ(MustParse("2027-01-01T00:00:00.000Z"), (Timestamp{k2027, 0}));
}

TEST(ParseRfc3339, LowercaseSeparatorAndZone) {
  EXPECT_EQ(MustParse("2027-01-01t00:00:00z"), (Timestamp{k2027, 0}));
  EXPECT_EQ(MustParse("2027-01-01t00:00:00Z"), (Timestamp{k2027, 0}));
}

TEST(ParseRfc3339, CalendarEdges) {
  const Timestamp leap_day = MustParse("2028-02-29T00:00:00Z");
  EXPECT_EQ(MustParse("2028-03-01T00:00:00Z").seconds - leap_day.seconds, 86'400);
  EXPECT_EQ(MustParse("2000-02-29T12:00:00Z").seconds, 951'825'600);
  EXPECT_EQ(MustParse("2027-12-31T23:59:59Z").seconds, k2027 + 365 * 86'400 - 1);
  EXPECT_EQ(MustParse("1969-12-31T23:59:59Z"), (Timestamp{-1, 0}));
  EXPECT_EQ(MustParse("1900-01-01T00:00:00Z").seconds, -2'208'988'800);
}

TEST(ParseRfc3339, SameInstantInEveryProcessTimeZone) {
  const char* const zones[] = {
      "UTC",    "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Kiritimati",
      "EST5EDT"};
  const char* const inputs[] = {"2027-01-01T00:00:00Z", "2027-07-01T12:00:00+02:00",
                                "2027-03-14T07:30:00Z"};
  for (const char* input : inputs) {
    std::optional<Timestamp> first;
    for (const char* zone : zones) {
      ScopedTimeZone scoped(zone);
      const Timestamp parsed = MustParse(input);
      if (!first) {
        first = parsed;
      }
      EXPECT_EQ(parsed, *first) << input << " in " << zone;
      EXPECT_EQ(FormatRfc3339(parsed), FormatRfc3339(*first)) << zone;
    }
  }
  ScopedTimeZone scoped("America/New_York");
  EXPECT_EQ(MustParse("2027-01-01T00:00:00Z"), (Timestamp{k2027, 0}));
}

TEST(ParseRfc3339, NonExistentDates) {
  EXPECT_THAT(ParseError("2027-02-30T00:00:00Z"),
              AllOf(HasSubstr("2027-02-30 is not a date"), HasSubstr("February 2027 has 28 days"),
                    HasSubstr("2027-01-01T00:00:00Z")));
  EXPECT_THAT(ParseError("2026-02-29T00:00:00Z"), HasSubstr("February 2026 has 28 days"));
  EXPECT_THAT(ParseError("2100-02-29T00:00:00Z"), HasSubstr("February 2100 has 28 days"));
  EXPECT_THAT(ParseError("2027-04-31T00:00:00Z"), HasSubstr("April 2027 has 30 days"));
  EXPECT_THAT(ParseError("2027-01-00T00:00:00Z"), HasSubstr("is not a date"));
  EXPECT_THAT(ParseError("2027-13-01T00:00:00Z"), HasSubstr("month 13 does not exist"));
  EXPECT_THAT(ParseError("2027-00-01T00:00:00Z"), HasSubstr("month 00 does not exist"));
}

TEST(ParseRfc3339, NonExistentTimes) {
  EXPECT_THAT(ParseError("2027-01-01T25:00:00Z"), HasSubstr("hour 25 does not exist"));
  EXPECT_THAT(ParseError("2027-01-01T24:00:00Z"), HasSubstr("hour 24 does not exist"));
  EXPECT_THAT(ParseError("2027-01-01T12:60:00Z"), HasSubstr("minute 60 does not exist"));
  EXPECT_THAT(ParseError("2027-01-01T12:00:61Z"), HasSubstr("second 61 does not exist"));
  // Leap seconds are refused: a Unix time cannot name one.
  EXPECT_THAT(ParseError("2016-12-31T23:59:60Z"), HasSubstr("leap second"));
}

TEST(ParseRfc3339, MissingOffset) {
  EXPECT_THAT(ParseError("2027-01-01T00:00:00"),
              AllOf(HasSubstr("no offset"), HasSubstr("2027-01-01T00:00:00Z"),
                    HasSubstr("2027-01-01T00:00:00+02:00")));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00.5"), HasSubstr("no offset"));
}

TEST(ParseRfc3339, OffsetWithoutColonSaysHowToFixIt) {
  const std::string message = ParseError("2027-01-01T00:00:00+0000");
  EXPECT_THAT(message, AllOf(HasSubstr("needs a colon"), HasSubstr("+00:00"),
                             HasSubstr("date +%Y-%m-%dT%H:%M:%S%:z"),
                             HasSubstr("2027-01-01T00:00:00+00:00")));
  EXPECT_THAT(ParseError("2027-01-01T09:30:00-0530"),
              AllOf(HasSubstr("write -05:30"), HasSubstr("2027-01-01T09:30:00-05:30")));
}

TEST(ParseRfc3339, OtherBadOffsets) {
  EXPECT_THAT(ParseError("2027-01-01T00:00:00+02"), HasSubstr("write +02:00"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00+24:00"), HasSubstr("out of range"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00+02:60"), HasSubstr("out of range"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00+2:00"), HasSubstr("+hh:mm"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00 UTC"), HasSubstr("expected Z or an offset"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00EST"), HasSubstr("expected Z or an offset"));
}

TEST(ParseRfc3339, DateOnlySuggestsMidnightUtc) {
  EXPECT_THAT(ParseError("2027-01-01"),
              AllOf(HasSubstr("date alone"), HasSubstr("2027-01-01T00:00:00Z")));
}

TEST(ParseRfc3339, SpaceInsteadOfT) {
  EXPECT_THAT(ParseError("2027-01-01 09:30:00Z"),
              AllOf(HasSubstr("not a space"), HasSubstr("2027-01-01T09:30:00Z")));
  EXPECT_THAT(ParseError("2027-01-01 09:30:00"), HasSubstr("not a space"));
}

TEST(ParseRfc3339, JunkAndTrailingCharacters) {
  EXPECT_THAT(ParseError(""), HasSubstr("it is empty"));
  EXPECT_THAT(ParseError("tomorrow"), HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(ParseError("1798761600"), HasSubstr("bare number"));
  EXPECT_THAT(ParseError("2027/01/01T00:00:00Z"), HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(ParseError("27-01-01T00:00:00Z"), HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(ParseError("2027-1-1T00:00:00Z"), HasSubstr("YYYY-MM-DD"));
  EXPECT_THAT(ParseError("2027-01-01T9:30:00Z"), HasSubstr("hh:mm:ss"));
  EXPECT_THAT(ParseError("2027-01-01T09:30Z"), HasSubstr("must have seconds"));
  EXPECT_THAT(ParseError("2027-01-01X00:00:00Z"), HasSubstr("expected 'T'"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00.Z"), HasSubstr("followed by digits"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00.1234567891Z"), HasSubstr("at most 9"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00,5Z"), HasSubstr("expected Z or an offset"));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00Zjunk"),
              AllOf(HasSubstr("\"junk\""), HasSubstr("after the offset")));
  EXPECT_THAT(ParseError("2027-01-01T00:00:00+02:00 "), HasSubstr("after the offset"));
  EXPECT_THAT(ParseError(" 2027-01-01T00:00:00Z"), HasSubstr("YYYY-MM-DD"));
}

TEST(ParseRfc3339, MessageQuotesInputAndShowsExample) {
  EXPECT_THAT(ParseError("2027-13-01T00:00:00Z"),
              AllOf(StartsWith("invalid --expires-at value \"2027-13-01T00:00:00Z\": "),
                    HasSubstr("2027-01-01T00:00:00Z or 2027-01-01T09:30:00+02:00")));
}

TEST(ParseRfc3339, MessageNeverCarriesControlCharacters) {
  const std::string message = ParseError("2027-01-01T00:00:00Z\x1b[31m\nnext\tline\x7f");
  EXPECT_THAT(message, HasSubstr("\\x1b[31m\\nnext\\tline\\x7f"));
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte < 0x7f) << "raw byte " << int(byte) << " in " << message;
  }
  // A Unicode minus sign pasted from a document is shown, and explained.
  EXPECT_THAT(ParseError("2027-01-01T00:00:00\xe2\x88\x92"
                         "05:00"),
              AllOf(HasSubstr("\\xe2\\x88\\x92"), HasSubstr("not plain ASCII")));
  // Quotes and backslashes in the input cannot end the quoted part early.
  EXPECT_THAT(ParseError("\"2027\\"), StartsWith("invalid --expires-at value \"\\\"2027\\\\\": "));
}

TEST(ParseRfc3339, VeryLongInputIsCut) {
  const std::string message = ParseError(std::string(5000, '9'));
  EXPECT_THAT(message, HasSubstr("(5000 bytes)"));
  EXPECT_LT(message.size(), 400u);
}

TEST(FormatRfc3339, Utc) {
  EXPECT_EQ(FormatRfc3339({k2027, 0}), "2027-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339({0, 0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339({k2027 + 86'399, 0}), "2027-01-01T23:59:59Z");
}

TEST(FormatRfc3339, Nanos) {
  EXPECT_EQ(FormatRfc3339({k2027, 500'000'000}), "2027-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339({k2027, 500'000'000}, true), "2027-01-01T00:00:00.5Z");
  EXPECT_EQ(FormatRfc3339({k2027, 123'456'789}, true), "2027-01-01T00:00:00.123456789Z");
  EXPECT_EQ(FormatRfc3339({k2027, 1}, true), "2027-01-01T00:00:00.000000001Z");
  EXPECT_EQ(FormatRfc3339({k2027, 0}, true), "2027-01-01T00:00:00Z");
}

TEST(FormatRfc3339, BeforeNineteenSeventy) {
  EXPECT_EQ(FormatRfc3339({-1, 0}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339({-86'400, 0}), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatRfc3339({-86'401, 0}), "1969-12-30T23:59:59Z");
  EXPECT_EQ(FormatRfc3339({-2'208'988'800, 0}), "1900-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339({-1, 250'000'000}, true), "1969-12-31T23:59:59.25Z");
}

TEST(FormatRfc3339, RoundTrips) {
  const char* const texts[] = {
      "2027-01-01T00:00:00Z",   "2028-02-29T23:59:59Z",           "1969-07-20T20:17:40Z",
      "1900-03-01T00:00:00.5Z", "2038-01-19T03:14:08.000000001Z", "9999-12-31T23:59:59.999999999Z",
      "0001-01-01T00:00:00Z"};
  for (const char* text : texts) {
    EXPECT_EQ(FormatRfc3339(MustParse(text), true), text);
  }
  for (const std::int64_t seconds : {std::int64_t{-5'000'000'000}, std::int64_t{-1},
                                     std::int64_t{0}, std::int64_t{1'799'999'999}}) {
    const Timestamp time{seconds, 42};
    EXPECT_EQ(MustParse(FormatRfc3339(time, true)), time);
  }
  // An offset is printed back in UTC.
  EXPECT_EQ(FormatRfc3339(MustParse("2027-01-01T09:30:00+02:00")), "2027-01-01T07:30:00Z");
}

TEST(FormatRfc3339, OutOfContractValuesStayPrintable) {
  EXPECT_EQ(FormatRfc3339({0, 1'500'000'000}, true), "1970-01-01T00:00:01.5Z");
  EXPECT_EQ(FormatRfc3339({0, -1}, true), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(FormatRfc3339({std::numeric_limits<std::int64_t>::max(), 0}), "32767-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339({std::numeric_limits<std::int64_t>::min(), 0}), "-32767-01-01T00:00:00Z");
}

TEST(TimestampNow, IsCloseToTheSystemClock) {
  const auto before = std::chrono::system_clock::now();
  const Timestamp now = Timestamp::Now();
  const auto after = std::chrono::system_clock::now();
  EXPECT_GE(now.nanos, 0);
  EXPECT_LT(now.nanos, 1'000'000'000);
  EXPECT_GE(now.seconds,
            std::chrono::floor<std::chrono::seconds>(before.time_since_epoch()).count());
  EXPECT_LE(now.seconds,
            std::chrono::floor<std::chrono::seconds>(after.time_since_epoch()).count());
}

TEST(ParseGoDuration, Valid) {
  EXPECT_EQ(Millis("0"), 0);
  EXPECT_EQ(Millis("0s"), 0);
  EXPECT_EQ(Millis("30s"), 30'000);
  EXPECT_EQ(Millis("1m0s"), 60'000);
  EXPECT_EQ(Millis("1h30m"), 5'400'000);
  EXPECT_EQ(Millis("1.5h"), 5'400'000);
  EXPECT_EQ(Millis("250ms"), 250);
  EXPECT_EQ(Millis("1.5s"), 1'500);
  EXPECT_EQ(Millis(".5s"), 500);
  EXPECT_EQ(Millis("1.s"), 1'000);
  EXPECT_EQ(Millis("2h45m30.5s"), 9'930'500);
  EXPECT_EQ(Millis("1s1s"), 2'000);
  EXPECT_EQ(Millis("1000000us"), 1'000);
  EXPECT_EQ(Millis("1000\xc2\xb5s"), 1);
  EXPECT_EQ(Millis("1000\xce\xbcs"), 1);
  EXPECT_EQ(Millis("2000000ns"), 2);
  EXPECT_EQ(Millis("2562047h"), 2'562'047LL * 3'600'000);
}

TEST(ParseGoDuration, SubMillisecondRoundsUp) {
  EXPECT_EQ(Millis("1ns"), 1);
  EXPECT_EQ(Millis("1us"), 1);
  EXPECT_EQ(Millis("1000001ns"), 2);
  EXPECT_EQ(Millis("1.0001ms"), 2);
  EXPECT_EQ(Millis("1ms"), 1);
}

TEST(ParseGoDuration, Invalid) {
  EXPECT_THAT(DurationError(""), HasSubstr("it is empty"));
  EXPECT_THAT(DurationError("30"), AllOf(HasSubstr("no unit"), HasSubstr("30s")));
  EXPECT_THAT(DurationError("1h30"), HasSubstr("the number 30 has no unit"));
  EXPECT_THAT(DurationError("00"), HasSubstr("no unit"));
  EXPECT_THAT(DurationError("30sec"), HasSubstr("unknown unit \"sec\""));
  EXPECT_THAT(DurationError("2d"), AllOf(HasSubstr("unknown unit \"d\""), HasSubstr("24h")));
  EXPECT_THAT(DurationError("30 s"), HasSubstr("unknown unit \" s\""));
  EXPECT_THAT(DurationError("s"), HasSubstr("expected a number"));
  EXPECT_THAT(DurationError(" 30s"), HasSubstr("expected a number"));
  EXPECT_THAT(DurationError(".s"), HasSubstr("digits around the '.'"));
  EXPECT_THAT(DurationError("1h-30m"), HasSubstr("unknown unit \"h-\""));
}

TEST(ParseGoDuration, SignIsRefused) {
  EXPECT_THAT(DurationError("-30s"), AllOf(HasSubstr("sign"), HasSubstr("drop it: 30s")));
  EXPECT_THAT(DurationError("+1m"), AllOf(HasSubstr("sign"), HasSubstr("drop it: 1m")));
  EXPECT_THAT(DurationError("-"), HasSubstr("sign"));
  EXPECT_THAT(DurationError("--5s"), AllOf(HasSubstr("sign"), Not(HasSubstr("drop it"))));
}

TEST(ParseGoDuration, Overflow) {
  EXPECT_THAT(DurationError("2562048h"), HasSubstr("too long"));
  EXPECT_THAT(DurationError("9223372036854775808ns"), HasSubstr("too long"));
  EXPECT_THAT(DurationError("99999999999999999999s"), HasSubstr("too long"));
  EXPECT_THAT(DurationError("2562047h2562047h"), HasSubstr("too long"));
  EXPECT_EQ(Millis("9223372036854775807ns"), 9'223'372'036'855);
}

TEST(ParseGoDuration, MessageEscapesControlCharacters) {
  const std::string message = DurationError("5\x1b[2J");
  EXPECT_THAT(message, HasSubstr("\\x1b[2J"));
  EXPECT_EQ(message.find('\x1b'), std::string::npos);
}

TEST(FormatGoDuration, LikeGo) {
  using std::chrono::milliseconds;
  EXPECT_EQ(FormatGoDuration(milliseconds(0)), "0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(1)), "1ms");
  EXPECT_EQ(FormatGoDuration(milliseconds(250)), "250ms");
  EXPECT_EQ(FormatGoDuration(milliseconds(999)), "999ms");
  EXPECT_EQ(FormatGoDuration(milliseconds(1'000)), "1s");
  EXPECT_EQ(FormatGoDuration(milliseconds(1'500)), "1.5s");
  EXPECT_EQ(FormatGoDuration(milliseconds(1'050)), "1.05s");
  EXPECT_EQ(FormatGoDuration(milliseconds(30'000)), "30s");
  EXPECT_EQ(FormatGoDuration(milliseconds(60'000)), "1m0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(90'500)), "1m30.5s");
  EXPECT_EQ(FormatGoDuration(milliseconds(3'600'000)), "1h0m0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(5'400'000)), "1h30m0s");
  EXPECT_EQ(FormatGoDuration(milliseconds(3'600'001)), "1h0m0.001s");
  EXPECT_EQ(FormatGoDuration(milliseconds(-1'500)), "-1.5s");
  EXPECT_EQ(FormatGoDuration(milliseconds(std::numeric_limits<std::int64_t>::min())),
            "-2562047788015h12m55.808s");
}

TEST(FormatGoDuration, RoundTripsThroughTheParser) {
  for (const std::int64_t ms :
       {std::int64_t{0}, std::int64_t{7}, std::int64_t{1'001}, std::int64_t{59'999},
        std::int64_t{60'000}, std::int64_t{86'400'000}, std::int64_t{123'456'789}}) {
    EXPECT_EQ(Millis(FormatGoDuration(std::chrono::milliseconds(ms))), ms);
  }
}

}  // namespace
}  // namespace influxctl
