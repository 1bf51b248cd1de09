// SPDX-License-Identifier: Apache-2.0
//
// Text through the real binary: non-ASCII descriptions come back exactly in
// JSON, control characters that only a server could store (written here into
// the mock's state file) are escaped in JSON and never reach a terminal raw
// in a table, and tables stay aligned around wide (CJK, emoji) characters.

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

// Columns a terminal gives a code point: 2 for the East Asian wide and
// emoji ranges these tests use, 1 otherwise (they use no combining marks).
std::size_t ColumnsOf(char32_t c) {
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x1F300 && c <= 0x1F64F) ||
                    (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Display width of a UTF-8 line, decoded by hand so the test does not share
// a library with the code under test.
std::size_t DisplayWidth(std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    const auto byte = static_cast<unsigned char>(line[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? byte : byte & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < line.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
    }
    width += ColumnsOf(c);
    i += length;
  }
  return width;
}

// Every line of a table has the width of its first rule.
void ExpectAligned(const std::vector<std::string>& table) {
  ASSERT_FALSE(table.empty());
  const std::size_t width = DisplayWidth(table[0]);
  for (const std::string& line : table) {
    EXPECT_EQ(DisplayWidth(line), width) << "misaligned: " << line;
  }
}

// A description only a server could hold: C0 controls (ESC starting a colour
// sequence, newline, tab, bell), DEL, a C1 control, a bidi override, a line
// separator, quotes and backslashes, and non-ASCII text.
const std::string kHostileDescription =
    "red \x1b[31mtext\x1b[0m line\nbreak tab\there bell\x07 del\x7f c1\xc2\x85 "
    "rlo\xe2\x80\xae ls\xe2\x80\xa8 \"quoted\" back\\slash caf\xc3\xa9";

// The mock state file format (plugins/mock/mock_state.cpp), with the
// description already JSON-escaped.
std::string StateWithDescription(std::string_view escaped_description) {
  return std::string(R"({
  "format": "influxctl-mock-state",
  "version": 1,
  "next_sequence": 1,
  "calls": {"create": 1, "list": 0, "revoke": 0},
  "tokens": [
    {
      "id": "0b5a6a1e-0000-4000-8000-000000000001",
      "seed": 1,
      "sequence": 0,
      "account_id": "mock-account",
      "token_prefix": "M.V1.abcd",
      "description": ")") +
         std::string(escaped_description) + R"(",
      "created_by": "mock",
      "created_at": "2030-01-01T00:00:00Z"
    }
  ]
}
)";
}

constexpr std::string_view kHostileDescriptionJson =
    R"(red \u001b[31mtext\u001b[0m line\nbreak tab\there bell\u0007 del\u007f c1\u0085 )"
    R"(rlo\u202e ls\u2028 \"quoted\" back\\slash caf\u00e9)";

class TextTest : public E2eTest {};

TEST_F(TextTest, NonAsciiDescriptionsRoundTripThroughJson) {
  auto config = WriteMockConfig();
  const std::string description =
      "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x94\x91";

  RunResult created = RunWithConfig(
      config, {"management", "create", "--description", description, "--format", "json"});
  RunResult listed = RunWithConfig(config, {"management", "list", "--format", "json"});

  ASSERT_EQ(created.exit_code, 0) << created;
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(ParseObject(created.out)->getValue<std::string>("description"), description);
  EXPECT_EQ(ParseArray(listed.out)->getObject(0)->getValue<std::string>("description"),
            description);
}

TEST_F(TextTest, ServerSideControlCharactersRoundTripThroughJson) {
  auto config = WriteMockConfig();
  WriteFile("state.json", StateWithDescription(kHostileDescriptionJson));

  RunResult run = RunWithConfig(config, {"management", "list", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Array::Ptr tokens = ParseArray(run.out);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("description"), kHostileDescription);
  // Escaped, not raw: JSON on a terminal is as harmless as a table.
  for (char c : run.out) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << "raw control byte " << int(byte) << " in JSON";
    EXPECT_NE(byte, 0x7F) << "raw DEL in JSON";
  }
  EXPECT_EQ(run.out.find("\xc2\x85"), std::string::npos) << "raw C1 control in JSON";
  EXPECT_EQ(run.out.find("\xe2\x80\xae"), std::string::npos) << "raw bidi override in JSON";
}

TEST_F(TextTest, ServerSideControlCharactersNeverReachATableRaw) {
  auto config = WriteMockConfig();
  WriteFile("state.json", StateWithDescription(kHostileDescriptionJson));

  RunResult run = RunWithConfig(config, {"management", "list"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos) << "raw ESC in the table";
  EXPECT_EQ(run.out.find('\x07'), std::string::npos) << "raw BEL in the table";
  EXPECT_EQ(run.out.find('\t'), std::string::npos) << "raw TAB in the table";
  EXPECT_EQ(run.out.find("\xe2\x80\xae"), std::string::npos) << "raw bidi override";
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 5u) << "the newline in the description broke a row" << run;
  EXPECT_NE(lines[3].find("caf\xc3\xa9"), std::string::npos) << run;
  ExpectAligned(lines);
}

TEST_F(TextTest, CreateTableStaysAlignedAroundWideCharacters) {
  auto config = WriteMockConfig();
  const std::string description =
      "\xe5\xa4\x9c\xe9\x96\x93\xe3\x83\x93\xe3\x83\xab\xe3\x83\x89 "
      "\xf0\x9f\x94\x91";  // 夜間ビルド 🔑

  RunResult run = RunWithConfig(config, {"management", "create", "--description", description});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 7u) << run;
  EXPECT_NE(lines[2].find(description), std::string::npos) << run;
  lines.pop_back();  // the token line is not part of the table
  ExpectAligned(lines);
}

TEST_F(TextTest, ListTableStaysAlignedAroundWideCharacters) {
  auto config = WriteMockConfig();
  for (const char* description : {"\xe5\xa4\x9c\xe9\x96\x93\xe3\x83\x93\xe3\x83\xab\xe3\x83\x89 "
                                  "\xf0\x9f\x94\x91",
                                  "plain ascii"}) {
    ASSERT_EQ(
        RunWithConfig(config, {"management", "create", "--description", description}).exit_code, 0);
  }

  RunResult run = RunWithConfig(config, {"management", "list"});

  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 6u) << run;
  ExpectAligned(lines);
}

}  // namespace
}  // namespace influxctl::e2e
