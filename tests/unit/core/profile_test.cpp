// SPDX-License-Identifier: Apache-2.0
//
// Config loading: influxctl's documented keys, this project's extensions, and
// every error case of the spec with its file:line:column.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <influxctl/profile.hpp>

namespace influxctl {
namespace {

using ::testing::HasSubstr;

Result<Profile> Parse(std::string_view text, std::string_view name = "default") {
  return ParseProfile(text, "test.toml", name);
}

TEST(ProfileTest, LoadsInfluxctlsDocumentedKeysUnchanged) {
  auto profile = Parse(R"(
[[profile]]
name = "default"
product = "dedicated"
host = "cluster.example.com"
port = "443"
account_id = "acct"
cluster_id = "clus"
database = "db"
token = "query-token"
mgmt_token = "M.V1.secret"

[profile.tls]
insecure = true
ca = "/etc/ca.pem"

[profile.auth.oauth2]
client_id = "id"
scopes = ["a", "b"]
parameters = { audience = "x" }
device_url = "https://idp/device"
token_url = "https://idp/token"

[profile.auth.token]
token_file = "/run/token"
)");
  ASSERT_TRUE(profile.ok()) << profile.error().message();
  const Profile& p = profile.value();
  EXPECT_EQ(p.product, "dedicated");
  EXPECT_EQ(p.host, "cluster.example.com");
  EXPECT_EQ(p.port, "443");
  EXPECT_EQ(p.account_id, "acct");
  EXPECT_EQ(p.cluster_id, "clus");
  EXPECT_EQ(p.mgmt_token.Reveal(), "M.V1.secret");
  EXPECT_TRUE(p.tls.insecure);
  EXPECT_EQ(p.tls.ca, "/etc/ca.pem");
  EXPECT_TRUE(p.has_oauth2);
  EXPECT_EQ(p.token_file, "/run/token");
  EXPECT_EQ(p.transport.plugin, "grpc") << "influxctl's transport when none is named";
}

TEST(ProfileTest, ReadsTransportOutputsAndDefaults) {
  auto profile = Parse(R"(
[[profile]]
name = "default"
[profile.transport]
plugin = "mock"
seed = 7
latency = "5ms"
[[profile.output]]
plugin = "env-file"
path = "out.env"
required = false
[profile.defaults]
description = "ci"
expires_in = "24h"
format = "json"
)");
  ASSERT_TRUE(profile.ok()) << profile.error().message();
  const Profile& p = profile.value();
  EXPECT_EQ(p.transport.plugin, "mock");
  ASSERT_EQ(p.transport.settings.size(), 2u);
  const RawSetting* seed = nullptr;
  for (const RawSetting& setting : p.transport.settings) {
    seed = setting.key == "seed" ? &setting : seed;
  }
  ASSERT_NE(seed, nullptr);
  EXPECT_EQ(std::get<std::int64_t>(seed->value), 7);
  EXPECT_EQ(seed->where, "test.toml:6:1");
  ASSERT_EQ(p.outputs.size(), 1u);
  EXPECT_FALSE(p.outputs[0].required);
  EXPECT_EQ(p.defaults.description, "ci");
  EXPECT_EQ(p.defaults.expires_in, "24h");
  EXPECT_EQ(p.defaults.format, "json");
}

TEST(ProfileTest, UnknownKeyNamesPositionAndNearestKey) {
  auto profile = Parse("[[profile]]\nname = \"default\"\nhots = \"x\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_EQ(profile.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:3:1"));
  EXPECT_THAT(profile.error().message(), HasSubstr("unknown key \"hots\""));
  EXPECT_THAT(profile.error().message(), HasSubstr("did you mean \"host\""));
}

TEST(ProfileTest, UnknownKeyInNestedTable) {
  auto profile = Parse("[[profile]]\nname = \"default\"\n[profile.tls]\ninsecur = true\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:4:1"));
  EXPECT_THAT(profile.error().message(), HasSubstr("[profile.tls]"));
  EXPECT_THAT(profile.error().message(), HasSubstr("did you mean \"insecure\""));
}

TEST(ProfileTest, PortAsIntegerIsAnErrorNotADefault) {
  auto profile = Parse("[[profile]]\nname = \"default\"\nport = 443\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:3:8"));
  EXPECT_THAT(profile.error().message(), HasSubstr("\"port\" must be a string such as \"443\""));
}

