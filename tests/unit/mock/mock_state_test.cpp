// SPDX-License-Identifier: Apache-2.0
//
// The state file: separate instances (standing in for separate runs) see each
// other's creates and revokes, idempotency keys hold across runs, the file
// never holds a secret, and a missing folder or a corrupt file is reported
// with the setting or the file named.

#include <algorithm>

#include "mock_harness.hpp"

namespace influxctl::mock_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(MockTest, EndpointNamesTheStateFile) {
  auto instance = Make(WithStateFile());
  ASSERT_NE(instance, nullptr);
  EXPECT_EQ(instance->transport->Endpoint(),
            "mock (state: " + (dir_ / "state.json").string() + ")");
}

TEST_F(MockTest, InstancesSharingAStateFileSeeEachOther) {
  auto first = Make(WithStateFile());
  auto second = Make(WithStateFile());
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);

  CreateRequest request;
  request.description = "shared";
  request.expires_at = Timestamp{2'000'000'000, 500};
  CreatedToken created = first->transport->Create(request).value();

  std::vector<ManagementToken> seen = second->transport->List().value();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].id, created.token.id);
  EXPECT_EQ(seen[0].description, "shared");
  EXPECT_EQ(seen[0].expires_at, request.expires_at);
  EXPECT_EQ(seen[0].created_at, created.token.created_at);
  EXPECT_EQ(seen[0].token_prefix, created.token.token_prefix);
  EXPECT_EQ(seen[0].account_id, created.token.account_id);
  EXPECT_EQ(seen[0].created_by, created.token.created_by);

  ASSERT_TRUE(second->transport->Revoke(created.token.id).ok());
  std::vector<ManagementToken> after = first->transport->List().value();
  ASSERT_EQ(after.size(), 1u);
  EXPECT_TRUE(after[0].revoked_at.has_value());
  Status again = first->transport->Revoke(created.token.id);
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error().message(), HasSubstr("already revoked"));
}

TEST_F(MockTest, TokensOutliveTheInstanceThatMadeThem) {
  std::string id;
  {
    auto instance = Make(WithStateFile());
    id = instance->transport->Create({}).value().token.id;
  }
  auto later = Make(WithStateFile());
  std::vector<ManagementToken> listed = later->transport->List().value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, id);
}

TEST_F(MockTest, FreshStateFileMintsWhatMemoryMints) {
  auto in_memory = Make(DefaultSettings());
  auto on_file = Make(WithStateFile());
  for (int i = 0; i < 3; ++i) {
    CreatedToken a = in_memory->transport->Create({}).value();
    CreatedToken b = on_file->transport->Create({}).value();
    EXPECT_EQ(a.token.id, b.token.id);
    EXPECT_EQ(a.secret.Reveal(), b.secret.Reveal());
  }
}

TEST_F(MockTest, SequenceContinuesAcrossRuns) {
  auto memory = Make(DefaultSettings());
  std::vector<std::string> expected;
  for (int i = 0; i < 4; ++i) {
    expected.push_back(memory->transport->Create({}).value().token.id);
  }
  for (int run = 0; run < 4; ++run) {
    auto instance = Make(WithStateFile());
    EXPECT_EQ(instance->transport->Create({}).value().token.id, expected[run]) << run;
  }
}

TEST_F(MockTest, IdempotencyKeyHoldsAcrossRuns) {
  CreateRequest request;
  request.idempotency_key = "retry-42";
  Settings negative_seed = WithStateFile();
  negative_seed.Set("seed", std::int64_t{-5});
  auto first = Make(negative_seed);
  CreatedToken original = first->transport->Create(request).value();

  // A second run with another seed still replays: the token keeps its own seed.
  Settings reseeded = WithStateFile();
  reseeded.Set("seed", std::int64_t{99});
  auto second = Make(reseeded);
  CreatedToken replayed = second->transport->Create(request).value();
  EXPECT_EQ(replayed.token.id, original.token.id);
  EXPECT_EQ(replayed.secret.Reveal(), original.secret.Reveal());
  EXPECT_EQ(second->transport->List().value().size(), 1u);
}

TEST_F(MockTest, StateFileHoldsNoSecret) {
  auto instance = Make(WithStateFile());
  CreateRequest request;
  request.description = "quote \" and newline \n and ünïcode";
  request.idempotency_key = "k";
  CreatedToken created = instance->transport->Create(request).value();

  const std::string text = ReadFile(dir_ / "state.json");
  EXPECT_THAT(text, Not(HasSubstr(created.secret.Reveal())));
  EXPECT_THAT(text, Not(HasSubstr(created.secret.Reveal().substr(0, 12))));
  boost::property_tree::ptree tree = ParseJson(text);
  EXPECT_EQ(tree.get<std::string>("format"), "influxctl-mock-state");
  EXPECT_EQ(tree.get<int>("next_sequence"), 1);
  EXPECT_EQ(tree.get<int>("calls.create"), 1);

  // The description survives the round trip byte for byte.
  auto reader = Make(WithStateFile());
  EXPECT_EQ(reader->transport->List().value().at(0).description, *request.description);
}

