// SPDX-License-Identifier: Apache-2.0
//
// The REST transport end to end, as a user runs it: the built influxctl with
// a profile using plugin = "rest" against influxctl-emulator, on Clustered and
// on Dedicated. Create, list (the new token is there, its secret is not),
// revoke (list shows it revoked), a second revoke of the same id, an unknown
// id, and the account checks Dedicated needs.

#include <regex>
#include <set>

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;

class RestTokensTest : public RestNetworkTest {
 protected:
  // create, list, revoke, list, revoke again, revoke an unknown id.
  void RunLifecycle(const EmulatorProcess& emulator, const std::string& config) {
    RunResult created = Run(config, {"management", "create", "--description", "nightly ci",
                                     "--expires-at", "2099-01-02T03:04:05Z", "--format", "json"});
    ASSERT_EQ(created.exit_code, 0) << created;
    auto token = ParseObject(created.out);
    const std::string id = token->getValue<std::string>("id");
    const std::string secret = token->getValue<std::string>("token");
    EXPECT_EQ(token->getValue<std::string>("description"), "nightly ci");
    EXPECT_EQ(token->getObject("expires_at")->getValue<std::int64_t>("seconds"), 4071006245);
    EXPECT_EQ(secret.rfind("M.V1.", 0), 0u);
    EXPECT_EQ(Minted(emulator), 1);

    // The emulator got the documented body and one idempotency key.
    auto requests = ReceivedRequests(emulator);
    ASSERT_EQ(requests->size(), 1u);
    auto request = requests->getObject(0);
    EXPECT_EQ(request->getValue<std::string>("method"), "POST");
    EXPECT_FALSE(request->getValue<std::string>("idempotency_key").empty());
    auto body = ParseObject(request->getValue<std::string>("body"));
    EXPECT_EQ(body->getValue<std::string>("description"), "nightly ci");
    EXPECT_EQ(body->getValue<std::string>("expiresAt"), "2099-01-02T03:04:05Z");

    RunResult listed = Run(config, {"management", "list", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed;
    EXPECT_FALSE(Contains(listed.out, secret)) << listed;
    auto tokens = ParseArray(listed.out);
    ASSERT_EQ(tokens->size(), 1u);
    EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("id"), id);
    EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("token_prefix"), secret.substr(0, 9));
    EXPECT_FALSE(tokens->getObject(0)->has("revoked_at"));

    RunResult revoked = Run(config, {"management", "revoke", "--force", id});
    ASSERT_EQ(revoked.exit_code, 0) << revoked;
    EXPECT_TRUE(Contains(revoked.out, id)) << revoked;

    listed = Run(config, {"management", "list", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed;
    tokens = ParseArray(listed.out);
    ASSERT_EQ(tokens->size(), 1u);
    EXPECT_TRUE(tokens->getObject(0)->has("revoked_at")) << listed;

    // Revoking twice is refused by the cluster; the message names the id.
    RunResult again = Run(config, {"management", "revoke", "--force", id});
    EXPECT_EQ(again.exit_code, 1) << again;
    EXPECT_TRUE(Contains(again.err, id)) << again;
    EXPECT_TRUE(Contains(again.err, "already revoked")) << again;
    EXPECT_TRUE(Contains(again.err, "409")) << again;

    RunResult unknown =
        Run(config, {"management", "revoke", "--force", "00000000-0000-0000-0000-000000000000"});
    EXPECT_EQ(unknown.exit_code, 1) << unknown;
    EXPECT_TRUE(Contains(unknown.err,
                         "no management token with id "
                         "\"00000000-0000-0000-0000-000000000000\""))
        << unknown;
    EXPECT_TRUE(Contains(unknown.err, "404")) << unknown;
  }
};

TEST_F(RestTokensTest, CreatesListsAndRevokesOnClustered) {
  EmulatorProcess emulator;
  RunLifecycle(emulator, WriteConfig(PlainProfile(emulator)));
}

TEST_F(RestTokensTest, CreatesListsAndRevokesOnDedicated) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "acct-1";
  EmulatorProcess emulator(options);
  RestProfile profile = PlainProfile(emulator);
  profile.product = "dedicated";
  profile.account_id = "acct-1";
  RunLifecycle(emulator, WriteConfig(profile));
  EXPECT_EQ(ParseArray(Run(WriteConfig(profile), {"management", "list", "--format", "json"}).out)
                ->getObject(0)
                ->getValue<std::string>("account_id"),
            "acct-1");
}

TEST_F(RestTokensTest, EachCreateCarriesItsOwnRandomIdempotencyKey) {
  EmulatorProcess emulator;
  const std::string config = WriteConfig(PlainProfile(emulator));
  for (int i = 0; i < 3; ++i) {
    RunResult created = Run(config, {"management", "create"});
    ASSERT_EQ(created.exit_code, 0) << created;
  }

  // Random (version 4) UUIDs, one per create.
  const std::regex uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  Poco::JSON::Array::Ptr requests = ReceivedRequests(emulator);
  ASSERT_EQ(requests->size(), 3u);
  std::set<std::string> keys;
  for (std::size_t i = 0; i < requests->size(); ++i) {
    std::string key = requests->getObject(i)->getValue<std::string>("idempotency_key");
    EXPECT_TRUE(std::regex_match(key, uuid_v4)) << key;
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), 3u);
}

