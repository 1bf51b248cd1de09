// SPDX-License-Identifier: Apache-2.0
//
// Tests for the env-file output's edit (plugins/env-file/dotenv_edit.hpp):
// a variable is replaced where it first stands, later duplicates are
// removed, a missing one is appended, and every other byte of the file stays
// as it was (comments, blank lines, export lines, CRLF, a last line without a
// line break). Values that sh and dotenv parsers would read differently are
// refused without being quoted in the message.

#include "../../../plugins/env-file/dotenv_edit.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace influxctl::env_file {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kToken = "M.V1.new+token/=";

std::string Edit(std::string_view file,
                 std::vector<Assignment> assignments = {{"INFLUX_MGMT_TOKEN", kToken}},
                 bool export_all = false) {
  Result<Edited> edited = EditDotenv(file, assignments, export_all);
  EXPECT_TRUE(edited.ok()) << edited.error().message();
  return edited.ok() ? edited.value().text : "";
}

std::vector<std::string> Notes(std::string_view file, std::vector<Assignment> assignments) {
  Result<Edited> edited = EditDotenv(file, assignments, false);
  EXPECT_TRUE(edited.ok()) << edited.error().message();
  return edited.ok() ? edited.value().notes : std::vector<std::string>{};
}

TEST(Edit, AnEmptyFileGetsOneLine) {
  EXPECT_EQ(Edit(""), "INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, ReplacesInPlaceAndKeepsEverythingElse) {
  const std::string before =
      "# app settings\n"
      "\n"
      "export PATH_PREFIX=/opt   # why not\n"
      "INFLUX_MGMT_TOKEN=old-token # rotated monthly\n"
      "   # indented comment\n"
      "OTHER=\"x y\"\n"
      "weird line that is not an assignment\n";
  const std::string after =
      "# app settings\n"
      "\n"
      "export PATH_PREFIX=/opt   # why not\n"
      "INFLUX_MGMT_TOKEN='M.V1.new+token/='\n"
      "   # indented comment\n"
      "OTHER=\"x y\"\n"
      "weird line that is not an assignment\n";
  EXPECT_EQ(Edit(before), after);
}

TEST(Edit, AppendsAtTheEndWhenTheVariableIsMissing) {
  EXPECT_EQ(Edit("# only a comment\nA=1\n"),
            "# only a comment\nA=1\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, AddsALineBreakBeforeAppendingToALastLineWithoutOne) {
  EXPECT_EQ(Edit("A=1"), "A=1\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
  EXPECT_EQ(Edit("A=1\r\nB=2"), "A=1\r\nB=2\r\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\r\n");
}

TEST(Edit, KeepsAMissingFinalLineBreakWhenReplacingTheLastLine) {
  EXPECT_EQ(Edit("A=1\nINFLUX_MGMT_TOKEN=old"), "A=1\nINFLUX_MGMT_TOKEN='M.V1.new+token/='");
}

TEST(Edit, KeepsCrlfAndWritesCrlf) {
  EXPECT_EQ(Edit("# c\r\nINFLUX_MGMT_TOKEN=old\r\nB=2\r\n"),
            "# c\r\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\r\nB=2\r\n");
  EXPECT_EQ(Edit("# c\r\n\r\n"), "# c\r\n\r\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\r\n");
}

TEST(Edit, KeepsMixedLineBreaksOfOtherLines) {
  EXPECT_EQ(Edit("A=1\nB=2\r\nC=3\r\r\n"),
            "A=1\nB=2\r\nC=3\r\r\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, RemovesLaterDuplicatesWhateverTheirForm) {
  const std::string before =
      "INFLUX_MGMT_TOKEN=first\n"
      "A=1\n"
      "export INFLUX_MGMT_TOKEN=second\n"
      "  INFLUX_MGMT_TOKEN = 'third'\n"
      "INFLUX_MGMT_TOKEN=\"multi\n"
      "line\"\n"
      "B=2\n";
  EXPECT_EQ(Edit(before), "INFLUX_MGMT_TOKEN='M.V1.new+token/='\nA=1\nB=2\n");
  EXPECT_THAT(Notes(before, {{"INFLUX_MGMT_TOKEN", kToken}}),
              ElementsAre("INFLUX_MGMT_TOKEN replaced at line 1",
                          "INFLUX_MGMT_TOKEN: 3 duplicates removed"));
}

TEST(Edit, RemovingALastDuplicateKeepsTheLineBeforeIntact) {
  EXPECT_EQ(Edit("INFLUX_MGMT_TOKEN=a\nB=2\nINFLUX_MGMT_TOKEN=b"),
            "INFLUX_MGMT_TOKEN='M.V1.new+token/='\nB=2\n");
}

TEST(Edit, ReplacesAMultiLineValueWhole) {
  EXPECT_EQ(Edit("A=1\nINFLUX_MGMT_TOKEN=\"one\ntwo\nthree\" # c\r\nB=2\n"),
            "A=1\nINFLUX_MGMT_TOKEN='M.V1.new+token/='\r\nB=2\n");
}

TEST(Edit, LeavesTheVariableAloneInsideAnotherValue) {
  EXPECT_EQ(Edit("CERT=\"line\nINFLUX_MGMT_TOKEN=not-really\nend\"\n"),
            "CERT=\"line\nINFLUX_MGMT_TOKEN=not-really\nend\"\n"
            "INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, LeavesCommentedAndLookalikeLinesAlone) {
  const std::string before =
      "# INFLUX_MGMT_TOKEN=commented\n"
      "INFLUX_MGMT_TOKEN_OLD=other\n"
      "MY_INFLUX_MGMT_TOKEN=other\n"
      "export INFLUX_MGMT_TOKEN\n"
      "influx_mgmt_token=lower\n";
  EXPECT_EQ(Edit(before), before + "INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, KeepsTheLeadOfAReplacedLine) {
  EXPECT_EQ(Edit("  export   INFLUX_MGMT_TOKEN=old\n"),
            "  export   INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
  EXPECT_EQ(Edit("\tINFLUX_MGMT_TOKEN = old\n"), "\tINFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
  EXPECT_EQ(Edit("\xEF\xBB\xBFINFLUX_MGMT_TOKEN=old\n"),
            "\xEF\xBB\xBFINFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, ExportAddsTheKeywordWhereItIsMissing) {
  std::vector<Assignment> token = {{"INFLUX_MGMT_TOKEN", kToken}};
  EXPECT_EQ(Edit("", token, true), "export INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
  EXPECT_EQ(Edit("  INFLUX_MGMT_TOKEN=old\n", token, true),
            "  export INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
  EXPECT_EQ(Edit("export INFLUX_MGMT_TOKEN=old\n", token, true),
            "export INFLUX_MGMT_TOKEN='M.V1.new+token/='\n");
}

TEST(Edit, WritesSeveralVariablesInOneEdit) {
  std::vector<Assignment> all = {{"INFLUX_MGMT_TOKEN", kToken},
                                 {"INFLUX_MGMT_TOKEN_ID", "1111-2222"},
                                 {"INFLUX_MGMT_TOKEN_EXPIRES", ""}};
  EXPECT_EQ(Edit("INFLUX_MGMT_TOKEN_EXPIRES=2020-01-01T00:00:00Z\nA=1", all),
            "INFLUX_MGMT_TOKEN_EXPIRES=''\nA=1\n"
            "INFLUX_MGMT_TOKEN='M.V1.new+token/='\n"
            "INFLUX_MGMT_TOKEN_ID='1111-2222'\n");
  EXPECT_THAT(Notes("INFLUX_MGMT_TOKEN_EXPIRES=x\nA=1", all),
              ElementsAre("INFLUX_MGMT_TOKEN_EXPIRES replaced at line 1",
                          "INFLUX_MGMT_TOKEN appended at line 3",
                          "INFLUX_MGMT_TOKEN_ID appended at line 4"));
}

TEST(Edit, WritesAwkwardButSafeValuesBetweenSingleQuotes) {
  std::string_view awkward = "a#b \"c\" $d \\e =f g`h`";
  EXPECT_EQ(Edit("", {{"T", awkward}}), "T='a#b \"c\" $d \\e =f g`h`'\n");
}

TEST(Edit, RefusesAnUnquotableValueWithoutQuotingIt) {
  for (std::string_view value : {"secret'quote", "secret\nline", "secret\\\\x", "secret\\"}) {
    Result<Edited> edited =
        EditDotenv("A=1\n", std::vector<Assignment>{{"MY_TOKEN", value}}, false);
    ASSERT_FALSE(edited.ok()) << value;
    EXPECT_EQ(edited.error().kind(), ErrorKind::kOutput);
    EXPECT_THAT(edited.error().message(), HasSubstr("MY_TOKEN"));
    EXPECT_THAT(edited.error().message(), Not(HasSubstr("secret")));
  }
}

TEST(Edit, RefusesAFileItCannotRead) {
  Result<Edited> edited = EditDotenv("A='unclosed\n", std::vector<Assignment>{{"T", "v"}}, false);
  ASSERT_FALSE(edited.ok());
  EXPECT_THAT(edited.error().message(), HasSubstr("never closed"));
  EXPECT_FALSE(CheckDotenv("A='unclosed\n").ok());
  EXPECT_TRUE(CheckDotenv("A='closed'\n# c\nanything at all\n").ok());
}

// The edit of an edit changes nothing but the value: running twice is safe.
TEST(Edit, IsStableWhenRepeated) {
  std::string once = Edit("# c\r\nA=1\r\n");
  EXPECT_EQ(Edit(once), once);
}

}  // namespace
}  // namespace influxctl::env_file