TEST_F(MockTest, NoTemporaryFilesAreLeftBehind) {
  auto instance = Make(WithStateFile());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(instance->transport->Create({}).ok());
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"state.json", "state.json.lock"}));
}

TEST_F(MockTest, EmptyStateFileMeansNoTokens) {
  WriteFile(dir_ / "state.json", "");
  auto instance = Make(WithStateFile());
  ASSERT_NE(instance, nullptr);
  EXPECT_TRUE(instance->transport->List().value().empty());
}

TEST_F(MockTest, CorruptStateFileIsAConfigErrorAtStart) {
  WriteFile(dir_ / "state.json", "{ this is not json");
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr("state_file"));
  EXPECT_THAT(made.error().message(), HasSubstr((dir_ / "state.json").string()));
  EXPECT_THAT(made.error().message(), HasSubstr("delete it"));
}

TEST_F(MockTest, StateFileOfAnotherFormatIsRefused) {
  WriteFile(dir_ / "state.json", R"({"format": "something-else", "version": 1})");
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr("something-else"));
}

TEST_F(MockTest, StateThatWouldMintADuplicateIsRefused) {
  WriteFile(dir_ / "state.json", R"({"format": "influxctl-mock-state", "version": 1,
    "next_sequence": 1, "tokens": [
      {"id": "a", "seed": 1, "sequence": 0, "token_prefix": "M.V1.abcd",
       "created_at": "2030-01-01T00:00:00Z"},
      {"id": "a", "seed": 1, "sequence": 0, "token_prefix": "M.V1.abcd",
       "created_at": "2030-01-01T00:00:00Z"}]})");
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_THAT(made.error().message(), HasSubstr("tokens[1]"));

  WriteFile(dir_ / "state.json", R"({"format": "influxctl-mock-state", "version": 1,
    "next_sequence": 0, "tokens": [
      {"id": "a", "seed": 1, "sequence": 0, "token_prefix": "M.V1.abcd",
       "created_at": "2030-01-01T00:00:00Z"}]})");
  made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_THAT(made.error().message(), HasSubstr("next_sequence"));
}

TEST_F(MockTest, BadFieldIsNamedByItsPath) {
  WriteFile(dir_ / "state.json", R"({"format": "influxctl-mock-state", "version": 1,
    "next_sequence": 1, "tokens": [
      {"id": "a", "seed": 1, "sequence": 0, "token_prefix": "M.V1.abcd",
       "created_at": "yesterday"}]})");
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_THAT(made.error().message(), HasSubstr("tokens[0].created_at"));
}

TEST_F(MockTest, StateFileCorruptedBetweenCallsIsATransportError) {
  auto instance = Make(WithStateFile());
  ASSERT_TRUE(instance->transport->Create({}).ok());
  WriteFile(dir_ / "state.json", "[1, 2");

  Result<CreatedToken> created = instance->transport->Create({});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().kind(), ErrorKind::kTransport);
  EXPECT_THAT(created.error().message(), HasSubstr((dir_ / "state.json").string()));
  Result<std::vector<ManagementToken>> listed = instance->transport->List();
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().kind(), ErrorKind::kTransport);
  // The file is left for a person to look at, not overwritten.
  EXPECT_EQ(ReadFile(dir_ / "state.json"), "[1, 2");
}

TEST_F(MockTest, MissingFolderIsAConfigError) {
  Settings settings = DefaultSettings();
  settings.Set("state_file", (dir_ / "no-such-folder" / "state.json").string());
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(settings);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr("state_file"));
  EXPECT_THAT(made.error().message(), HasSubstr("does not exist"));
}

TEST_F(MockTest, StateFileThatIsAFolderIsAConfigError) {
  Settings settings = DefaultSettings();
  settings.Set("state_file", dir_.string());
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(settings);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr("is a folder"));
}

TEST_F(MockTest, UnusableLockFileIsAConfigError) {
  // A folder where the lock file should be: opening it fails even for root.
  std::filesystem::create_directory(dir_ / "state.json.lock");
  Result<std::unique_ptr<MockInstance>> made = MakeInstance(WithStateFile());
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(made.error().message(), HasSubstr("state_file"));
  EXPECT_THAT(made.error().message(), HasSubstr("state.json.lock"));
}

}  // namespace
}  // namespace influxctl::mock_test
