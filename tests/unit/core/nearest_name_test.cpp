// SPDX-License-Identifier: Apache-2.0
//
// "Did you mean": typos find their word, different words find nothing.

#include "nearest_name.hpp"

#include <gtest/gtest.h>

namespace influxctl {
namespace {

constexpr std::string_view kFlags[] = {"--description", "--expires-at", "--format"};

TEST(NearestNameTest, FindsTheFlagTheOldDocsMisspelt) {
  EXPECT_EQ(NearestName("--expire-at", kFlags), "--expires-at");
}

TEST(NearestNameTest, FindsTranspositions) {
  EXPECT_EQ(NearestName("--dsecription", kFlags), "--description");
}

TEST(NearestNameTest, FindsNothingForAnUnrelatedWord) {
  EXPECT_EQ(NearestName("--verbose", kFlags), std::nullopt);
  EXPECT_EQ(DidYouMean("--verbose", kFlags), "");
}

TEST(NearestNameTest, DidYouMeanQuotesTheSuggestion) {
  EXPECT_EQ(DidYouMean("--fromat", kFlags), " (did you mean \"--format\"?)");
}

}  // namespace
}  // namespace influxctl
