// SPDX-License-Identifier: Apache-2.0
//
// --expires-at names an instant: the process time zone never shifts it, a
// fraction survives as nanos, and leaving it out sends no expiry at all (no
// key in JSON, an empty cell in the table, nothing in the journal).

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

// 2030-06-01T12:00:00+02:00 is 2030-06-01T10:00:00Z.
constexpr std::int64_t kJuneFirst2030TenUtc = 1906538400;

class ExpiryTest : public E2eTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(ExpiryTest, AnOffsetInstantIsTheSameInEveryTimeZone) {
  auto config = WriteMockConfig();
  env_["TZ"] = GetParam();

  RunResult json = RunWithConfig(config, {"management", "create", "--expires-at",
                                          "2030-06-01T12:00:00+02:00", "--format", "json"});
  RunResult table =
      RunWithConfig(config, {"management", "create", "--expires-at", "2030-06-01T12:00:00+02:00"});

  ASSERT_EQ(json.exit_code, 0) << json;
  Poco::JSON::Object::Ptr expires = ParseObject(json.out)->getObject("expires_at");
  ASSERT_TRUE(expires) << json.out;
  EXPECT_EQ(expires->getValue<std::int64_t>("seconds"), kJuneFirst2030TenUtc);
  EXPECT_FALSE(expires->has("nanos"));
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_NE(table.out.find("|  expires at | 2030-06-01T10:00:00Z "), std::string::npos) << table;
}

INSTANTIATE_TEST_SUITE_P(TimeZones,
                         ExpiryTest,
                         ::testing::Values("UTC", "America/New_York", "Asia/Kolkata"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             c = c == '/' ? '_' : c;
                           }
                           return name;
                         });

class ExpiryDetailTest : public E2eTest {};

TEST_F(ExpiryDetailTest, AFractionBecomesNanos) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(config, {"management", "create", "--expires-at",
                                         "2030-06-01T10:00:00.25Z", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr expires = ParseObject(run.out)->getObject("expires_at");
  EXPECT_EQ(expires->getValue<std::int64_t>("seconds"), kJuneFirst2030TenUtc);
  EXPECT_EQ(expires->getValue<std::int64_t>("nanos"), 250000000);
}

TEST_F(ExpiryDetailTest, WithoutExpiresAtNoExpiryIsSent) {
  auto config = WriteMockConfig();

  RunResult json = RunWithConfig(config, {"management", "create", "--format", "json"});
  RunResult table = RunWithConfig(config, {"management", "create"});

  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_FALSE(ParseObject(json.out)->has("expires_at")) << json.out;
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_EQ(table.out.find("1970"), std::string::npos) << table;
  for (const auto& line : JournalLines()) {
    EXPECT_FALSE(line->has("expires_at")) << "an expiry was sent";
  }
}

}  // namespace
}  // namespace influxctl::e2e
