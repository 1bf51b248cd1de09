// SPDX-License-Identifier: Apache-2.0
//
// The emulator's gRPC contract, spoken with the generated stub: create, list
// and revoke, authentication, idempotency, and the status codes the gRPC
// transport is tested against. Both protocols share one token store.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "emulator/emulator_process.hpp"
#include "emulator/http_call.hpp"
#include "management.grpc.pb.h"

namespace influxctl::testing {
namespace {

namespace v1 = influxctl::management::v1;

std::unique_ptr<v1::ManagementTokens::Stub> Stub(const EmulatorProcess& emulator) {
  return v1::ManagementTokens::NewStub(
      grpc::CreateChannel(emulator.grpc_target(false), grpc::InsecureChannelCredentials()));
}

// A client context with the bearer credential and a 10 s deadline.
std::unique_ptr<grpc::ClientContext> Context(const std::string& token = "test-token") {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) {
    context->AddMetadata("authorization", "Bearer " + token);
  }
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

int Minted(const EmulatorProcess& emulator) {
  return Poco::JSON::Parser()
      .parse(emulator.Tokens())
      .extract<Poco::JSON::Object::Ptr>()
      ->getValue<int>("minted");
}

TEST(EmulatorGrpc, CreatesListsAndRevokes) {
  EmulatorProcess emulator;
  auto stub = Stub(emulator);

  v1::CreateManagementTokenRequest create;
  create.set_description("nightly ci");
  create.mutable_expires_at()->set_seconds(4'070'908'800);  // 2099-01-01
  v1::CreateManagementTokenResponse created;
  grpc::Status status = stub->CreateManagementToken(Context().get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.access_token().rfind("M.V1.", 0), 0u);
  EXPECT_EQ(created.token().token_prefix(), created.access_token().substr(0, 9));
  EXPECT_EQ(created.token().description(), "nightly ci");
  EXPECT_EQ(created.token().expires_at().seconds(), 4'070'908'800);
  EXPECT_FALSE(created.token().has_revoked_at());
  EXPECT_TRUE(created.token().has_created_at());

  v1::ListManagementTokensResponse listed;
  status = stub->ListManagementTokens(Context().get(), {}, &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(listed.tokens_size(), 1);
  EXPECT_EQ(listed.tokens(0).id(), created.token().id());

  v1::RevokeManagementTokenRequest revoke;
  revoke.set_token_id(created.token().id());
  v1::RevokeManagementTokenResponse revoked;
  status = stub->RevokeManagementToken(Context().get(), revoke, &revoked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(revoked.token().has_revoked_at());

  status = stub->RevokeManagementToken(Context().get(), revoke, &revoked);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  revoke.set_token_id("00000000-0000-4000-8000-000000000000");
  status = stub->RevokeManagementToken(Context().get(), revoke, &revoked);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST(EmulatorGrpc, RefusesMissingOrWrongCredentials) {
  EmulatorProcess emulator;
  auto stub = Stub(emulator);
  v1::ListManagementTokensResponse listed;
  EXPECT_EQ(stub->ListManagementTokens(Context("").get(), {}, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub->ListManagementTokens(Context("wrong").get(), {}, &listed).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  v1::CreateManagementTokenResponse created;
  EXPECT_EQ(stub->CreateManagementToken(Context("wrong").get(), {}, &created).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Minted(emulator), 0);
}

TEST(EmulatorGrpc, IdempotencyKeyReplaysTheFirstToken) {
  EmulatorProcess emulator;
  auto stub = Stub(emulator);
  v1::CreateManagementTokenRequest create;
  create.set_description("once");
  create.set_idempotency_key("key-1");
  v1::CreateManagementTokenResponse first;
  v1::CreateManagementTokenResponse second;
  ASSERT_TRUE(stub->CreateManagementToken(Context().get(), create, &first).ok());
  ASSERT_TRUE(stub->CreateManagementToken(Context().get(), create, &second).ok());
  EXPECT_EQ(first.access_token(), second.access_token());
  EXPECT_EQ(first.token().id(), second.token().id());

  create.set_description("twice");
  EXPECT_EQ(stub->CreateManagementToken(Context().get(), create, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Minted(emulator), 1);
}

TEST(EmulatorGrpc, RefusesAnExpiryInThePast) {
  EmulatorProcess emulator;
  auto stub = Stub(emulator);
  v1::CreateManagementTokenRequest create;
  create.mutable_expires_at()->set_seconds(1'000'000'000);
  v1::CreateManagementTokenResponse created;
  EXPECT_EQ(stub->CreateManagementToken(Context().get(), create, &created).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(EmulatorGrpc, DedicatedChecksTheAccount) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "acct-1";
  EmulatorProcess emulator(options);
  auto stub = Stub(emulator);

  v1::CreateManagementTokenRequest create;
  create.set_account_id("acct-2");
  v1::CreateManagementTokenResponse created;
  EXPECT_EQ(stub->CreateManagementToken(Context().get(), create, &created).error_code(),
            grpc::StatusCode::NOT_FOUND);
  create.set_account_id("acct-1");
  ASSERT_TRUE(stub->CreateManagementToken(Context().get(), create, &created).ok());
  EXPECT_EQ(created.token().account_id(), "acct-1");
}

TEST(EmulatorGrpc, SharesTheStoreWithRest) {
  EmulatorProcess emulator;
  auto stub = Stub(emulator);
  v1::CreateManagementTokenResponse created;
  ASSERT_TRUE(stub->CreateManagementToken(Context().get(), {}, &created).ok());

  const HttpReply listed = HttpCall("GET", emulator.rest_base(false) + "/management-tokens",
                                    {{"Authorization", "Bearer test-token"}});
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find(created.token().id()), std::string::npos);
  EXPECT_EQ(listed.body.find(created.access_token()), std::string::npos);
}

}  // namespace
}  // namespace influxctl::testing