TEST_F(RestTokensTest, CreatesOverTlsWithTheTableFormat) {
  EmulatorProcess emulator(TlsEmulator());
  RunResult created = Run(WriteConfig(TlsProfile(emulator)), {"management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const std::string secret = TokenFromTable(created.out);
  EXPECT_EQ(secret.rfind("M.V1.", 0), 0u) << created;
  // No description and no expiry: an empty body, not zero values.
  auto request = ReceivedRequests(emulator)->getObject(0);
  EXPECT_EQ(request->getValue<std::string>("body"), "{}");
}

TEST_F(RestTokensTest, DescriptionsRoundTripThroughJson) {
  EmulatorProcess emulator;
  const std::string config = WriteConfig(PlainProfile(emulator));
  const std::string description = "say \"hi\" \\ back: 数据库 🚀";
  RunResult created =
      Run(config, {"management", "create", "--description", description, "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_EQ(ParseObject(created.out)->getValue<std::string>("description"), description);
  RunResult listed = Run(config, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(ParseArray(listed.out)->getObject(0)->getValue<std::string>("description"),
            description);
}

TEST_F(RestTokensTest, AnEmptyListIsAnEmptyArray) {
  EmulatorProcess emulator;
  RunResult listed =
      Run(WriteConfig(PlainProfile(emulator)), {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(listed.out, "[]\n");
}

TEST_F(RestTokensTest, DedicatedWithoutAnAccountIsAUsageErrorAndSendsNothing) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "acct-1";
  EmulatorProcess emulator(options);
  RestProfile profile = PlainProfile(emulator);
  profile.product = "dedicated";
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 2) << listed;
  EXPECT_TRUE(Contains(listed.err, "account_id")) << listed;
  EXPECT_TRUE(Contains(listed.err, "--account")) << listed;
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 0u);
}

TEST_F(RestTokensTest, AccountFlagOverridesTheProfile) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "acct-2";
  EmulatorProcess emulator(options);
  RestProfile profile = PlainProfile(emulator);
  profile.product = "dedicated";
  profile.account_id = "acct-1";
  const std::string config = WriteConfig(profile);

  RunResult wrong = Run(config, {"management", "list"});
  EXPECT_EQ(wrong.exit_code, 1) << wrong;
  EXPECT_TRUE(Contains(wrong.err, "404")) << wrong;
  EXPECT_TRUE(Contains(wrong.err, "account_id")) << wrong;

  RunResult right =
      Run(config, {"--account", "acct-2", "management", "create", "--format", "json"});
  ASSERT_EQ(right.exit_code, 0) << right;
  EXPECT_EQ(ParseObject(right.out)->getValue<std::string>("account_id"), "acct-2");
}

TEST_F(RestTokensTest, AMissingHostIsAUsageErrorNamingHost) {
  RestProfile profile;
  profile.host = "";
  profile.port = 443;
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 2) << listed;
  EXPECT_TRUE(Contains(listed.err, "host")) << listed;
}

TEST_F(RestTokensTest, SeveralRevokesGoOnAfterAFailure) {
  EmulatorProcess emulator;
  const std::string config = WriteConfig(PlainProfile(emulator));
  RunResult created = Run(config, {"management", "create", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const std::string id = ParseObject(created.out)->getValue<std::string>("id");

  RunResult revoked = Run(config, {"management", "revoke", "--force", "no-such-id", id});
  EXPECT_EQ(revoked.exit_code, 1) << revoked;
  EXPECT_TRUE(Contains(revoked.err, "no-such-id")) << revoked;
  EXPECT_TRUE(Contains(revoked.out, id)) << revoked;
  auto tokens = StoredTokens(emulator);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_FALSE(tokens->getObject(0)->isNull("revoked_at"));
}

}  // namespace
}  // namespace influxctl::testing
