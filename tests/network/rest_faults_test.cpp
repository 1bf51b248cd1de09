// SPDX-License-Identifier: Apache-2.0
//
// How the REST transport behaves when things go wrong, end to end against the
// emulator's scripted faults: a rejected credential, answers that are retried
// (503, 429: one token minted however many tries) and one that is not (500),
// a server slower than --timeout, a connection closed or an answer cut short
// after the server acted, and a port nobody listens on.

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;
using std::chrono::milliseconds;

class RestFaultsTest : public RestNetworkTest {};

TEST_F(RestFaultsTest, AWrongCredentialSaysWhereItCameFrom) {
  EmulatorProcess emulator;
  RestProfile profile = PlainProfile(emulator);
  profile.mgmt_token = "wrong-token";
  const std::string config = WriteConfig(profile);
  RunResult created = Run(config, {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "rejected the credential")) << created;
  EXPECT_TRUE(Contains(created.err, "401")) << created;
  EXPECT_TRUE(Contains(created.err, "mgmt_token of profile \"default\" in " + config)) << created;
  EXPECT_FALSE(Contains(created.err, "wrong-token")) << created;
  EXPECT_EQ(Minted(emulator), 0);

  // The environment variable wins over the profile, and the message follows it.
  env_["INFLUXCTL_MGMT_TOKEN"] = "another-wrong-token";
  RunResult listed = Run(config, {"management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "INFLUXCTL_MGMT_TOKEN")) << listed;
}

TEST_F(RestFaultsTest, A503IsRetriedWithTheSameKeyAndMintsOneToken) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 2, "fail_status": 503})");
  RunResult created = Run(WriteConfig(PlainProfile(emulator)), {"--debug", "management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_TRUE(Contains(created.err, "retry 1 of 3")) << created;
  EXPECT_TRUE(Contains(created.err, "retry 2 of 3")) << created;
  EXPECT_EQ(Minted(emulator), 1);

  auto requests = ReceivedRequests(emulator);
  ASSERT_EQ(requests->size(), 3u);
  const std::string key = requests->getObject(0)->getValue<std::string>("idempotency_key");
  EXPECT_FALSE(key.empty());
  for (std::size_t i = 0; i < requests->size(); ++i) {
    EXPECT_EQ(requests->getObject(i)->getValue<std::string>("idempotency_key"), key);
  }
}

TEST_F(RestFaultsTest, RetriesStopAtTheConfiguredNumber) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 10, "fail_status": 429})");
  RestProfile profile = PlainProfile(emulator);
  profile.transport = "retries = 2\nretry_delay = \"10ms\"\n";
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "429")) << listed;
  EXPECT_TRUE(Contains(listed.err, "after 2 retries")) << listed;
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 3u);
}

TEST_F(RestFaultsTest, A500IsNotRetried) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 1, "fail_status": 500})");
  RunResult created = Run(WriteConfig(PlainProfile(emulator)), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "HTTP 500")) << created;
  EXPECT_TRUE(created.out.empty()) << created;
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 1u);
  EXPECT_EQ(Minted(emulator), 0);
}

TEST_F(RestFaultsTest, ASlowServerFailsWithinTheTimeout) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"delay_ms": 5000})");
  milliseconds took{};
  RunResult created = TimedRun(WriteConfig(PlainProfile(emulator)),
                               {"--timeout", "1s", "management", "create"}, took);
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "within the 1s timeout")) << created;
  EXPECT_TRUE(Contains(created.err, "may have created the token anyway")) << created;
  EXPECT_GE(took, milliseconds(1000));
  EXPECT_LT(took, milliseconds(2500)) << created;
}

TEST_F(RestFaultsTest, ASlowTlsServerFailsWithinTheTimeout) {
  EmulatorProcess emulator(TlsEmulator());
  emulator.SetFaults(R"({"delay_ms": 5000})");
  milliseconds took{};
  RunResult listed = TimedRun(WriteConfig(TlsProfile(emulator)),
                              {"--timeout", "700ms", "management", "list"}, took);
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "timeout")) << listed;
  EXPECT_LT(took, milliseconds(2200)) << listed;
}

TEST_F(RestFaultsTest, AClosedConnectionIsATransportErrorThatWarnsOfAToken) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"close_next": 1})");
  RunResult created = Run(WriteConfig(PlainProfile(emulator)), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "closed the connection without answering")) << created;
  EXPECT_TRUE(Contains(created.err, "management list")) << created;
  EXPECT_TRUE(created.out.empty()) << created;
  // Not retried: the server had acted on it.
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 1u);
}

TEST_F(RestFaultsTest, ATruncatedAnswerIsAnErrorAndLeaksNothing) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"truncate_next": 1})");
  RunResult created = Run(WriteConfig(PlainProfile(emulator)), {"--trace", "management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "cut short")) << created;
  EXPECT_TRUE(created.out.empty()) << created;
  auto tokens = StoredTokens(emulator);
  ASSERT_EQ(tokens->size(), 1u);
  // The half answer may hold part of the secret: "M.V1." may show only as the
  // public prefix, and an accessToken only redacted.
  const std::string prefix = tokens->getObject(0)->getValue<std::string>("token_prefix");
  EXPECT_EQ(Count(created.err, "M.V1."), Count(created.err, "\"tokenPrefix\":\"" + prefix + "\""))
      << created;
  EXPECT_EQ(Count(created.err, "\"accessToken\":\""),
            Count(created.err, "\"accessToken\":\"[redacted]"))
      << created;
}

TEST_F(RestFaultsTest, ATruncatedListIsAnError) {
  EmulatorProcess emulator;
  const std::string config = WriteConfig(PlainProfile(emulator));
  ASSERT_EQ(Run(config, {"management", "create"}).exit_code, 0);
  emulator.SetFaults(R"({"truncate_next": 1})");
  RunResult listed = Run(config, {"management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "cut short")) << listed;
  EXPECT_TRUE(listed.out.empty()) << listed;
}

TEST_F(RestFaultsTest, ARefusedConnectionNamesHostAndPort) {
  const int port = UnusedPort();
  RestProfile profile;
  profile.port = port;
  profile.tls = "disable = true\n";
  profile.transport = "retries = 2\nretry_delay = \"10ms\"\n";
  RunResult listed = Run(WriteConfig(profile), {"--debug", "management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(
      Contains(listed.err, "connection to 127.0.0.1:" + std::to_string(port) + " was refused"))
      << listed;
  EXPECT_TRUE(Contains(listed.err, "retry 2 of 2")) << listed;
}

TEST_F(RestFaultsTest, NoRetryOutlastsTheTimeout) {
  const int port = UnusedPort();
  RestProfile profile;
  profile.port = port;
  profile.tls = "disable = true\n";
  profile.transport = "retries = 50\nretry_delay = \"100ms\"\nretry_max_delay = \"1s\"\n";
  milliseconds took{};
  RunResult listed =
      TimedRun(WriteConfig(profile), {"--timeout", "1s", "management", "list"}, took);
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "refused")) << listed;
  EXPECT_LT(took, milliseconds(2000)) << listed;
}

}  // namespace
}  // namespace influxctl::testing
