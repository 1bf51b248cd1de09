// SPDX-License-Identifier: Apache-2.0
//
// The journal: one parseable JSON line per call with what was asked and how
// it ended, whole lines even when written from several threads, and never a
// secret.

#include <thread>

#include "mock_harness.hpp"

namespace influxctl::mock_test {
namespace {

using boost::property_tree::ptree;
using ::testing::HasSubstr;
using ::testing::Not;

class MockJournalTest : public MockTest {
 protected:
  Settings Journaled(Settings settings = DefaultSettings()) {
    settings.Set("journal", journal_path().string());
    settings.Set("now", std::string("2030-01-01T00:00:00Z"));
    return settings;
  }
  std::filesystem::path journal_path() const { return dir_ / "journal.jsonl"; }

  std::vector<ptree> Lines() {
    std::vector<ptree> parsed;
    for (const std::string& line : ReadLines(journal_path())) {
      parsed.push_back(ParseJson(line));
    }
    return parsed;
  }
};

TEST_F(MockJournalTest, RecordsEveryCallWithItsOutcome) {
  auto instance = Make(Journaled());
  CreateRequest request;
  request.description = "journaled \"quoted\"";
  request.expires_at = ParseRfc3339("2031-02-03T04:05:06Z").value();
  request.idempotency_key = "key-7";
  CreatedToken created = instance->transport->Create(request).value();
  ASSERT_TRUE(instance->transport->Create(request).ok());  // replayed
  ASSERT_TRUE(instance->transport->Create({}).ok());
  ASSERT_TRUE(instance->transport->List().ok());
  ASSERT_TRUE(instance->transport->Revoke(created.token.id).ok());
  ASSERT_FALSE(instance->transport->Revoke("missing").ok());

  std::vector<ptree> lines = Lines();
  ASSERT_EQ(lines.size(), 6u);

  EXPECT_EQ(lines[0].get<std::string>("call"), "create");
  EXPECT_EQ(lines[0].get<std::string>("description"), "journaled \"quoted\"");
  EXPECT_EQ(lines[0].get<std::string>("expires_at"), "2031-02-03T04:05:06Z");
  EXPECT_EQ(lines[0].get<std::string>("idempotency_key"), "key-7");
  EXPECT_EQ(lines[0].get<std::string>("token_id"), created.token.id);
  EXPECT_EQ(lines[0].get<std::string>("outcome"), "ok");
  EXPECT_EQ(lines[0].get<std::string>("at"), "2030-01-01T00:00:00Z");
  EXPECT_EQ(lines[0].count("replayed"), 0u);
  EXPECT_EQ(lines[0].count("error"), 0u);

  EXPECT_EQ(lines[1].get<std::string>("token_id"), created.token.id);
  EXPECT_EQ(lines[1].get<std::string>("replayed"), "true");

  // Unset request fields are left out rather than written empty.
  EXPECT_EQ(lines[2].get<std::string>("call"), "create");
  EXPECT_EQ(lines[2].count("description"), 0u);
  EXPECT_EQ(lines[2].count("expires_at"), 0u);
  EXPECT_EQ(lines[2].count("idempotency_key"), 0u);

  EXPECT_EQ(lines[3].get<std::string>("call"), "list");
  EXPECT_EQ(lines[3].get<int>("token_count"), 2);
  EXPECT_EQ(lines[3].get<std::string>("outcome"), "ok");

  EXPECT_EQ(lines[4].get<std::string>("call"), "revoke");
  EXPECT_EQ(lines[4].get<std::string>("token_id"), created.token.id);
  EXPECT_EQ(lines[4].get<std::string>("outcome"), "ok");

  EXPECT_EQ(lines[5].get<std::string>("token_id"), "missing");
  EXPECT_EQ(lines[5].get<std::string>("outcome"), "error");
  EXPECT_EQ(lines[5].get<std::string>("error_kind"), "server");
  EXPECT_THAT(lines[5].get<std::string>("error"), HasSubstr("not found (404)"));
}

TEST_F(MockJournalTest, RecordsInjectedFailures) {
  Settings settings = Journaled();
  settings.Set("fail_call", std::string("create"));
  settings.Set("fail_kind", std::string("transport"));
  auto instance = Make(settings);
  CreateRequest request;
  request.description = "doomed";
  ASSERT_FALSE(instance->transport->Create(request).ok());

  std::vector<ptree> lines = Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].get<std::string>("description"), "doomed");
  EXPECT_EQ(lines[0].count("token_id"), 0u);
  EXPECT_EQ(lines[0].get<std::string>("outcome"), "error");
  EXPECT_EQ(lines[0].get<std::string>("error_kind"), "transport");
  EXPECT_EQ(lines[0].get<std::string>("error"), "injected failure");
}

TEST_F(MockJournalTest, NeverHoldsTheSecret) {
  auto instance = Make(Journaled());
  std::vector<std::string> secrets;
  for (int i = 0; i < 20; ++i) {
    CreateRequest request;
    request.idempotency_key = "key-" + std::to_string(i % 5);
    secrets.push_back(instance->transport->Create(request).value().secret.Reveal());
  }
  const std::string text = ReadFile(journal_path());
  ASSERT_FALSE(text.empty());
  for (const std::string& secret : secrets) {
    EXPECT_THAT(text, Not(HasSubstr(secret.substr(0, 12))));
  }
  EXPECT_THAT(text, Not(HasSubstr("M.V1.")));
}

TEST_F(MockJournalTest, AppendsToAnExistingJournal) {
  WriteFile(journal_path(), "{\"call\": \"earlier\"}\n");
  auto instance = Make(Journaled());
  ASSERT_TRUE(instance->transport->List().ok());
  std::vector<ptree> lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].get<std::string>("call"), "earlier");
  EXPECT_EQ(lines[1].get<std::string>("call"), "list");
}

TEST_F(MockJournalTest, ParallelWritersNeverInterleaveLines) {
  constexpr int kThreads = 8;
  constexpr int kCallsEach = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this] {
      auto instance = MakeInstance(Journaled()).value();
      for (int i = 0; i < kCallsEach; ++i) {
        CreateRequest request;
        // Long lines make a torn write likelier to show.
        request.description = std::string(2000, 'a' + static_cast<char>(i % 26));
        ASSERT_TRUE(instance->transport->Create(request).ok());
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  std::vector<std::string> lines = ReadLines(journal_path());
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kCallsEach));
  for (const std::string& line : lines) {
    ptree parsed = ParseJson(line);
    const std::string description = parsed.get<std::string>("description");
    EXPECT_EQ(description, std::string(2000, description[0]));
  }
}

}  // namespace
}  // namespace influxctl::mock_test
