// SPDX-License-Identifier: Apache-2.0
//
// Fault injection and bad settings: each fail_call target with each kind and
// message, fail_after counted per instance or across runs through the state
// file, latency, and the config errors a wrong setting produces.

#include <chrono>

#include "mock_harness.hpp"

namespace influxctl::mock_test {
namespace {

using ::testing::HasSubstr;

Settings Failing(std::string call, Settings settings = DefaultSettings()) {
  settings.Set("fail_call", std::move(call));
  return settings;
}

TEST_F(MockTest, FailCreateWithServerKindAndMessage) {
  Settings settings = Failing("create");
  settings.Set("fail_message", std::string("quota exceeded (429)"));
  auto instance = Make(settings);

  Result<CreatedToken> created = instance->transport->Create({});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind(), ErrorKind::kServer);
  EXPECT_EQ(created.error().message(), "quota exceeded (429)");

  // Other calls still work, and the failed create minted nothing.
  Result<std::vector<ManagementToken>> listed = instance->transport->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed.value().empty());
}

TEST_F(MockTest, FailWithTransportKindAndDefaultMessage) {
  Settings settings = Failing("list");
  settings.Set("fail_kind", std::string("transport"));
  auto instance = Make(settings);

  ASSERT_TRUE(instance->transport->Create({}).ok());
  Result<std::vector<ManagementToken>> listed = instance->transport->List();
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().kind(), ErrorKind::kTransport);
  EXPECT_EQ(listed.error().message(), "injected failure");
}

TEST_F(MockTest, FailRevokeLeavesTheTokenActive) {
  auto instance = Make(Failing("revoke"));
  CreatedToken created = instance->transport->Create({}).value();
  Status revoked = instance->transport->Revoke(created.token.id);
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().kind(), ErrorKind::kServer);
  EXPECT_FALSE(instance->transport->List().value().at(0).revoked_at.has_value());
}

TEST_F(MockTest, FailAnyFailsEveryCall) {
  auto instance = Make(Failing("any"));
  EXPECT_FALSE(instance->transport->Create({}).ok());
  EXPECT_FALSE(instance->transport->List().ok());
  EXPECT_FALSE(instance->transport->Revoke("x").ok());
}

TEST_F(MockTest, FailedCreateDoesNotUseUpASequenceNumber) {
  auto failing = Make(Failing("create", WithStateFile()));
  ASSERT_FALSE(failing->transport->Create({}).ok());

  auto healthy = Make(WithStateFile());
  auto fresh = Make(DefaultSettings());
  EXPECT_EQ(healthy->transport->Create({}).value().token.id,
            fresh->transport->Create({}).value().token.id);
}

TEST_F(MockTest, FailAfterCountsPerInstanceWithoutStateFile) {
  Settings settings = Failing("create");
  settings.Set("fail_after", std::int64_t{2});
  auto instance = Make(settings);
  EXPECT_TRUE(instance->transport->Create({}).ok());
  EXPECT_TRUE(instance->transport->List().ok());  // other calls do not count
  EXPECT_TRUE(instance->transport->Create({}).ok());
  EXPECT_FALSE(instance->transport->Create({}).ok());
  EXPECT_FALSE(instance->transport->Create({}).ok());

  // A new instance starts counting again.
  auto another = Make(settings);
  EXPECT_TRUE(another->transport->Create({}).ok());
}

TEST_F(MockTest, FailAfterCountsAcrossRunsWithStateFile) {
  Settings settings = Failing("create", WithStateFile());
  settings.Set("fail_after", std::int64_t{2});
  {
    auto first_run = Make(settings);
    EXPECT_TRUE(first_run->transport->Create({}).ok());
  }
  auto second_run = Make(settings);
  EXPECT_TRUE(second_run->transport->Create({}).ok());
  Result<CreatedToken> third = second_run->transport->Create({});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().message(), "injected failure");

  auto third_run = Make(settings);
  EXPECT_FALSE(third_run->transport->Create({}).ok());
  EXPECT_EQ(third_run->transport->List().value().size(), 2u);
}

TEST_F(MockTest, FailAfterWithAnyCountsEveryCall) {
  Settings settings = Failing("any");
  settings.Set("fail_after", std::int64_t{2});
  auto instance = Make(settings);
  EXPECT_TRUE(instance->transport->Create({}).ok());
  EXPECT_TRUE(instance->transport->List().ok());
  EXPECT_FALSE(instance->transport->Revoke("x").ok());
  EXPECT_FALSE(instance->transport->List().ok());
}

TEST_F(MockTest, LatencyDelaysEveryCall) {
  Settings settings = DefaultSettings();
  settings.Set("latency", std::chrono::milliseconds(40));
  auto instance = Make(settings);

  auto start = std::chrono::steady_clock::now();
  CreatedToken created = instance->transport->Create({}).value();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(40));

  start = std::chrono::steady_clock::now();
  ASSERT_TRUE(instance->transport->List().ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(40));

  start = std::chrono::steady_clock::now();
  ASSERT_TRUE(instance->transport->Revoke(created.token.id).ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(40));
}

TEST_F(MockTest, LatencyAppliesToInjectedFailuresToo) {
  Settings settings = Failing("create");
  settings.Set("latency", std::chrono::milliseconds(30));
  auto instance = Make(settings);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(instance->transport->Create({}).ok());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(30));
}

struct BadSetting {
  const char* key;
  SettingValue value;
  const char* expected;  // a piece of the message
};

class MockBadSettingTest : public ::testing::TestWithParam<BadSetting> {};

TEST_P(MockBadSettingTest, IsAConfigErrorNamingTheSetting) {
  Settings settings = DefaultSettings();
  settings.Set(GetParam().key, GetParam().value);
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(settings);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr(std::string("setting ") + GetParam().key));
  EXPECT_THAT(made.error().message(), HasSubstr(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Settings,
    MockBadSettingTest,
    ::testing::Values(BadSetting{"fail_call", std::string("delete"), "create, list, revoke, any"},
                      BadSetting{"fail_kind", std::string("teapot"), "server or transport"},
                      BadSetting{"fail_kind", std::string("usage"), "server or transport"},
                      BadSetting{"fail_after", std::int64_t{-1}, "0 or more"},
                      BadSetting{"now", std::string("2030-01-01"), "2030-01-01T00:00:00Z"},
                      BadSetting{"now", std::string("2030-01-01T00:00:00+0000"), "RFC 3339"},
                      BadSetting{"latency", std::chrono::milliseconds(-5), "negative"},
                      BadSetting{"journal", std::string("/nonexistent-folder/journal.jsonl"),
                                 "cannot open"}));

}  // namespace
}  // namespace influxctl::mock_test
