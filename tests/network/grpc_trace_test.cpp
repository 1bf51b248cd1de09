// SPDX-License-Identifier: Apache-2.0
//
// What --trace and --debug show of the gRPC transport's calls, end to end:
// each call's method, request fields, metadata, status and response fields,
// with the bearer credential and the new token's secret shown only as
// [redacted], on stderr only, at every level.

#include <gmock/gmock.h>

#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class GrpcTraceTest : public GrpcNetworkTest {};

TEST_F(GrpcTraceTest, ShowsEachCallWithoutAnySecret) {
  EmulatorProcess emulator(Emulator());
  ProfileSpec spec;
  spec.port = emulator.grpc_port();

  RunResult create =
      Run(spec, {"--trace", "management", "create", "--format", "json", "--description", "traced"});
  ASSERT_EQ(create.exit_code, 0) << create;
  const std::string secret = ParseObject(create.out)->getValue<std::string>("token");
  const std::string id = ParseObject(create.out)->getValue<std::string>("id");

  EXPECT_THAT(create.err, HasSubstr("/influxctl.management.v1.ManagementTokens/"
                                    "CreateManagementToken"));
  EXPECT_THAT(create.err, HasSubstr("authorization: Bearer [redacted]"));
  EXPECT_THAT(create.err, HasSubstr("description: \"traced\""));
  EXPECT_THAT(create.err, HasSubstr("idempotency_key: "));
  EXPECT_THAT(create.err, HasSubstr("status OK"));
  EXPECT_THAT(create.err, HasSubstr("id: \"" + id + "\""));
  EXPECT_THAT(create.err, HasSubstr("access_token: \"[redacted]\""));
  EXPECT_THAT(create.err, Not(HasSubstr(secret)));
  EXPECT_THAT(create.err, Not(HasSubstr(kCredential)));

  // The secret is on stdout once, and nowhere in a list's trace.
  RunResult list = Run(spec, {"--trace", "management", "list"});
  ASSERT_EQ(list.exit_code, 0) << list;
  EXPECT_THAT(list.err, HasSubstr("ListManagementTokens"));
  EXPECT_THAT(list.err, HasSubstr("token_prefix"));
  EXPECT_THAT(list.err + list.out, Not(HasSubstr(secret)));
  EXPECT_THAT(list.err, Not(HasSubstr(kCredential)));

  RunResult revoke = Run(spec, {"--trace", "management", "revoke", "--force", id});
  ASSERT_EQ(revoke.exit_code, 0) << revoke;
  EXPECT_THAT(revoke.err, HasSubstr("token_id: \"" + id + "\""));
  EXPECT_THAT(revoke.err, HasSubstr("revoked_at"));
  EXPECT_THAT(revoke.err, Not(HasSubstr(kCredential)));
}

TEST_F(GrpcTraceTest, FailuresAndRetriesKeepTheCredentialOut) {
  EmulatorProcess emulator(Emulator());
  emulator.SetFaults(R"({"fail_next": 1, "fail_status": 503, "protocol": "grpc"})");
  ProfileSpec spec;
  spec.port = emulator.grpc_port();

  RunResult run = Run(spec, {"--trace", "management", "create"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.err, HasSubstr("status UNAVAILABLE"));
  EXPECT_THAT(run.err, HasSubstr("retry 1 of 3"));
  EXPECT_THAT(run.err, HasSubstr("CreateManagementToken #2"));
  EXPECT_THAT(run.err, Not(HasSubstr(kCredential)));

  // Without --trace or --debug, a success prints no log lines but the
  // create command's own warnings.
  RunResult quiet = Run(spec, {"management", "list"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet;
  EXPECT_TRUE(quiet.err.empty()) << quiet;
}

}  // namespace
}  // namespace influxctl::grpc_network