TEST(ProfileTest, WrongTypeForBoolean) {
  auto profile = Parse("[[profile]]\nname = \"default\"\n[profile.tls]\ninsecure = \"yes\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("must be true or false, not a string"));
}

TEST(ProfileTest, DuplicateKey) {
  auto profile = Parse("[[profile]]\nname = \"default\"\nhost = \"a\"\nhost = \"b\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:4:"));
  EXPECT_THAT(profile.error().message(), HasSubstr("host"));
}

TEST(ProfileTest, DuplicateProfileNameShowsBothPlaces) {
  auto profile = Parse("[[profile]]\nname = \"a\"\n[[profile]]\nname = \"a\"\n", "a");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:4:8"));
  EXPECT_THAT(profile.error().message(), HasSubstr("duplicate profile name \"a\""));
  EXPECT_THAT(profile.error().message(), HasSubstr("first defined at test.toml:1:1"));
}

TEST(ProfileTest, MissingProfileListsTheOnesThatExist) {
  auto profile = Parse("[[profile]]\nname = \"x\"\n[[profile]]\nname = \"y\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("profile \"default\" not found"));
  EXPECT_THAT(profile.error().message(), HasSubstr("\"x\", \"y\""));
}

TEST(ProfileTest, ByteOrderMarkAndCrlfAreFine) {
  auto profile = Parse("\xEF\xBB\xBF[[profile]]\r\nname = \"default\"\r\nhost = \"h\"\r\n");
  ASSERT_TRUE(profile.ok()) << profile.error().message();
  EXPECT_EQ(profile.value().host, "h");
}

TEST(ProfileTest, SingleBracketProfileIsExplained) {
  auto profile = Parse("[profile]\nname = \"default\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("[[profile]]"));
}

TEST(ProfileTest, UnknownProductIsRefused) {
  auto profile = Parse("[[profile]]\nname = \"default\"\nproduct = \"serverless\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("clustered, dedicated"));
}

TEST(ProfileTest, ErrorsInOtherProfilesAreReportedToo) {
  auto profile =
      Parse("[[profile]]\nname = \"default\"\n[[profile]]\nname = \"b\"\nprot = \"1\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:5:1"));
}

TEST(ProfileTest, PluginTableNeedsAPlugin) {
  auto profile = Parse("[[profile]]\nname = \"default\"\n[profile.transport]\nseed = 1\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("needs a \"plugin\" key"));
}

TEST(ProfileTest, PluginSettingOfUnsupportedType) {
  auto profile =
      Parse("[[profile]]\nname = \"default\"\n[profile.transport]\nplugin = \"mock\"\nx = 1.5\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:5:1"));
  EXPECT_THAT(profile.error().message(), HasSubstr("a float"));
}

TEST(ProfileTest, DefaultsMayNotSetBothExpiries) {
  auto profile = Parse(
      "[[profile]]\nname = \"default\"\n[profile.defaults]\nexpires_at = \"2030-01-01T00:00:00Z\"\n"
      "expires_in = \"1h\"\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("keep one"));
}

TEST(ProfileTest, SyntaxErrorHasPosition) {
  auto profile = Parse("[[profile]]\nname = \"default\nhost = 1\n");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("test.toml:2:"));
}

TEST(ProfileTest, MissingFileSaysWhatToDo) {
  auto profile = LoadProfile("/nonexistent/influxctl.toml", "default");
  ASSERT_FALSE(profile.ok());
  EXPECT_THAT(profile.error().message(), HasSubstr("no such file"));
  EXPECT_THAT(profile.error().message(), HasSubstr("--config"));
}

TEST(ProfileTest, DefaultPathFollowsXdgThenHome) {
  setenv("XDG_CONFIG_HOME", "/xdg", 1);
  EXPECT_EQ(DefaultConfigPath(), "/xdg/influxctl/config.toml");
  unsetenv("XDG_CONFIG_HOME");
  setenv("HOME", "/home/op", 1);
  EXPECT_EQ(DefaultConfigPath(), "/home/op/.config/influxctl/config.toml");
}

}  // namespace
}  // namespace influxctl
