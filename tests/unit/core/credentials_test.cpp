// SPDX-License-Identifier: Apache-2.0
//
// Which credential a transport gets, by the documented precedence, and the
// errors for a profile that has none or only OAuth 2.0.

#include "credentials.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace influxctl {
namespace {

using ::testing::HasSubstr;

class CredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv(kCredentialEnvironmentVariable);
    dir_ = std::filesystem::temp_directory_path() /
           ("influxctl-credentials-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    profile_.name = "ci";
    profile_.source = dir_ / "config.toml";
  }
  void TearDown() override {
    unsetenv(kCredentialEnvironmentVariable);
    std::filesystem::remove_all(dir_);
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  std::filesystem::path dir_;
  Profile profile_;
  Connection connection_;
};

TEST_F(CredentialsTest, EnvironmentWinsOverProfileAndFile) {
  setenv(kCredentialEnvironmentVariable, "from-env", 1);
  profile_.mgmt_token = Secret("from-profile");
  profile_.token_file = WriteFile("token", "from-file\n");
  ASSERT_TRUE(ResolveCredential(profile_, connection_).ok());
  EXPECT_EQ(connection_.credential.Reveal(), "from-env");
  EXPECT_THAT(connection_.credential_source, HasSubstr("INFLUXCTL_MGMT_TOKEN"));
}

TEST_F(CredentialsTest, ProfileTokenWinsOverTokenFile) {
  profile_.mgmt_token = Secret("from-profile");
  profile_.token_file = WriteFile("token", "from-file\n");
  ASSERT_TRUE(ResolveCredential(profile_, connection_).ok());
  EXPECT_EQ(connection_.credential.Reveal(), "from-profile");
  EXPECT_THAT(connection_.credential_source, HasSubstr("mgmt_token of profile \"ci\""));
}

TEST_F(CredentialsTest, TokenFileLosesItsTrailingNewline) {
  profile_.token_file = WriteFile("token", "from-file\r\n");
  ASSERT_TRUE(ResolveCredential(profile_, connection_).ok());
  EXPECT_EQ(connection_.credential.Reveal(), "from-file");
  EXPECT_THAT(connection_.credential_source, HasSubstr("token_file"));
}

TEST_F(CredentialsTest, EmptyTokenFileIsAConfigError) {
  profile_.token_file = WriteFile("token", "\n");
  Status status = ResolveCredential(profile_, connection_);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(status.error().message(), HasSubstr("is empty"));
}

TEST_F(CredentialsTest, UnreadableTokenFileIsAConfigError) {
  profile_.token_file = (dir_ / "missing").string();
  Status status = ResolveCredential(profile_, connection_);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.error().message(), HasSubstr("cannot read"));
}

TEST_F(CredentialsTest, NoneAtAllLeavesTheConnectionEmpty) {
  ASSERT_TRUE(ResolveCredential(profile_, connection_).ok());
  EXPECT_TRUE(connection_.credential.empty());
}

TEST_F(CredentialsTest, MissingCredentialSaysEveryWayToGiveOne) {
  Error error = MissingCredential(profile_, "rest");
  EXPECT_EQ(error.kind(), ErrorKind::kUsage);
  EXPECT_THAT(error.message(), HasSubstr("mgmt_token"));
  EXPECT_THAT(error.message(), HasSubstr("INFLUXCTL_MGMT_TOKEN"));
  EXPECT_THAT(error.message(), HasSubstr("token_file"));
}

TEST_F(CredentialsTest, OAuthOnlyProfileNamesWhatIsMissing) {
  profile_.has_oauth2 = true;
  Error error = MissingCredential(profile_, "grpc");
  EXPECT_THAT(error.message(), HasSubstr("[profile.auth.oauth2]"));
  EXPECT_THAT(error.message(), HasSubstr("device flow is not supported"));
}

}  // namespace
}  // namespace influxctl
