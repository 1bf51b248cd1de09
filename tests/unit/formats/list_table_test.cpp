// SPDX-License-Identifier: Apache-2.0
//
// Tests for `list --format table`: the header, one row a token with wide
// characters kept aligned, empty cells for unset times, and the header box
// alone for an empty list. Each expected line is split at a column border to
// stay within the line limit.

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include <influxctl/formats/format.hpp>

namespace influxctl::formats {
namespace {

std::string Render(const std::vector<ManagementToken>& tokens) {
  std::ostringstream out;
  WriteList(Format::kTable, tokens, out);
  return out.str();
}

ManagementToken MakeToken(std::string id, std::string description, std::string prefix) {
  ManagementToken token;
  token.id = std::move(id);
  token.account_id = "acct";
  token.description = std::move(description);
  token.token_prefix = std::move(prefix);
  token.created_by = "admin";
  return token;
}

TEST(ListTable, RowsAlignWithWideCharactersAndEmptyTimes) {
  std::vector<ManagementToken> tokens;
  tokens.push_back(MakeToken("11111111-1111-1111-1111-111111111111", "nightly ci", "M.V1.+5Jk"));
  tokens.back().created_at = Timestamp{1764590400, 0};  // 2025-12-01T12:00:00Z
  tokens.back().expires_at = Timestamp{1798761600, 0};  // 2027-01-01T00:00:00Z
  tokens.push_back(
      MakeToken("22222222-2222-2222-2222-222222222222", "夜間ビルド", "M.V1.a9Qz"));
  tokens.back().created_at = Timestamp{1773563405, 250};  // 2026-03-15T08:30:05Z
  tokens.back().revoked_at = Timestamp{1782863999, 0};    // 2026-06-30T23:59:59Z
  tokens.push_back(MakeToken("33333333-3333-3333-3333-333333333333", "🔑 rotate", "M.V1.Zz00"));

  EXPECT_EQ(Render(tokens),
            "+--------------------------------------+-------------+-----------+"
            "----------------------+----------------------+----------------------+\n"
            "| ID                                   | DESCRIPTION | PREFIX    "
            "| CREATED AT           | EXPIRES AT           | REVOKED AT           |\n"
            "+--------------------------------------+-------------+-----------+"
            "----------------------+----------------------+----------------------+\n"
            "| 11111111-1111-1111-1111-111111111111 | nightly ci  | M.V1.+5Jk "
            "| 2025-12-01T12:00:00Z | 2027-01-01T00:00:00Z |                      |\n"
            "| 22222222-2222-2222-2222-222222222222 | 夜間ビルド  | M.V1.a9Qz "
            "| 2026-03-15T08:30:05Z |                      | 2026-06-30T23:59:59Z |\n"
            "| 33333333-3333-3333-3333-333333333333 | 🔑 rotate   | M.V1.Zz00 "
            "|                      |                      |                      |\n"
            "+--------------------------------------+-------------+-----------+"
            "----------------------+----------------------+----------------------+\n");
}

TEST(ListTable, EmptyListPrintsTheHeaderBoxOnly) {
  EXPECT_EQ(Render({}),
            "+----+-------------+--------+------------+------------+------------+\n"
            "| ID | DESCRIPTION | PREFIX | CREATED AT | EXPIRES AT | REVOKED AT |\n"
            "+----+-------------+--------+------------+------------+------------+\n");
}

TEST(ListTable, ColumnsGrowToTheWidestCell) {
  std::vector<ManagementToken> tokens = {MakeToken("a", "", "M.V1.+5Jk"),
                                         MakeToken("bb", "a longer description", "")};

  EXPECT_EQ(Render(tokens),
            "+----+----------------------+-----------+------------+------------+------------+\n"
            "| ID | DESCRIPTION          | PREFIX    | CREATED AT | EXPIRES AT | REVOKED AT |\n"
            "+----+----------------------+-----------+------------+------------+------------+\n"
            "| a  |                      | M.V1.+5Jk |            |            |            |\n"
            "| bb | a longer description |           |            |            |            |\n"
            "+----+----------------------+-----------+------------+------------+------------+\n");
}

TEST(ListTable, TextFromTheServerIsMadeTerminalSafe) {
  std::vector<ManagementToken> tokens = {
      MakeToken("id\x1b[2J", "tab\there\u2066", "M.V1.\x9b")};  // \x9b: a lone byte, not UTF-8

  EXPECT_EQ(
      Render(tokens),
      "+-----------+-----------------+--------+------------+------------+------------+\n"
      "| ID        | DESCRIPTION     | PREFIX | CREATED AT | EXPIRES AT | REVOKED AT |\n"
      "+-----------+-----------------+--------+------------+------------+------------+\n"
      "| id\\x1b[2J | tab\\there\\u2066 | M.V1.\uFFFD |            |            |            |\n"
      "+-----------+-----------------+--------+------------+------------+------------+\n");
}

}  // namespace
}  // namespace influxctl::formats
