// SPDX-License-Identifier: Apache-2.0
//
// The engine driven in-process through its public API, as a test harness
// would: the mock transport found on the install's plugin path, settings
// checked against its schema, and create, list and revoke end to end.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <influxctl/engine.hpp>
#include <influxctl/time.hpp>

namespace influxctl {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Profile MockProfile(std::string_view transport_table) {
  std::string text =
      "[[profile]]\nname = \"default\"\n[profile.transport]\n" + std::string(transport_table);
  auto profile = ParseProfile(text, "harness.toml", "default");
  EXPECT_TRUE(profile.ok()) << profile.error().message();
  return profile.value();
}

std::unique_ptr<Engine> OpenMock(std::string_view transport_table = "plugin = \"mock\"\n") {
  auto engine = Engine::Open(MockProfile(transport_table), EngineOptions{});
  EXPECT_TRUE(engine.ok()) << engine.error().message();
  return engine.ok() ? std::move(engine).value() : nullptr;
}

TEST(EngineTest, CreatesListsAndRevokesThroughTheMock) {
  auto engine = OpenMock();
  ASSERT_NE(engine, nullptr);
  EXPECT_EQ(engine->TransportName(), "mock");

  CreateRequest request;
  request.description = "harness";
  auto created = engine->Create(request);
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_THAT(created.value().created.secret.Reveal(), StartsWith("M.V1."));
  EXPECT_EQ(created.value().created.token.description, "harness");
  EXPECT_FALSE(created.value().created.token.expires_at.has_value());

  auto listed = engine->List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed.value().size(), 1u);
  EXPECT_EQ(listed.value()[0].id, created.value().created.token.id);

  ASSERT_TRUE(engine->Revoke(created.value().created.token.id).ok());
  listed = engine->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed.value()[0].revoked_at.has_value());
}

TEST(EngineTest, ValidatesTheRequestBeforeSending) {
  auto engine = OpenMock("plugin = \"mock\"\nfail_call = \"any\"\n");
  ASSERT_NE(engine, nullptr);
  CreateRequest request;
  request.expires_at = Timestamp{1, 0};
  auto created = engine->Create(request);
  ASSERT_FALSE(created.ok());
  // A usage error, not the injected failure: the mock was never called.
  EXPECT_EQ(created.error().kind(), ErrorKind::kUsage);
  EXPECT_EQ(created.error().ExitCode(), kExitUsage);
}

TEST(EngineTest, TransportErrorsKeepTheirKind) {
  auto engine = OpenMock(
      "plugin = \"mock\"\nfail_call = \"create\"\nfail_kind = \"transport\"\n"
      "fail_message = \"connection refused by test\"\n");
  ASSERT_NE(engine, nullptr);
  auto created = engine->Create(CreateRequest{});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind(), ErrorKind::kTransport);
  EXPECT_EQ(created.error().ExitCode(), kExitFailure);
  EXPECT_THAT(created.error().message(), HasSubstr("connection refused by test"));
}

TEST(EngineTest, UnknownSettingIsRefusedWithTheNearestName) {
  auto engine = Engine::Open(MockProfile("plugin = \"mock\"\nsede = 3\n"), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(engine.error().message(), HasSubstr("harness.toml:5:1"));
  EXPECT_THAT(engine.error().message(), HasSubstr("did you mean \"seed\""));
}

TEST(EngineTest, SettingOfTheWrongTypeIsRefused) {
  auto engine = Engine::Open(MockProfile("plugin = \"mock\"\nlatency = 5\n"), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("must be a duration string"));
}

TEST(EngineTest, BadDurationSettingQuotesTheValue) {
  auto engine =
      Engine::Open(MockProfile("plugin = \"mock\"\nlatency = \"5 parsecs\"\n"), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("\"5 parsecs\""));
}

TEST(EngineTest, MissingPluginListsWhatIsAvailable) {
  auto engine = Engine::Open(MockProfile("plugin = \"mokc\"\n"), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kPlugin);
  EXPECT_THAT(engine.error().message(), HasSubstr("plugin \"mokc\" not found"));
  EXPECT_THAT(engine.error().message(), HasSubstr("did you mean \"mock\""));
  EXPECT_THAT(engine.error().message(), HasSubstr("available: "));
  EXPECT_THAT(engine.error().message(), HasSubstr("mock"));
}

TEST(EngineTest, PluginNamesCannotEscapeTheSearchPath) {
  auto engine = Engine::Open(MockProfile("plugin = \"../../evil\"\n"), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("is not valid"));
}

TEST(EngineTest, TransportPluginUsedAsOutputIsRefused) {
  std::string text =
      "[[profile]]\nname = \"default\"\n[profile.transport]\nplugin = \"mock\"\n"
      "[[profile.output]]\nplugin = \"mock\"\n";
  auto profile = ParseProfile(text, "harness.toml", "default");
  ASSERT_TRUE(profile.ok());
  auto engine = Engine::Open(profile.value(), EngineOptions{});
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("is a transport, not an output"));
}

TEST(EngineTest, SearchPathStartsWithTheInstallFolderThenTheEnvironment) {
  setenv("INFLUXCTL_PLUGIN_PATH", "/a:/b::/c", 1);
  Profile profile;
  profile.plugin_paths = {"/from-config"};
  auto path = PluginSearchPath(&profile);
  unsetenv("INFLUXCTL_PLUGIN_PATH");
  ASSERT_EQ(path.size(), 5u);
  EXPECT_THAT(path[0].string(), HasSubstr("lib/influxctl/plugins"));
  EXPECT_EQ(path[1], "/a");
  EXPECT_EQ(path[2], "/b");
  EXPECT_EQ(path[3], "/c");
  EXPECT_EQ(path[4], "/from-config");
}

}  // namespace
}  // namespace influxctl
