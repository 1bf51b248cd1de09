// SPDX-License-Identifier: Apache-2.0
//
// Tests for the env-file output's dialect (plugins/env-file/dotenv_syntax.hpp):
// which names are variables, which values can be single-quoted so that sh and
// dotenv parsers read back the same bytes (and which are refused, with a
// reason that never quotes the value), how a file is cut into lines and
// entries, and which files cannot be read at all.

#include "../../../plugins/env-file/dotenv_syntax.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace influxctl::env_file {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(VariableName, AcceptsWhatShAccepts) {
  for (const char* name : {"INFLUX_MGMT_TOKEN", "_", "a", "_1", "Token2", "x_Y_z"}) {
    EXPECT_TRUE(IsVariableName(name)) << name;
  }
  for (const char* name : {"", "1A", "A-B", "A.B", "A B", "A=", "$A", "Ä", "A\n"}) {
    EXPECT_FALSE(IsVariableName(name)) << name;
  }
}

TEST(Quoting, AcceptsValuesBothDialectsReadLiterally) {
  for (std::string_view value :
       {"M.V1.abc+/=", "with # hash", "double \"quotes\"", "dollar $HOME $X $(id) $ { $}",
        "back\\slash", "a=b=c", "  spaces  ", "`backtick`", "", "caf\xC3\xA9 \xE2\x82\xAC",
        "\xF0\x9F\x94\x91", "#leading", "\\leading"}) {
    EXPECT_EQ(UnquotableReason(value), "") << value;
    EXPECT_EQ(SingleQuoted(value), "'" + std::string(value) + "'");
  }
}

TEST(Quoting, RefusesWhatOneDialectWouldReadDifferently) {
  struct Case {
    std::string value;
    std::string_view reason;
  };
  const std::vector<Case> cases = {
      {"it's", "a single quote"},
      {"line\nbreak", "a line break"},
      {"carriage\rreturn", "a line break"},
      {"tab\there", "a control character"},
      {std::string("nul\0byte", 8), "a control character"},
      {"escape\x1b[0m", "a control character"},
      {"delete\x7f", "a control character"},
      {"c1 \xC2\x85 next line", "a control character"},
      {"two \\\\ backslashes", "two backslashes in a row"},
      {"ends with \\", "a backslash at its end"},
      {"expands ${HOME}", "\"${\""},
      {"${", "\"${\""},
      {"latin1 \xE9", "bytes that are not UTF-8"},
      {"overlong \xC0\xAF", "bytes that are not UTF-8"},
      {"surrogate \xED\xA0\x80", "bytes that are not UTF-8"},
      {"truncated \xE2\x82", "bytes that are not UTF-8"},
      {"beyond \xF4\x90\x80\x80", "bytes that are not UTF-8"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(UnquotableReason(c.value), c.reason) << c.value;
  }
}

std::string Join(const std::vector<Line>& lines) {
  std::string text;
  for (const Line& line : lines) {
    text += line.text;
    text += line.ending;
  }
  return text;
}

TEST(Lines, SplitKeepsEveryByte) {
  for (std::string_view file : {"", "A=1", "A=1\n", "A=1\r\nB=2\r\n", "A=1\nB=2", "\n\n",
                                "lone\rcr\n", "mixed\r\nends\n\r\n", "\r"}) {
    EXPECT_EQ(Join(SplitLines(file)), file) << file;
  }
}

TEST(Lines, TellLineBreaksApart) {
  std::vector<Line> lines = SplitLines("a\r\nb\nc\rd\ne");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[0].ending, "\r\n");
  EXPECT_EQ(lines[1].ending, "\n");
  EXPECT_EQ(lines[2].text, "c\rd");
  EXPECT_EQ(lines[3].text, "e");
  EXPECT_EQ(lines[3].ending, "");
}

TEST(Lines, NewLinesFollowTheFirstLineBreak) {
  EXPECT_EQ(LineEnding(SplitLines("A=1\r\nB=2\n")), "\r\n");
  EXPECT_EQ(LineEnding(SplitLines("A=1\nB=2\r\n")), "\n");
  EXPECT_EQ(LineEnding(SplitLines("A=1")), "\n");
  EXPECT_EQ(LineEnding(SplitLines("")), "\n");
}

std::vector<Entry> Scan(std::string_view file) {
  Result<std::vector<Entry>> entries = ScanEntries(SplitLines(file));
  EXPECT_TRUE(entries.ok()) << entries.error().message();
  return entries.ok() ? entries.value() : std::vector<Entry>{};
}

