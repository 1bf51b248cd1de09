// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport's token calls end to end, as a user runs them: the built
// influxctl against the emulator's gRPC service on loopback (plaintext here;
// TLS has its own file), for Clustered and Cloud Dedicated. Create, list
// (the new token is there and no secret is shown), revoke, revoke again, an
// unknown id, and what travels on the wire for unset fields.

#include <gmock/gmock.h>

#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class GrpcTokensTest : public GrpcNetworkTest, public ::testing::WithParamInterface<std::string> {
 protected:
  ProfileSpec Spec(const EmulatorProcess& emulator) const {
    ProfileSpec spec;
    spec.product = GetParam();
    spec.port = emulator.grpc_port();
    if (GetParam() == "dedicated") {
      spec.account_id = kAccount;
    }
    return spec;
  }
};

Poco::JSON::Object::Ptr FindToken(const Poco::JSON::Array::Ptr& tokens, const std::string& id) {
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    Poco::JSON::Object::Ptr token = tokens->getObject(static_cast<unsigned>(i));
    if (token->getValue<std::string>("id") == id) {
      return token;
    }
  }
  return nullptr;
}

TEST_P(GrpcTokensTest, CreatesListsAndRevokes) {
  EmulatorProcess emulator(Emulator(GetParam()));
  ProfileSpec spec = Spec(emulator);

  // Create: the token and its secret come back once.
  Poco::JSON::Object::Ptr created =
      CreateJson(spec, {"--description", "nightly ci", "--expires-at", "2099-01-01T00:00:00Z"});
  ASSERT_FALSE(created.isNull());
  const std::string id = created->getValue<std::string>("id");
  const std::string secret = created->getValue<std::string>("token");
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(secret.rfind("M.V1.", 0), 0u);
  EXPECT_EQ(created->getValue<std::string>("description"), "nightly ci");
  EXPECT_EQ(created->getObject("expires_at")->getValue<std::int64_t>("seconds"), 4'070'908'800);
  if (GetParam() == "dedicated") {
    EXPECT_EQ(created->getValue<std::string>("account_id"), kAccount);
  }

  // List: the token is there, active, and no secret is printed.
  RunResult listed = Run(spec, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  Poco::JSON::Object::Ptr token = FindToken(ParseArray(listed.out), id);
  ASSERT_FALSE(token.isNull()) << listed;
  EXPECT_FALSE(token->has("revoked_at"));
  EXPECT_FALSE(token->has("token"));
  EXPECT_THAT(listed.out, Not(HasSubstr(secret)));
  RunResult table = Run(spec, {"management", "list"});
  ASSERT_EQ(table.exit_code, 0) << table;
  EXPECT_THAT(table.out, HasSubstr(id));
  EXPECT_THAT(table.out, Not(HasSubstr(secret)));

  // Revoke: the list then shows it revoked.
  RunResult revoked = Run(spec, {"management", "revoke", "--force", id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked;
  EXPECT_THAT(revoked.out, HasSubstr(id));
  listed = Run(spec, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  token = FindToken(ParseArray(listed.out), id);
  ASSERT_FALSE(token.isNull()) << listed;
  EXPECT_TRUE(token->has("revoked_at")) << listed;

  // Revoking it again is a server error that names the token.
  RunResult again = Run(spec, {"management", "revoke", "--force", id});
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_THAT(again.err, HasSubstr(id));
  EXPECT_THAT(again.err, HasSubstr("revoked"));

  // An id the cluster never issued: not found, named.
  const std::string unknown = "00000000-0000-4000-8000-000000000000";
  RunResult missing = Run(spec, {"management", "revoke", "--force", unknown});
  EXPECT_EQ(missing.exit_code, 1) << missing;
  EXPECT_THAT(missing.err, HasSubstr("token " + unknown + " not found"));
}

TEST_P(GrpcTokensTest, LeavesUnsetFieldsOffTheWire) {
  EmulatorProcess emulator(Emulator(GetParam()));
  ProfileSpec spec = Spec(emulator);

  Poco::JSON::Object::Ptr created = CreateJson(spec);
  ASSERT_FALSE(created.isNull());
  EXPECT_FALSE(created->has("expires_at"));
  EXPECT_FALSE(created->has("description"));

  // The request as the emulator received it: no description, no expiry, and
  // the idempotency key the engine made.
  auto creates = GrpcRequests(emulator, "CreateManagementToken");
  ASSERT_EQ(creates.size(), 1u);
  Poco::JSON::Object::Ptr body = ParseObject(creates[0]->getValue<std::string>("body"));
  EXPECT_FALSE(body->has("description")) << creates[0]->getValue<std::string>("body");
  EXPECT_FALSE(body->has("expiresAt")) << creates[0]->getValue<std::string>("body");
  EXPECT_FALSE(creates[0]->getValue<std::string>("idempotency_key").empty());
  EXPECT_TRUE(creates[0]->getValue<bool>("authorization_present"));
}

TEST_P(GrpcTokensTest, ListsNothingAsAnEmptyArray) {
  EmulatorProcess emulator(Emulator(GetParam()));
  RunResult listed = Run(Spec(emulator), {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(ParseArray(listed.out)->size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Products,
                         GrpcTokensTest,
                         ::testing::Values("clustered", "dedicated"),
                         [](const auto& info) { return info.param; });

class GrpcDedicatedTest : public GrpcNetworkTest {};

TEST_F(GrpcDedicatedTest, NeedsAnAccountBeforeSendingAnything) {
  EmulatorProcess emulator(Emulator("dedicated"));
  ProfileSpec spec;
  spec.product = "dedicated";
  spec.port = emulator.grpc_port();

  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_THAT(run.err, HasSubstr("account_id"));
  EXPECT_THAT(run.err, HasSubstr("--account"));
  EXPECT_TRUE(GrpcRequests(emulator, "ListManagementTokens").empty());

  // --account supplies it; the request carries it.
  run = Run(spec, {"--account", kAccount, "management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;
  auto lists = GrpcRequests(emulator, "ListManagementTokens");
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_THAT(lists[0]->getValue<std::string>("body"), HasSubstr(kAccount));
}

TEST_F(GrpcDedicatedTest, AnotherAccountIsNotFound) {
  EmulatorProcess emulator(Emulator("dedicated"));
  ProfileSpec spec;
  spec.product = "dedicated";
  spec.port = emulator.grpc_port();
  spec.account_id = "11111111-1111-4111-8111-111111111111";

  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("account_id"));
}

}  // namespace
}  // namespace influxctl::grpc_network
