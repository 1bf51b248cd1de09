// SPDX-License-Identifier: Apache-2.0
//
// Tests for the env-file output's settings (plugins/env-file/
// env_file_options.hpp): defaults, the variables written and their order,
// and config errors that name the setting for a bad or repeated name.

#include "../../../plugins/env-file/env_file_options.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace influxctl::env_file {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Settings Defaults() {
  Settings settings;
  settings.Set("path", std::string("/srv/app/.env"));
  settings.Set("variable", std::string("INFLUX_MGMT_TOKEN"));
  settings.Set("export", false);
  settings.Set("lock_timeout", std::chrono::milliseconds(10'000));
  return settings;
}

TEST(Options, DefaultsWriteOnlyTheToken) {
  Result<EnvFileOptions> options = ParseEnvFileOptions(Defaults());
  ASSERT_TRUE(options.ok()) << options.error().message();
  EXPECT_EQ(options.value().path, "/srv/app/.env");
  EXPECT_FALSE(options.value().export_all);
  EXPECT_THAT(options.value().Variables(), ElementsAre("INFLUX_MGMT_TOKEN"));
}

TEST(Options, IdAndExpiryFollowTheToken) {
  Settings settings = Defaults();
  settings.Set("expires_variable", std::string("EXPIRES"));
  settings.Set("id_variable", std::string("ID"));
  settings.Set("export", true);
  Result<EnvFileOptions> options = ParseEnvFileOptions(settings);
  ASSERT_TRUE(options.ok()) << options.error().message();
  EXPECT_TRUE(options.value().export_all);
  EXPECT_THAT(options.value().Variables(), ElementsAre("INFLUX_MGMT_TOKEN", "ID", "EXPIRES"));
}

TEST(Options, AnEmptyOptionalNameIsUnset) {
  Settings settings = Defaults();
  settings.Set("id_variable", std::string(""));
  Result<EnvFileOptions> options = ParseEnvFileOptions(settings);
  ASSERT_TRUE(options.ok()) << options.error().message();
  EXPECT_THAT(options.value().Variables(), ElementsAre("INFLUX_MGMT_TOKEN"));
}

TEST(Options, ABadNameIsAConfigErrorNamingTheSetting) {
  for (const char* key : {"variable", "id_variable", "expires_variable"}) {
    for (const char* name : {"1ABC", "A-B", "has space", "A=B"}) {
      Settings settings = Defaults();
      settings.Set(key, std::string(name));
      Result<EnvFileOptions> options = ParseEnvFileOptions(settings);
      ASSERT_FALSE(options.ok()) << key << "=" << name;
      EXPECT_EQ(options.error().kind(), ErrorKind::kConfig);
      EXPECT_THAT(options.error().message(), HasSubstr("\"" + std::string(key) + "\""));
    }
  }
  Settings empty = Defaults();
  empty.Set("variable", std::string(""));
  EXPECT_FALSE(ParseEnvFileOptions(empty).ok());
}

TEST(Options, TwoSettingsNamingOneVariableAreAConfigError) {
  Settings settings = Defaults();
  settings.Set("expires_variable", std::string("INFLUX_MGMT_TOKEN"));
  Result<EnvFileOptions> options = ParseEnvFileOptions(settings);
  ASSERT_FALSE(options.ok());
  EXPECT_EQ(options.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(options.error().message(), HasSubstr("\"variable\" and \"expires_variable\""));
}

TEST(Options, TheSchemaDeclaresEveryKeyTheOptionsRead) {
  std::vector<std::string> keys;
  for (const SettingSpec& spec : kEnvFileSettingSchema) {
    keys.emplace_back(spec.key);
  }
  EXPECT_THAT(keys, ElementsAre("path", "variable", "id_variable", "expires_variable", "export",
                                "lock_timeout"));
  EXPECT_TRUE(kEnvFileSettingSchema[0].required);
}

}  // namespace
}  // namespace influxctl::env_file
