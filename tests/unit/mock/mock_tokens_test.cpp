// SPDX-License-Identifier: Apache-2.0
//
// The mock's descriptor and the tokens it mints: deterministic per seed,
// shaped like real ones, stamped with the metadata a create asked for, and
// never written to the log.

#include <chrono>
#include <limits>
#include <set>

#include "mock_harness.hpp"

namespace influxctl::mock_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Settings Seeded(std::int64_t seed) {
  Settings settings = DefaultSettings();
  settings.Set("seed", seed);
  return settings;
}

std::vector<CreatedToken> CreateMany(Transport& transport, int count) {
  std::vector<CreatedToken> created;
  for (int i = 0; i < count; ++i) {
    Result<CreatedToken> token = transport.Create(CreateRequest{});
    EXPECT_TRUE(token.ok()) << token.error().message();
    if (token.ok()) {
      created.push_back(std::move(token).value());
    }
  }
  return created;
}

TEST(MockDescriptorTest, DeclaresATransportWithDocumentedSettings) {
  const PluginDescriptor& descriptor = MockDescriptor();
  EXPECT_EQ(descriptor.api_version, kPluginApiVersion);
  EXPECT_EQ(descriptor.kind, PluginKind::kTransport);
  EXPECT_EQ(descriptor.name, "mock");
  EXPECT_FALSE(descriptor.version.empty());
  EXPECT_FALSE(descriptor.summary.empty());
  EXPECT_NE(descriptor.make_transport, nullptr);
  EXPECT_EQ(descriptor.make_output, nullptr);

  std::set<std::string_view> keys;
  for (const SettingSpec& spec : descriptor.settings) {
    EXPECT_FALSE(spec.help.empty()) << spec.key;
    EXPECT_FALSE(spec.required) << spec.key << ": a mock must work with an empty table";
    keys.insert(spec.key);
  }
  EXPECT_EQ(keys, (std::set<std::string_view>{"seed", "state_file", "account_id", "created_by",
                                              "now", "fail_call", "fail_kind", "fail_message",
                                              "fail_after", "latency", "journal"}));
}

TEST(MockDescriptorTest, SchemaDefaultsParseAndStartAnInstance) {
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(DefaultSettings());
  ASSERT_TRUE(made.ok()) << made.error().message();
  EXPECT_EQ(made.value()->transport->Endpoint(), "mock (in memory)");
}

TEST(MockTokensTest, SameSeedAndFreshStateGiveTheSameTokens) {
  auto first = MakeInstance(Seeded(42)).value();
  auto second = MakeInstance(Seeded(42)).value();
  std::vector<CreatedToken> a = CreateMany(*first->transport, 5);
  std::vector<CreatedToken> b = CreateMany(*second->transport, 5);
  ASSERT_EQ(a.size(), 5u);
  ASSERT_EQ(b.size(), 5u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].token.id, b[i].token.id);
    EXPECT_EQ(a[i].secret.Reveal(), b[i].secret.Reveal());
    EXPECT_EQ(a[i].token.token_prefix, b[i].token.token_prefix);
  }
  // Within one run every create gets a new token.
  EXPECT_NE(a[0].token.id, a[1].token.id);
  EXPECT_NE(a[0].secret.Reveal(), a[1].secret.Reveal());
}

TEST(MockTokensTest, DifferentSeedsGiveDifferentTokens) {
  auto one = MakeInstance(Seeded(1)).value();
  auto two = MakeInstance(Seeded(2)).value();
  CreatedToken a = one->transport->Create({}).value();
  CreatedToken b = two->transport->Create({}).value();
  EXPECT_NE(a.token.id, b.token.id);
  EXPECT_NE(a.secret.Reveal(), b.secret.Reveal());
}

TEST(MockTokensTest, NegativeAndLargeSeedsWork) {
  auto negative = MakeInstance(Seeded(-1)).value();
  auto large = MakeInstance(Seeded(std::numeric_limits<std::int64_t>::max())).value();
  EXPECT_TRUE(negative->transport->Create({}).ok());
  EXPECT_TRUE(large->transport->Create({}).ok());
}