TEST(Entries, RecogniseAssignmentsInTheirUsualForms) {
  std::vector<Entry> entries = Scan(
      "A=1\n"
      "export B=2\n"
      "  C = 3\n"
      "\tD\t=\t'4'\n"
      "export\tE='5' # note\n"
      "F=\n");
  ASSERT_EQ(entries.size(), 6u);
  const char* names[] = {"A", "B", "C", "D", "E", "F"};
  const bool exported[] = {false, true, false, false, true, false};
  const std::size_t offsets[] = {0, 7, 2, 1, 7, 0};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].name, names[i]) << i;
    EXPECT_EQ(entries[i].exported, exported[i]) << i;
    EXPECT_EQ(entries[i].name_offset, offsets[i]) << i;
    EXPECT_EQ(entries[i].first_line, i);
    EXPECT_EQ(entries[i].end_line, i + 1);
  }
}

TEST(Entries, LeaveOtherLinesWithoutAName) {
  std::vector<Entry> entries = Scan(
      "# A=1\n"
      "   # B=2\n"
      "\n"
      "   \n"
      "A: 1\n"
      "export A\n"
      "echo A=1\n"
      "1A=1\n"
      "A-B=1\n"
      "=1\n"
      "exportA\n"
      "set -a\n");
  ASSERT_EQ(entries.size(), 12u);
  for (const Entry& entry : entries) {
    EXPECT_EQ(entry.name, "") << entry.first_line;
    EXPECT_EQ(entry.end_line, entry.first_line + 1);
  }
}

TEST(Entries, ExportAloneIsAName) {
  std::vector<Entry> entries = Scan("export=1\nexport =2\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "export");
  EXPECT_FALSE(entries[0].exported);
  EXPECT_EQ(entries[1].name, "export");
}

TEST(Entries, AQuotedValueTakesEveryLineUpToItsClosingQuote) {
  std::vector<Entry> entries = Scan(
      "KEY=\"-----BEGIN\n"
      "INFLUX_MGMT_TOKEN=inside\n"
      "-----END\"\n"
      "A='one\n"
      "two' # trailing\n"
      "B=`x\n"
      "y`\n"
      "C=\"escaped \\\" quote\n"
      "still inside\"\n"
      "D=after\n");
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].name, "KEY");
  EXPECT_EQ(entries[0].end_line, 3u);
  EXPECT_EQ(entries[1].name, "A");
  EXPECT_EQ(entries[1].first_line, 3u);
  EXPECT_EQ(entries[1].end_line, 5u);
  EXPECT_EQ(entries[2].name, "B");
  EXPECT_EQ(entries[2].end_line, 7u);
  EXPECT_EQ(entries[3].name, "C");
  EXPECT_EQ(entries[3].end_line, 9u);
  EXPECT_EQ(entries[4].name, "D");
}

TEST(Entries, AKeyThatIsNotANameStillOwnsItsQuotedLines) {
  std::vector<Entry> entries = Scan("my.key=\"a\nINFLUX_MGMT_TOKEN=b\"\nC=1\n");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "");
  EXPECT_EQ(entries[0].end_line, 2u);
  EXPECT_EQ(entries[1].name, "C");
}

TEST(Entries, QuotesInsideUnquotedValuesDoNotOpenAnything) {
  std::vector<Entry> entries = Scan("A=it's\nB=say \"hi\nC=1\n");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[2].name, "C");
}

TEST(Entries, AByteOrderMarkIsPartOfTheFirstLead) {
  std::vector<Entry> entries = Scan(
      "\xEF\xBB\xBF"
      "A=1\n");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "A");
  EXPECT_EQ(entries[0].name_offset, 3u);
}

TEST(Entries, AQuoteThatNeverClosesIsRefusedWithItsLine) {
  Result<std::vector<Entry>> entries =
      ScanEntries(SplitLines("A=1\nSECRET_KEY=\"s3cr3t-value\nB=2\n"));
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.error().kind(), ErrorKind::kOutput);
  EXPECT_THAT(entries.error().message(), HasSubstr("line 2"));
  EXPECT_THAT(entries.error().message(), HasSubstr("SECRET_KEY"));
  EXPECT_THAT(entries.error().message(), Not(HasSubstr("s3cr3t")));
}

TEST(Entries, ANulByteIsRefused) {
  for (std::string file : {std::string("A=1\nB=\0\n", 8), std::string("A=\"x\n\0\"\n", 8)}) {
    Result<std::vector<Entry>> entries = ScanEntries(SplitLines(file));
    ASSERT_FALSE(entries.ok());
    EXPECT_THAT(entries.error().message(), HasSubstr("NUL"));
  }
}

}  // namespace
}  // namespace influxctl::env_file
