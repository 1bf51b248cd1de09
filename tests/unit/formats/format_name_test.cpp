// SPDX-License-Identifier: Apache-2.0
//
// Tests for choosing a format by name: the two valid names, and the usage
// error (with the bad value quoted, made safe for a terminal) for the rest.

#include <gtest/gtest.h>

#include <influxctl/formats/format.hpp>

namespace influxctl::formats {
namespace {

TEST(ParseFormat, AcceptsTableAndJson) {
  auto table = ParseFormat("table");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table.value(), Format::kTable);

  auto json = ParseFormat("json");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(json.value(), Format::kJson);
}

TEST(ParseFormat, NamesRoundTrip) {
  for (Format format : {Format::kTable, Format::kJson}) {
    auto parsed = ParseFormat(FormatName(format));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value(), format);
  }
  EXPECT_EQ(FormatName(Format::kTable), "table");
  EXPECT_EQ(FormatName(Format::kJson), "json");
}

TEST(ParseFormat, RefusesOtherNamesWithUsageError) {
  for (std::string_view name : {"yaml", "TABLE", "Json", "", " table", "table "}) {
    auto parsed = ParseFormat(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kUsage);
    EXPECT_EQ(parsed.error().message(),
              "invalid --format \"" + std::string(name) + "\": use one of table, json");
  }
}

TEST(ParseFormat, ErrorShowsControlCharactersAsEscapes) {
  auto parsed = ParseFormat("json\x1b[2J\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().message(),
            "invalid --format \"json\\x1b[2J\\n\": use one of table, json");
}

}  // namespace
}  // namespace influxctl::formats
