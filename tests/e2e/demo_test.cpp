// SPDX-License-Identifier: Apache-2.0
//
// configs/demo.toml as its comments tell a new user to run it: the default
// profile prints influxctl 2.11's table (or JSON), and the stateful profile
// keeps tokens across runs so create, list and revoke see each other. The
// stateful runs use a copy of the file, so its state folder is the test's own.

#include <algorithm>
#include <filesystem>
#include <regex>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

constexpr std::string_view kWarnings =
    "warn\tplease copy the token and store in a safe place\n"
    "warn\tthis is the *only time* you will see the token\n";

const std::regex kTokenLine(R"(M\.V1\.[A-Za-z0-9+/]{20,})");
const std::regex kUuid(R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

class DemoTest : public E2eTest {
 protected:
  // configs/demo.toml copied to <dir>/configs/. Its stateful profile names a
  // state file relative to the file's folder; a sibling .demo-state folder is
  // made too, in case that path climbs one level.
  std::string CopyOfDemo() {
    std::filesystem::create_directories(Path("configs"));
    std::filesystem::create_directories(Path(".demo-state"));
    std::filesystem::copy_file(SourcePath("configs/demo.toml"), Path("configs/demo.toml"));
    return Path("configs/demo.toml").string();
  }

  // Whether the run wrote a file (the mock's state) into the test folder.
  bool StateKeptBesideTheCopy() const {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir())) {
      if (entry.is_regular_file() && entry.path().filename() != "demo.toml" &&
          entry.path().extension() != ".lock") {
        return true;
      }
    }
    return false;
  }
};

TEST_F(DemoTest, TableShowsTheTokenAloneOnTheLastLine) {
  RunResult run = Run({"--config", SourcePath("configs/demo.toml"), "management", "create",
                       "--description", "my first token"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, kWarnings);
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_EQ(lines.size(), 7u) << run;
  const std::string rule = lines[0];
  EXPECT_TRUE(std::regex_match(rule, std::regex(R"(\+-+\+-+\+)"))) << rule;
  EXPECT_EQ(lines[5], rule);
  EXPECT_TRUE(lines[1].starts_with("|          id | ")) << lines[1];
  EXPECT_TRUE(std::regex_search(lines[1], kUuid)) << lines[1];
  EXPECT_TRUE(lines[2].starts_with("| description | my first token ")) << lines[2];
  // Unset times are empty cells, never the epoch.
  EXPECT_TRUE(std::regex_match(lines[3], std::regex(R"(\|  expires at \| +\|)"))) << lines[3];
  EXPECT_TRUE(std::regex_match(lines[4], std::regex(R"(\|  revoked at \| +\|)"))) << lines[4];
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(lines[i].size(), rule.size()) << "line " << i << " is not aligned: " << lines[i];
  }
  EXPECT_TRUE(std::regex_match(lines[6], kTokenLine)) << lines[6];
  // Not a terminal: no colour or other escape sequences anywhere.
  EXPECT_EQ((run.out + run.err).find('\x1b'), std::string::npos) << run;
}

TEST_F(DemoTest, JsonHasTheDocumentedKeysInOrderWithTheTokenLast) {
  RunResult run =
      Run({"--config", SourcePath("configs/demo.toml"), "management", "create", "--description",
           "ci", "--expires-at", "2031-01-01T00:00:00Z", "--format", "json"});

  ASSERT_EQ(run.exit_code, 0) << run;
  Poco::JSON::Object::Ptr token = ParseObject(run.out);
  // The documented order, minus revoked_at (unset, so left out).
  std::vector<std::string> expected = {"id",         "account_id",  "token_prefix", "expires_at",
                                       "created_at", "description", "created_by",   "token"};
  EXPECT_EQ(KeysOf(token), expected) << run.out;
  EXPECT_TRUE(std::regex_match(token->getValue<std::string>("id"), kUuid));
  EXPECT_EQ(token->getValue<std::string>("description"), "ci");
  EXPECT_EQ(token->getObject("expires_at")->getValue<std::int64_t>("seconds"), 1924992000);
  EXPECT_FALSE(token->getObject("expires_at")->has("nanos")) << "zero nanos must be left out";
  const std::string secret = token->getValue<std::string>("token");
  EXPECT_TRUE(std::regex_match(secret, kTokenLine)) << secret;
  EXPECT_TRUE(secret.starts_with(token->getValue<std::string>("token_prefix")));
  EXPECT_FALSE(ContainsPartOf(run.err, secret)) << run;
}