// "M.V1." and 86 characters of the standard base64 alphabet.
bool LooksLikeAToken(const std::string& secret) {
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  return secret.size() == 91 && secret.starts_with("M.V1.") &&
         secret.find_first_not_of(kAlphabet, 5) == std::string::npos;
}

// 8-4-4-4-12 lowercase hex, version 4, RFC 4122 variant.
bool LooksLikeAUuid(const std::string& id) {
  if (id.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-'
             : std::string_view("0123456789abcdef").find(id[i]) == std::string_view::npos) {
      return false;
    }
  }
  return id[14] == '4' && std::string_view("89ab").find(id[19]) != std::string_view::npos;
}

TEST(MockTokensTest, TokensAndIdsLookReal) {
  auto instance = MakeInstance(DefaultSettings()).value();
  for (const CreatedToken& created : CreateMany(*instance->transport, 200)) {
    EXPECT_TRUE(LooksLikeAToken(created.secret.Reveal())) << created.token.id;
    EXPECT_TRUE(LooksLikeAUuid(created.token.id)) << created.token.id;
    EXPECT_EQ(created.token.token_prefix, created.secret.Reveal().substr(0, 9));
  }
}

TEST(MockTokensTest, ManyCreatesNeverRepeatAnIdOrSecret) {
  auto instance = MakeInstance(DefaultSettings(), {}, false).value();
  std::set<std::string> ids;
  std::set<std::string> secrets;
  for (int i = 0; i < 20'000; ++i) {
    CreatedToken created = instance->transport->Create({}).value();
    ids.insert(created.token.id);
    secrets.insert(created.secret.Reveal());
  }
  EXPECT_EQ(ids.size(), 20'000u);
  EXPECT_EQ(secrets.size(), 20'000u);
}

TEST(MockTokensTest, CreateStampsTheRequestAndTheConfiguredMetadata) {
  Settings settings = DefaultSettings();
  settings.Set("now", std::string("2030-05-06T07:08:09.5Z"));
  auto instance = MakeInstance(settings).value();

  CreateRequest request;
  request.description = "nightly ci";
  request.expires_at = Timestamp{1'900'000'000, 0};
  CreatedToken created = instance->transport->Create(request).value();
  EXPECT_EQ(created.token.description, "nightly ci");
  EXPECT_EQ(created.token.expires_at, request.expires_at);
  EXPECT_EQ(created.token.created_at, ParseRfc3339("2030-05-06T07:08:09.5Z").value());
  EXPECT_EQ(created.token.created_by, "mock");
  EXPECT_EQ(created.token.account_id, "mock-account");
  EXPECT_FALSE(created.token.revoked_at.has_value());

  // No description and no expiry stay unset.
  CreatedToken bare = instance->transport->Create({}).value();
  EXPECT_EQ(bare.token.description, "");
  EXPECT_FALSE(bare.token.expires_at.has_value());
}

TEST(MockTokensTest, RealClockIsUsedWhenNowIsUnset) {
  auto instance = MakeInstance(DefaultSettings()).value();
  const Timestamp before = Timestamp::Now();
  CreatedToken created = instance->transport->Create({}).value();
  const Timestamp after = Timestamp::Now();
  ASSERT_TRUE(created.token.created_at.has_value());
  EXPECT_LE(before, *created.token.created_at);
  EXPECT_LE(*created.token.created_at, after);
}

TEST(MockTokensTest, AccountIdComesFromSettingThenConnectionThenFallback) {
  Connection connection;
  connection.account_id = "acct-from-profile";
  auto from_profile = MakeInstance(DefaultSettings(), connection).value();
  EXPECT_EQ(from_profile->transport->Create({}).value().token.account_id, "acct-from-profile");

  Settings settings = DefaultSettings();
  settings.Set("account_id", std::string("acct-from-setting"));
  settings.Set("created_by", std::string("harness"));
  auto from_setting = MakeInstance(settings, connection).value();
  ManagementToken token = from_setting->transport->Create({}).value().token;
  EXPECT_EQ(token.account_id, "acct-from-setting");
  EXPECT_EQ(token.created_by, "harness");
}

TEST(MockTokensTest, ListReturnsMetadataInCreationOrder) {
  auto instance = MakeInstance(DefaultSettings()).value();
  EXPECT_TRUE(instance->transport->List().value().empty());
  std::vector<CreatedToken> created = CreateMany(*instance->transport, 3);
  std::vector<ManagementToken> listed = instance->transport->List().value();
  ASSERT_EQ(listed.size(), 3u);
  for (std::size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(listed[i].id, created[i].token.id);
    EXPECT_EQ(listed[i].token_prefix, created[i].token.token_prefix);
    EXPECT_EQ(listed[i].created_at, created[i].token.created_at);
  }
}

TEST(MockTokensTest, IdempotencyKeyReplaysTheSameTokenAndSecret) {
  auto instance = MakeInstance(DefaultSettings()).value();
  CreateRequest request;
  request.description = "retry me";
  request.idempotency_key = "key-1";
  CreatedToken first = instance->transport->Create(request).value();
  CreatedToken again = instance->transport->Create(request).value();
  EXPECT_EQ(first.token.id, again.token.id);
  EXPECT_EQ(first.secret.Reveal(), again.secret.Reveal());
  EXPECT_EQ(instance->transport->List().value().size(), 1u);

  // Another key mints another token.
  request.idempotency_key = "key-2";
  EXPECT_NE(instance->transport->Create(request).value().token.id, first.token.id);
  EXPECT_EQ(instance->transport->List().value().size(), 2u);
}

TEST(MockTokensTest, IdempotencyKeyReusedForADifferentRequestIsRefused) {
  auto instance = MakeInstance(DefaultSettings()).value();
  CreateRequest request;
  request.description = "first";
  request.idempotency_key = "key-1";
  ASSERT_TRUE(instance->transport->Create(request).ok());
  request.description = "second";
  Result<CreatedToken> refused = instance->transport->Create(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind(), ErrorKind::kServer);
  EXPECT_THAT(refused.error().message(), HasSubstr("\"key-1\""));
  EXPECT_THAT(refused.error().message(), HasSubstr("(422)"));
  EXPECT_EQ(instance->transport->List().value().size(), 1u);
}

TEST(MockTokensTest, RevokeSetsRevokedAtOnce) {
  Settings settings = DefaultSettings();
  settings.Set("now", std::string("2030-01-01T00:00:00Z"));
  auto instance = MakeInstance(settings).value();
  CreatedToken created = instance->transport->Create({}).value();

  ASSERT_TRUE(instance->transport->Revoke(created.token.id).ok());
  std::vector<ManagementToken> listed = instance->transport->List().value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].revoked_at, (Timestamp{1'893'456'000, 0}));

  Status twice = instance->transport->Revoke(created.token.id);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind(), ErrorKind::kServer);
  EXPECT_THAT(twice.error().message(), HasSubstr("already revoked"));
  EXPECT_THAT(twice.error().message(), HasSubstr("2030-01-01T00:00:00Z"));
}

TEST(MockTokensTest, RevokeOfAnUnknownIdIsNotFound) {
  auto instance = MakeInstance(DefaultSettings()).value();
  Status missing = instance->transport->Revoke("no-such-id");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kServer);
  EXPECT_THAT(missing.error().message(), HasSubstr("token \"no-such-id\" not found (404)"));
}

TEST(MockTokensTest, LogsIdsButNeverTheSecret) {
  auto instance = MakeInstance(DefaultSettings()).value();
  CreateRequest request;
  request.description = "logged";
  request.idempotency_key = "key-1";
  CreatedToken created = instance->transport->Create(request).value();
  CreatedToken replayed = instance->transport->Create(request).value();
  ASSERT_TRUE(instance->transport->List().ok());
  ASSERT_TRUE(instance->transport->Revoke(created.token.id).ok());

  const std::string log = instance->log.all();
  EXPECT_THAT(log, HasSubstr(created.token.id));
  EXPECT_THAT(log, HasSubstr(Secret::kRedacted));
  EXPECT_THAT(log, Not(HasSubstr(created.secret.Reveal())));
  // Not even a longer slice than the prefix a list shows.
  EXPECT_THAT(log, Not(HasSubstr(created.secret.Reveal().substr(0, 12))));
}

}  // namespace
}  // namespace influxctl::mock_test
