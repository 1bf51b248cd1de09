// SPDX-License-Identifier: Apache-2.0
//
// Tests for `create --format table`: influxctl 2.11's key/value table byte for
// byte, the warnings on stderr, the token alone on the last line of stdout,
// empty cells for unset times, alignment of wide and combining characters, and
// visible escapes for anything a terminal would act on.

#include <gtest/gtest.h>

#include <sstream>

#include <influxctl/formats/format.hpp>

namespace influxctl::formats {
namespace {

constexpr std::int64_t k2027 = 1798761600;  // 2027-01-01T00:00:00Z

const std::string kWarnings =
    "warn\tplease copy the token and store in a safe place\n"
    "warn\tthis is the *only time* you will see the token\n";

CreatedToken MakeCreated(std::string description) {
  CreatedToken created;
  created.token.id = "11111111-1111-1111-1111-111111111111";
  created.token.account_id = "acct";
  created.token.token_prefix = "M.V1.exam";
  created.token.description = std::move(description);
  created.token.created_by = "admin";
  created.token.created_at = Timestamp{k2027 - 86400, 0};
  created.token.expires_at = Timestamp{k2027, 0};
  created.secret = Secret("M.V1.example-token-string");
  return created;
}

struct Printed {
  std::string out;
  std::string err;
};

Printed Render(const CreatedToken& created, bool show_secret = true) {
  std::ostringstream out;
  std::ostringstream err;
  WriteCreated(Format::kTable, created, show_secret, out, err);
  return {out.str(), err.str()};
}

// The table for MakeCreated(description), whose cell reads `cell` and takes
// `columns` columns on a terminal, padded to the id's width of 36.
std::string TableWithDescription(const std::string& cell, std::size_t columns) {
  return "+-------------+--------------------------------------+\n"
         "|          id | 11111111-1111-1111-1111-111111111111 |\n"
         "| description | " +
         cell + std::string(36 - columns, ' ') +
         " |\n"
         "|  expires at | 2027-01-01T00:00:00Z                 |\n"
         "|  revoked at |                                      |\n"
         "+-------------+--------------------------------------+\n";
}

TEST(CreateTable, MatchesInfluxctlByteForByte) {
  const Printed printed = Render(MakeCreated("nightly ci"));

  EXPECT_EQ(printed.out,
            "+-------------+--------------------------------------+\n"
            "|          id | 11111111-1111-1111-1111-111111111111 |\n"
            "| description | nightly ci                           |\n"
            "|  expires at | 2027-01-01T00:00:00Z                 |\n"
            "|  revoked at |                                      |\n"
            "+-------------+--------------------------------------+\n"
            "M.V1.example-token-string\n");
  EXPECT_EQ(printed.err, kWarnings);
}

TEST(CreateTable, UnsetTimesAreEmptyCellsNeverTheEpoch) {
  CreatedToken created = MakeCreated("no expiry");
  created.token.expires_at.reset();
  const Printed printed = Render(created);

  EXPECT_EQ(printed.out,
            "+-------------+--------------------------------------+\n"
            "|          id | 11111111-1111-1111-1111-111111111111 |\n"
            "| description | no expiry                            |\n"
            "|  expires at |                                      |\n"
            "|  revoked at |                                      |\n"
            "+-------------+--------------------------------------+\n"
            "M.V1.example-token-string\n");
  EXPECT_EQ(printed.out.find("1970"), std::string::npos);
}

TEST(CreateTable, TimesAreUtcToTheSecond) {
  CreatedToken created = MakeCreated("nightly ci");
  created.token.expires_at = Timestamp{1773563405, 999'999'999};  // 2026-03-15T08:30:05.999…Z
  created.token.revoked_at = Timestamp{1782863999, 1};            // 2026-06-30T23:59:59.000…Z
  const Printed printed = Render(created);

  EXPECT_NE(printed.out.find("|  expires at | 2026-03-15T08:30:05Z                 |\n"),
            std::string::npos)
      << printed.out;
  EXPECT_NE(printed.out.find("|  revoked at | 2026-06-30T23:59:59Z                 |\n"),
            std::string::npos)
      << printed.out;
}

TEST(CreateTable, WithoutShowSecretPrintsOnlyTheTable) {
  const Printed printed = Render(MakeCreated("nightly ci"), /*show_secret=*/false);

  EXPECT_EQ(printed.out, TableWithDescription("nightly ci", 10));
  EXPECT_EQ(printed.err, "");
  EXPECT_EQ(printed.out.find("example-token-string"), std::string::npos);
}

TEST(CreateTable, ValueColumnGrowsWithTheWidestValue) {
  CreatedToken created = MakeCreated("a description longer than the thirty-six column id");
  created.token.id = "short";
  created.token.expires_at.reset();
  const Printed printed = Render(created, false);

  EXPECT_EQ(printed.out,
            "+-------------+----------------------------------------------------+\n"
            "|          id | short                                              |\n"
            "| description | a description longer than the thirty-six column id |\n"
            "|  expires at |                                                    |\n"
            "|  revoked at |                                                    |\n"
            "+-------------+----------------------------------------------------+\n");
}

TEST(CreateTable, WideCjkCharactersCountTwoColumns) {
  // Five characters, ten columns: the same width as "nightly ci".
  const Printed printed = Render(MakeCreated("夜間ビルド"), false);
  EXPECT_EQ(printed.out, TableWithDescription("夜間ビルド", 10));
}

TEST(CreateTable, EmojiCountTwoColumns) {
  // Two columns for the key, one for the space, six for "rotate".
  const Printed printed = Render(MakeCreated("🔑 rotate"), false);
  EXPECT_EQ(printed.out, TableWithDescription("🔑 rotate", 9));
}

TEST(CreateTable, CombiningMarksCountNoColumns) {
  // "été" written with combining acute accents: five code points, three columns.
  const Printed printed = Render(MakeCreated("e\u0301te\u0301"), false);
  EXPECT_EQ(printed.out, TableWithDescription("e\u0301te\u0301", 3));
}

TEST(CreateTable, ControlCharactersBecomeVisibleEscapes) {
  // ESC starting a colour change, a newline, NEL (C1), DEL and a right-to-left override.
  const Printed printed = Render(MakeCreated("a\x1b[31mb\nc\u0085d\x7f\u202e"), false);
  EXPECT_EQ(printed.out, TableWithDescription("a\\x1b[31mb\\nc\\u0085d\\x7f\\u202e", 30));
  for (char c : printed.out) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte == '\n' || (byte >= 0x20 && byte < 0x7F)) << int{byte};
  }
}

TEST(CreateTable, InvalidUtf8BecomesReplacementCharacters) {
  // A stray continuation byte, then a sequence cut short: one U+FFFD each.
  const Printed printed = Render(MakeCreated("a\x80z\xe6\x97"), false);
  EXPECT_EQ(printed.out, TableWithDescription("a\uFFFDz\uFFFD", 4));
}

TEST(CreateTable, TokenLineNeverCarriesEscapeSequences) {
  CreatedToken created = MakeCreated("nightly ci");
  created.secret = Secret("M.V1.\x1b]0;owned\x07");
  const Printed printed = Render(created);

  const std::string last_line =
      printed.out.substr(printed.out.rfind('\n', printed.out.size() - 2) + 1);
  EXPECT_EQ(last_line, "M.V1.\\x1b]0;owned\\a\n");
}

}  // namespace
}  // namespace influxctl::formats