TEST_F(DemoTest, StatefulProfileCreatesListsAndRevokes) {
  const std::string config = CopyOfDemo();
  auto demo = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config, "--profile", "stateful"});
    return Run(args);
  };

  RunResult created = demo({"management", "create", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  Poco::JSON::Object::Ptr token = ParseObject(created.out);
  const std::string id = token->getValue<std::string>("id");
  const std::string secret = token->getValue<std::string>("token");
  // The profile's preset: its description and a 30-day expiry.
  EXPECT_EQ(token->getValue<std::string>("description"), "demo token");
  ASSERT_TRUE(token->has("expires_at")) << created.out;
  EXPECT_TRUE(StateKeptBesideTheCopy()) << "the state file is not in the test's folder";

  RunResult listed = demo({"management", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_NE(listed.out.find(id), std::string::npos) << listed;
  EXPECT_NE(listed.out.find("demo token"), std::string::npos) << listed;
  EXPECT_FALSE(ContainsPartOf(listed.out + listed.err, secret)) << listed;

  RunResult listed_json = demo({"management", "list", "--format", "json"});
  ASSERT_EQ(listed_json.exit_code, 0) << listed_json;
  EXPECT_FALSE(ContainsPartOf(listed_json.out, secret)) << listed_json;
  Poco::JSON::Array::Ptr before = ParseArray(listed_json.out);
  ASSERT_EQ(before->size(), 1u);
  EXPECT_FALSE(before->getObject(0)->has("revoked_at"));
  EXPECT_FALSE(before->getObject(0)->has("token"));

  RunResult revoked = demo({"management", "revoke", "--force", id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked;
  EXPECT_NE(revoked.out.find(id), std::string::npos) << revoked;

  RunResult after = demo({"management", "list", "--format", "json"});
  ASSERT_EQ(after.exit_code, 0) << after;
  Poco::JSON::Array::Ptr tokens = ParseArray(after.out);
  ASSERT_EQ(tokens->size(), 1u) << after.out;
  EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("id"), id);
  ASSERT_TRUE(tokens->getObject(0)->has("revoked_at")) << after.out;
  std::vector<std::string> keys = {"id",         "account_id", "token_prefix", "expires_at",
                                   "revoked_at", "created_at", "description",  "created_by"};
  EXPECT_EQ(KeysOf(tokens->getObject(0)), keys) << after.out;
  EXPECT_GT(tokens->getObject(0)->getObject("revoked_at")->getValue<std::int64_t>("seconds"), 0);

  RunResult table = demo({"management", "list"});
  ASSERT_EQ(table.exit_code, 0) << table;
  std::vector<std::string> rows = Lines(table.out);
  ASSERT_EQ(rows.size(), 5u) << table;
  EXPECT_TRUE(rows[1].starts_with("| ID ")) << rows[1];
  for (const char* column : {"DESCRIPTION", "PREFIX", "CREATED AT", "EXPIRES AT", "REVOKED AT"}) {
    EXPECT_NE(rows[1].find(column), std::string::npos) << column;
  }
  // The revoked-at cell holds a second-precision UTC time.
  EXPECT_TRUE(std::regex_search(rows[3], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \|$)")))
      << rows[3];
}

}  // namespace
}  // namespace influxctl::e2e
