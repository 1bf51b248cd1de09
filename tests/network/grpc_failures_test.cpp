// SPDX-License-Identifier: Apache-2.0
//
// How the gRPC transport fails, end to end against the emulator's scripted
// faults: a rejected credential; UNAVAILABLE retried to success with exactly
// one token minted; an answer lost after the work was done, recovered by the
// idempotency key; INTERNAL not retried; a slow server and a silent one cut
// off at --timeout; nothing listening. Exit status 1 for all of them.

#include <gmock/gmock.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;
using ::testing::Not;

// Generous for a loaded CI machine; the point is "not the 1m0s default".
constexpr milliseconds kMargin{1'500};

class GrpcFailuresTest : public GrpcNetworkTest {
 protected:
  ProfileSpec Spec(const EmulatorProcess& emulator) const {
    ProfileSpec spec;
    spec.port = emulator.grpc_port();
    return spec;
  }
};

TEST_F(GrpcFailuresTest, RejectedCredentialNamesItsSourceButNotItsValue) {
  EmulatorProcess emulator(Emulator());
  ProfileSpec spec = Spec(emulator);
  spec.credential = "not-the-accepted-credential-81c4";

  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("rejected the management token from mgmt_token of profile"));
  EXPECT_THAT(run.err, Not(HasSubstr(spec.credential)));

  // From the environment, the message says so.
  RunResult from_env = Run(Spec(emulator), {"management", "list"},
                           {{"INFLUXCTL_MGMT_TOKEN", "also-not-accepted-credential-2d9e"}});
  EXPECT_EQ(from_env.exit_code, 1) << from_env;
  EXPECT_THAT(from_env.err, HasSubstr("INFLUXCTL_MGMT_TOKEN"));
  EXPECT_THAT(from_env.err, Not(HasSubstr("also-not-accepted-credential-2d9e")));
}

TEST_F(GrpcFailuresTest, RetriesUnavailableAndMintsExactlyOneToken) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"fail_next": 2, "fail_status": 503, "protocol": "grpc"})");

  RunResult run = Run(Spec(emulator), {"--debug", "management", "create", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(Minted(emulator), 1);
  EXPECT_THAT(run.err, HasSubstr("retry 2 of 3"));

  // Three attempts, one idempotency key.
  auto creates = GrpcRequests(emulator, "CreateManagementToken");
  ASSERT_EQ(creates.size(), 3u);
  std::string key = creates[0]->getValue<std::string>("idempotency_key");
  EXPECT_FALSE(key.empty());
  for (const auto& create : creates) {
    EXPECT_EQ(create->getValue<std::string>("idempotency_key"), key);
  }
  EXPECT_EQ(ParseObject(run.out)->getValue<std::string>("id"), ParseObject(emulator.Tokens())
                                                                   ->getArray("tokens")
                                                                   ->getObject(0)
                                                                   ->getValue<std::string>("id"));
}

TEST_F(GrpcFailuresTest, GivesUpOnUnavailableAfterTheConfiguredRetries) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"fail_next": 10, "fail_status": 503, "protocol": "grpc"})");
  ProfileSpec spec = Spec(emulator);
  spec.transport = "retries = 1\nretry_delay = \"50ms\"\n";

  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("unavailable"));
  EXPECT_THAT(run.err, HasSubstr("after 1 retry"));
  EXPECT_EQ(GrpcRequests(emulator, "ListManagementTokens").size(), 2u);
}

TEST_F(GrpcFailuresTest, RecoversACreateWhoseAnswerWasLost) {
  // The emulator mints, then cancels the call: the retry's idempotency key
  // brings back the same token and its secret instead of minting another.
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"close_next": 1, "protocol": "grpc"})");

  Poco::JSON::Object::Ptr created = CreateJson(Spec(emulator), {"--description", "lost once"});
  ASSERT_FALSE(created.isNull());
  EXPECT_EQ(Minted(emulator), 1);
  EXPECT_EQ(GrpcRequests(emulator, "CreateManagementToken").size(), 2u);
  EXPECT_EQ(created->getValue<std::string>("token").rfind("M.V1.", 0), 0u);
}

TEST_F(GrpcFailuresTest, RecoversARevokeWhoseAnswerWasLost) {
  EmulatorProcess emulator(Emulator());
  Poco::JSON::Object::Ptr created = CreateJson(Spec(emulator));
  ASSERT_FALSE(created.isNull());
  const std::string id = created->getValue<std::string>("id");

  // Revoked, answer lost, asked again: "already revoked" is that first success.
  emulator.SetFaults(R"({"close_next": 1, "protocol": "grpc"})");
  RunResult run = Run(Spec(emulator), {"management", "revoke", "--force", id});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(GrpcRequests(emulator, "RevokeManagementToken").size(), 2u);
}

TEST_F(GrpcFailuresTest, DoesNotRetryInternal) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"fail_next": 1, "fail_status": 500, "protocol": "grpc"})");

  RunResult run = Run(Spec(emulator), {"management", "create"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("INTERNAL"));
  EXPECT_THAT(run.err, HasSubstr("injected fault"));
  EXPECT_EQ(GrpcRequests(emulator, "CreateManagementToken").size(), 1u);
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_TRUE(run.out.empty()) << run;
}

TEST_F(GrpcFailuresTest, RetriesResourceExhausted) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"fail_next": 1, "fail_status": 429, "protocol": "grpc"})");
  RunResult run = Run(Spec(emulator), {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(GrpcRequests(emulator, "ListManagementTokens").size(), 2u);
}

TEST_F(GrpcFailuresTest, ASlowServerIsCutOffAtTheTimeout) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"delay_ms": 5000, "protocol": "grpc"})");

  RunResult run;
  milliseconds took = Timed([&] {
    run = Run(Spec(emulator), {"--timeout", "1s", "management", "create"});
  });
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_LT(took, milliseconds(1'000) + kMargin) << run;
  EXPECT_THAT(run.err, HasSubstr("--timeout 1s"));
  EXPECT_THAT(run.err, HasSubstr("raise"));
  // The server may have minted after the client gave up; the user is told to look.
  EXPECT_THAT(run.err, HasSubstr("management list"));
}

TEST_F(GrpcFailuresTest, ASilentServerIsCutOffAtTheTimeout) {
  // A socket that completes TCP handshakes and then never says a word.
  int silent = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ASSERT_EQ(::bind(silent, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(::listen(silent, 16), 0);
  ASSERT_EQ(::getsockname(silent, reinterpret_cast<sockaddr*>(&address), &size), 0);
  ProfileSpec spec;
  spec.port = ntohs(address.sin_port);

  RunResult run;
  milliseconds took = Timed([&] {
    run = Run(spec, {"--timeout", "1500ms", "management", "list"});
  });
  ::close(silent);
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_LT(took, milliseconds(1'500) + kMargin) << run;
  EXPECT_THAT(run.err, HasSubstr("--timeout 1.5s"));
}

TEST_F(GrpcFailuresTest, NothingListeningIsReportedAsCannotConnect) {
  ProfileSpec spec;
  spec.port = FreeLoopbackPort();

  RunResult run;
  milliseconds took = Timed([&] { run = Run(spec, {"management", "list"}); });
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("cannot connect to localhost:" + std::to_string(spec.port)));
  EXPECT_THAT(run.err, HasSubstr("Connection refused"));
  // Three quick retries, not the default one-minute deadline.
  EXPECT_LT(took, milliseconds(5'000)) << run;
}

}  // namespace
}  // namespace influxctl::grpc_network
