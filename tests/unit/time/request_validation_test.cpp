// SPDX-License-Identifier: Apache-2.0
//
// Tests for the checks a create request passes before anything is sent: a
// blank, control-laden, non-UTF-8 or oversized description and an expiry
// that is not in the future are usage errors that name the flag.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <influxctl/engine.hpp>
#include <influxctl/time.hpp>

namespace influxctl {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// 2026-06-15T12:00:00Z, a fixed "now" so that messages are predictable.
const Timestamp kNow{1'781'524'800, 0};

CreateRequest WithDescription(std::string description) {
  CreateRequest request;
  request.description = std::move(description);
  return request;
}

CreateRequest WithExpiry(Timestamp expires_at) {
  CreateRequest request;
  request.expires_at = expires_at;
  return request;
}

std::string UsageError(const CreateRequest& request) {
  const Status status = ValidateCreateRequest(request, kNow);
  EXPECT_FALSE(status.ok());
  if (status.ok()) {
    return "";
  }
  EXPECT_EQ(status.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(status.error().ExitCode(), kExitUsage);
  return status.error().message();
}

TEST(ValidateCreateRequest, TheFixedNowIsWhatItSays) {
  EXPECT_EQ(FormatRfc3339(kNow), "2026-06-15T12:00:00Z");
}

TEST(ValidateCreateRequest, EmptyRequestIsFine) {
  EXPECT_TRUE(ValidateCreateRequest(CreateRequest{}, kNow).ok());
}

TEST(ValidateCreateRequest, OrdinaryDescriptionsAreFine) {
  for (const char* description :
       {"nightly ci", "x", "rotate: prod / eu-west-1 (2026)", "caf\xc3\xa9",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", "rocket \xf0\x9f\x9a\x80", " padded "}) {
    const Status status = ValidateCreateRequest(WithDescription(description), kNow);
    EXPECT_TRUE(status.ok()) << description << ": " << status.error().message();
  }
}

TEST(ValidateCreateRequest, EmptyDescriptionIsRefused) {
  EXPECT_THAT(UsageError(WithDescription("")),
              AllOf(StartsWith("--description is empty"), HasSubstr("unset shell variable"),
                    HasSubstr("Leave --description out")));
}

TEST(ValidateCreateRequest, BlankDescriptionIsRefused) {
  for (const char* blank : {" ", "   ", "\t", " \n ", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b"}) {
    EXPECT_THAT(UsageError(WithDescription(blank)),
                AllOf(StartsWith("--description is empty"), HasSubstr("unset shell variable")))
        << "for a description of bytes " << testing::PrintToString(std::string(blank));
  }
}

TEST(ValidateCreateRequest, ControlCharactersAreNamed) {
  EXPECT_THAT(UsageError(WithDescription("abcd\x1b[31mred")),
              AllOf(StartsWith("--description contains U+001B (ESC) at character 5"),
                    HasSubstr("one line")));
  EXPECT_THAT(UsageError(WithDescription("line one\nline two")),
              HasSubstr("U+000A (LF) at character 9"));
  EXPECT_THAT(UsageError(WithDescription("a\tb")), HasSubstr("U+0009 (TAB) at character 2"));
  EXPECT_THAT(UsageError(WithDescription("a\rb")), HasSubstr("U+000D (CR)"));
  EXPECT_THAT(UsageError(WithDescription(std::string("a\0b", 3))),
              HasSubstr("U+0000 (NUL) at character 2"));
  EXPECT_THAT(UsageError(WithDescription("bell\x07")), HasSubstr("U+0007 (BEL)"));
  EXPECT_THAT(UsageError(WithDescription("del\x7f")), HasSubstr("U+007F (DEL) at character 4"));
}

TEST(ValidateCreateRequest, C1ControlsAreNamedByCharacterNotByte) {
  // "é" is two bytes but one character, so CSI is character 3.
  EXPECT_THAT(UsageError(WithDescription("\xc3\xa9x\xc2\x9b"
                                         "31m")),
              HasSubstr("U+009B (CSI) at character 3"));
  EXPECT_THAT(UsageError(WithDescription("a\xc2\x85")), HasSubstr("U+0085 (NEL)"));
  EXPECT_THAT(UsageError(WithDescription("\xc2\x80")), HasSubstr("U+0080 (PAD)"));
  EXPECT_THAT(UsageError(WithDescription("a\xc2\x9f")), HasSubstr("U+009F (APC)"));
}

TEST(ValidateCreateRequest, LayoutChangingCharactersAreRefused) {
  EXPECT_THAT(UsageError(WithDescription("admin\xe2\x80\xae"
                                         "txt")),
              HasSubstr("U+202E (RIGHT-TO-LEFT OVERRIDE) at character 6"));
  EXPECT_THAT(UsageError(WithDescription("a\xe2\x80\xa8"
                                         "b")),
              HasSubstr("U+2028 (LINE SEPARATOR)"));
  EXPECT_THAT(UsageError(WithDescription("a\xe2\x81\xa6"
                                         "b")),
              HasSubstr("U+2066 (LEFT-TO-RIGHT ISOLATE)"));
}

TEST(ValidateCreateRequest, MessageNeverEchoesTheDescription) {
  const std::string message = UsageError(WithDescription("x\x1b]0;pwned\x07"));
  for (char c : message) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 && byte < 0x7f) << "raw byte " << int(byte);
  }
  EXPECT_THAT(message, Not(HasSubstr("pwned")));
}

TEST(ValidateCreateRequest, InvalidUtf8IsRefused) {
  for (const char* bad : {"abc\xff", "\xc3", "\xc3(", "\xc0\xaf", "\xe0\x80\x80", "\xed\xa0\x80",
                          "\xf4\x90\x80\x80", "\x80"}) {
    EXPECT_THAT(UsageError(WithDescription(bad)), StartsWith("--description is not valid UTF-8"))
        << testing::PrintToString(std::string(bad));
  }
  EXPECT_THAT(UsageError(WithDescription("abc\xff")), HasSubstr("byte 0xFF at byte offset 3"));
}

TEST(ValidateCreateRequest, LongDescriptionIsRefused) {
  EXPECT_TRUE(ValidateCreateRequest(WithDescription(std::string(1000, 'a')), kNow).ok());
  EXPECT_THAT(
      UsageError(WithDescription(std::string(1001, 'a'))),
      AllOf(StartsWith("--description is 1001 bytes long"), HasSubstr("the limit is 1000 bytes")));
}

TEST(ValidateCreateRequest, FutureExpiryIsFine) {
  EXPECT_TRUE(ValidateCreateRequest(WithExpiry({kNow.seconds + 1, 0}), kNow).ok());
  EXPECT_TRUE(ValidateCreateRequest(WithExpiry({kNow.seconds, 1}), kNow).ok());
  EXPECT_TRUE(
      ValidateCreateRequest(WithExpiry(ParseRfc3339("2027-01-01T00:00:00Z").value()), kNow).ok());
}

TEST(ValidateCreateRequest, PastExpiryIsRefused) {
  const Timestamp past = ParseRfc3339("2020-01-01T00:00:00+02:00").value();
  EXPECT_THAT(
      UsageError(WithExpiry(past)),
      AllOf(StartsWith("--expires-at 2019-12-31T22:00:00Z is not in the future"),
            HasSubstr("it is now 2026-06-15T12:00:00Z"), HasSubstr("such as 2027-06-15T00:00:00Z"),
            HasSubstr("Leave --expires-at out")));
}

TEST(ValidateCreateRequest, ExpiryEqualToNowIsRefused) {
  EXPECT_THAT(UsageError(WithExpiry(kNow)), HasSubstr("is not in the future"));
  EXPECT_THAT(UsageError(WithExpiry({kNow.seconds - 1, 999'999'999})),
              HasSubstr("--expires-at 2026-06-15T11:59:59.999999999Z is not in the future"));
}

TEST(ValidateCreateRequest, ExampleExpiryAfterALeapDayIsAValidDate) {
  const Timestamp leap_day = ParseRfc3339("2028-02-29T10:00:00Z").value();
  const Status status = ValidateCreateRequest(WithExpiry({0, 0}), leap_day);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("such as 2029-02-28T00:00:00Z"));
}

TEST(ValidateCreateRequest, OutOfRangeNanosAreRefused) {
  EXPECT_THAT(UsageError(WithExpiry({kNow.seconds + 100, 1'000'000'000})),
              HasSubstr("--expires-at has a fraction"));
}

TEST(ValidateCreateRequest, DescriptionIsCheckedBeforeExpiry) {
  CreateRequest request = WithDescription("");
  request.expires_at = Timestamp{0, 0};
  EXPECT_THAT(UsageError(request), StartsWith("--description"));
}

}  // namespace
}  // namespace influxctl
