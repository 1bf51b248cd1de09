// SPDX-License-Identifier: Apache-2.0
//
// The mock transport as a test harness drives it, one influxctl process per
// step: its state file carries tokens across runs, its seed makes ids and
// tokens repeatable, its fault settings fail calls on purpose, its latency
// slows every call down, and its journal records each call without the secret.

#include <chrono>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class MockTest : public E2eTest {
 protected:
  // create --format json through `config`, returning the parsed token.
  Poco::JSON::Object::Ptr CreateJson(const std::filesystem::path& config,
                                     std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"management", "create", "--format", "json"};
    args.insert(args.end(), flags.begin(), flags.end());
    RunResult run = RunWithConfig(config, args);
    EXPECT_EQ(run.exit_code, 0) << run;
    return run.exit_code == 0 ? ParseObject(run.out) : nullptr;
  }

  // A config with an in-memory mock (no state file), seeded.
  std::filesystem::path SeededConfig(std::string_view name, int seed) {
    return WriteFile(name,
                     "[[profile]]\nname = \"default\"\n\n[profile.transport]\n"
                     "plugin = \"mock\"\nseed = " +
                         std::to_string(seed) + "\n");
  }
};

TEST_F(MockTest, StateCarriesTokensAcrossRuns) {
  auto config = WriteMockConfig();

  Poco::JSON::Object::Ptr first = CreateJson(config, {"--description", "first"});
  Poco::JSON::Object::Ptr second = CreateJson(config, {"--description", "second"});
  ASSERT_TRUE(first && second);
  const std::string first_id = first->getValue<std::string>("id");
  const std::string second_id = second->getValue<std::string>("id");
  EXPECT_NE(first_id, second_id);

  RunResult listed = RunWithConfig(config, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  Poco::JSON::Array::Ptr tokens = ParseArray(listed.out);
  ASSERT_EQ(tokens->size(), 2u) << listed;
  EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("id"), first_id);
  EXPECT_EQ(tokens->getObject(1)->getValue<std::string>("id"), second_id);

  RunResult revoked = RunWithConfig(config, {"management", "revoke", "--force", first_id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked;

  std::vector<StoredToken> stored = MockTokens();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_TRUE(stored[0].revoked);
  EXPECT_FALSE(stored[1].revoked);

  // Revoking again is the server's 409, reported and counted as a failure.
  RunResult again = RunWithConfig(config, {"management", "revoke", "--force", first_id});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_NE(again.err.find("already revoked"), std::string::npos) << again;
}

TEST_F(MockTest, AnEmptyListIsAnEmptyArray) {
  auto config = WriteMockConfig();

  RunResult run = RunWithConfig(config, {"management", "list", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.out, "[]\n");
}

TEST_F(MockTest, TheSameSeedGivesTheSameFirstToken) {
  Poco::JSON::Object::Ptr a = CreateJson(SeededConfig("a.toml", 1234));
  Poco::JSON::Object::Ptr b = CreateJson(SeededConfig("b.toml", 1234));
  ASSERT_TRUE(a && b);

  EXPECT_EQ(a->getValue<std::string>("id"), b->getValue<std::string>("id"));
  EXPECT_EQ(a->getValue<std::string>("token"), b->getValue<std::string>("token"));
}

TEST_F(MockTest, ADifferentSeedGivesADifferentToken) {
  Poco::JSON::Object::Ptr a = CreateJson(SeededConfig("a.toml", 1234));
  Poco::JSON::Object::Ptr b = CreateJson(SeededConfig("b.toml", 1235));
  ASSERT_TRUE(a && b);

  EXPECT_NE(a->getValue<std::string>("id"), b->getValue<std::string>("id"));
  EXPECT_NE(a->getValue<std::string>("token"), b->getValue<std::string>("token"));
}

TEST_F(MockTest, AnInjectedTransportFailureExitsOne) {
  auto config = WriteMockConfig(R"(fail_call = "create"
fail_kind = "transport"
fail_message = "connection reset by the test")");

  RunResult run = RunWithConfig(config, {"management", "create", "--description", "x"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("connection reset by the test"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  std::vector<Poco::JSON::Object::Ptr> journal = JournalLines();
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_EQ(journal[0]->getValue<std::string>("outcome"), "error");
  EXPECT_EQ(journal[0]->getValue<std::string>("error_kind"), "transport");
}

TEST_F(MockTest, AnInjectedServerFailureOnListExitsOne) {
  auto config = WriteMockConfig(R"(fail_call = "list"
fail_message = "the cluster said no")");

  RunResult run = RunWithConfig(config, {"management", "list"});

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("the cluster said no"), std::string::npos) << run;
}

TEST_F(MockTest, FailAfterLetsTheFirstCallsThroughAcrossRuns) {
  auto config = WriteMockConfig(R"(fail_call = "create"
fail_after = 1
fail_message = "second create refused")");

  RunResult first = RunWithConfig(config, {"management", "create"});
  RunResult second = RunWithConfig(config, {"management", "create"});

  EXPECT_EQ(first.exit_code, 0) << first;
  EXPECT_EQ(second.exit_code, 1) << second;
  EXPECT_NE(second.err.find("second create refused"), std::string::npos) << second;
  EXPECT_EQ(MockTokens().size(), 1u);
}

TEST_F(MockTest, AnUnknownFaultCallIsAConfigError) {
  auto config = WriteMockConfig(R"(fail_call = "delete")");

  RunResult run = RunWithConfig(config, {"management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("fail_call"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"delete\""), std::string::npos) << run;
  EXPECT_EQ(JournalCalls("create"), 0);
}

TEST_F(MockTest, LatencySlowsEveryCallDown) {
  auto config = WriteMockConfig(R"(latency = "300ms")");

  const auto start = std::chrono::steady_clock::now();
  RunResult run = RunWithConfig(config, {"management", "list"});
  const auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
}

TEST_F(MockTest, TheJournalRecordsEachCallButNeverTheSecret) {
  auto config = WriteMockConfig();

  Poco::JSON::Object::Ptr token =
      CreateJson(config, {"--description", "journalled", "--expires-at", "2031-01-01T00:00:00Z"});
  ASSERT_TRUE(token);
  const std::string id = token->getValue<std::string>("id");
  ASSERT_EQ(RunWithConfig(config, {"management", "list"}).exit_code, 0);
  ASSERT_EQ(RunWithConfig(config, {"management", "revoke", "--force", id}).exit_code, 0);

  std::vector<Poco::JSON::Object::Ptr> journal = JournalLines();
  ASSERT_EQ(journal.size(), 3u);
  EXPECT_EQ(journal[0]->getValue<std::string>("call"), "create");
  EXPECT_EQ(journal[0]->getValue<std::string>("description"), "journalled");
  EXPECT_EQ(journal[0]->getValue<std::string>("expires_at"), "2031-01-01T00:00:00Z");
  EXPECT_EQ(journal[0]->getValue<std::string>("token_id"), id);
  EXPECT_EQ(journal[0]->getValue<std::string>("outcome"), "ok");
  EXPECT_FALSE(journal[0]->getValue<std::string>("idempotency_key").empty());
  EXPECT_EQ(journal[1]->getValue<std::string>("call"), "list");
  EXPECT_EQ(journal[1]->getValue<int>("token_count"), 1);
  EXPECT_EQ(journal[2]->getValue<std::string>("call"), "revoke");
  EXPECT_EQ(journal[2]->getValue<std::string>("token_id"), id);

  const std::string secret = token->getValue<std::string>("token");
  EXPECT_FALSE(ContainsPartOf(ReadFile(Path("journal.jsonl")), secret));
  EXPECT_FALSE(ContainsPartOf(ReadFile(Path("state.json")), secret));
}

TEST_F(MockTest, TheAccountFlagStampsNewTokens) {
  auto config = WriteMockConfig();

  Poco::JSON::Object::Ptr token = CreateJson(config, {"--account", "acct-from-flag"});

  ASSERT_TRUE(token);
  EXPECT_EQ(token->getValue<std::string>("account_id"), "acct-from-flag");
}

}  // namespace
}  // namespace influxctl::e2e
