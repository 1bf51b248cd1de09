// SPDX-License-Identifier: Apache-2.0
//
// Fault injection through the admin API and the command line: failures
// answer before the call, close and truncate lose the answer after the call
// was carried out, delays hold every call, and faults count management calls
// of the targeted protocol only. Also what the admin API shows: the request
// log without credentials or secrets.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>

#include "emulator/emulator_process.hpp"
#include "emulator/http_call.hpp"
#include "management.grpc.pb.h"

namespace influxctl::testing {
namespace {

namespace v1 = influxctl::management::v1;
using Poco::JSON::Object;

const std::pair<std::string, std::string> kAuth{"Authorization", "Bearer test-token"};

Object::Ptr ParseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

HttpReply Post(const EmulatorProcess& emulator, const std::string& body = "{}") {
  return HttpCall("POST", emulator.rest_base(false) + "/management-tokens", {kAuth}, body);
}

int Minted(const EmulatorProcess& emulator) {
  return ParseObject(emulator.Tokens())->getValue<int>("minted");
}

grpc::Status GrpcCreate(const EmulatorProcess& emulator,
                        v1::CreateManagementTokenResponse* response = nullptr) {
  auto stub = v1::ManagementTokens::NewStub(
      grpc::CreateChannel(emulator.grpc_target(false), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer test-token");
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::CreateManagementTokenResponse ignored;
  return stub->CreateManagementToken(&context, {}, response ? response : &ignored);
}

TEST(EmulatorFaults, FailNextAnswersTheStatusAndMintsNothing) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 2, "fail_status": 503})");

  for (int i = 0; i < 2; ++i) {
    const HttpReply failed = Post(emulator);
    EXPECT_EQ(failed.status, 503);
    EXPECT_EQ(ParseObject(failed.body)->getValue<int>("code"), 503);
  }
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_EQ(Post(emulator).status, 201);
  EXPECT_EQ(Minted(emulator), 1);
}

TEST(EmulatorFaults, AdminCallsDoNotConsumeFaults) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 1})");
  emulator.Tokens();
  emulator.Requests();
  EXPECT_EQ(ParseObject(emulator.Admin("GET", "/_emulator/faults"))->getValue<int>("fail_next"), 1);
  EXPECT_EQ(Post(emulator).status, 500);
}

TEST(EmulatorFaults, CommandLineFaultsApplyFromTheStart) {
  EmulatorOptions options;
  options.extra_args = {"--fail-next", "1", "--fail-status", "429"};
  EmulatorProcess emulator(options);
  EXPECT_EQ(Post(emulator).status, 429);
  EXPECT_EQ(Post(emulator).status, 201);
}

TEST(EmulatorFaults, CloseCarriesOutTheCallAndDropsTheAnswer) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"close_next": 1})");
  const HttpReply closed = Post(emulator);
  EXPECT_EQ(closed.status, 0);
  EXPECT_FALSE(closed.error.empty());
  EXPECT_EQ(Minted(emulator), 1);
  EXPECT_EQ(Post(emulator).status, 201);
}

TEST(EmulatorFaults, RetryWithTheIdempotencyKeyAfterAClosedConnection) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"close_next": 1})");
  const std::vector<std::pair<std::string, std::string>> headers{kAuth,
                                                                 {"Idempotency-Key", "retry-1"}};
  const std::string url = emulator.rest_base(false) + "/management-tokens";
  EXPECT_EQ(HttpCall("POST", url, headers, "{}").status, 0);
  const HttpReply retried = HttpCall("POST", url, headers, "{}");
  EXPECT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(Minted(emulator), 1);
}

TEST(EmulatorFaults, TruncateSendsLessThanContentLength) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"truncate_next": 1})");
  const HttpReply truncated = Post(emulator);
  EXPECT_EQ(truncated.status, 201);
  EXPECT_NE(truncated.error.find("truncated"), std::string::npos) << truncated.error;
  EXPECT_THROW(ParseObject(truncated.body), Poco::Exception);
  EXPECT_EQ(Minted(emulator), 1);
}

TEST(EmulatorFaults, DelayHoldsEveryCall) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"delay_ms": 300})");
  for (int i = 0; i < 2; ++i) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(Post(emulator).status, 201);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  }
  emulator.SetFaults(R"({"delay_ms": 0})");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Post(emulator).status, 201);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST(EmulatorFaults, DelayFlagTakesAGoDuration) {
  EmulatorOptions options;
  options.extra_args = {"--delay", "0.2s"};
  EmulatorProcess emulator(options);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Post(emulator).status, 201);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(EmulatorFaults, DelayLongerThanTheClientDeadline) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"delay_ms": 2000})");
  HttpRequestSpec spec;
  spec.method = "POST";
  spec.url = emulator.rest_base(false) + "/management-tokens";
  spec.headers = {kAuth};
  spec.body = "{}";
  spec.timeout_seconds = 1;
  EXPECT_FALSE(HttpCall(spec).error.empty());
}

TEST(EmulatorFaults, GrpcFailMapsTheHttpStatus) {
  EmulatorProcess emulator;
  for (const auto& [http, code] :
       {std::pair{500, grpc::StatusCode::INTERNAL}, std::pair{503, grpc::StatusCode::UNAVAILABLE},
        std::pair{429, grpc::StatusCode::RESOURCE_EXHAUSTED},
        std::pair{401, grpc::StatusCode::UNAUTHENTICATED},
        std::pair{404, grpc::StatusCode::NOT_FOUND}}) {
    emulator.SetFaults(R"({"fail_next": 1, "fail_status": )" + std::to_string(http) + "}");
    EXPECT_EQ(GrpcCreate(emulator).error_code(), code) << http;
  }
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_TRUE(GrpcCreate(emulator).ok());
}

TEST(EmulatorFaults, GrpcCloseCancelsAfterMinting) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"close_next": 1, "protocol": "grpc"})");
  const grpc::Status status = GrpcCreate(emulator);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();
  EXPECT_EQ(Minted(emulator), 1);
  EXPECT_TRUE(GrpcCreate(emulator).ok());
}

TEST(EmulatorFaults, ProtocolFilterSparesTheOtherProtocol) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"fail_next": 1, "truncate_next": 1, "protocol": "rest"})");
  EXPECT_TRUE(GrpcCreate(emulator).ok());
  EXPECT_EQ(Post(emulator).status, 500);
  EXPECT_NE(Post(emulator).error.find("truncated"), std::string::npos);

  emulator.SetFaults(R"({"fail_next": 1, "protocol": "grpc"})");
  EXPECT_EQ(Post(emulator).status, 201);
  EXPECT_EQ(GrpcCreate(emulator).error_code(), grpc::StatusCode::INTERNAL);
}

TEST(EmulatorFaults, GrpcIgnoresTruncation) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"truncate_next": 1})");
  EXPECT_TRUE(GrpcCreate(emulator).ok());
  EXPECT_NE(Post(emulator).error.find("truncated"), std::string::npos);
}

TEST(EmulatorFaults, AdminRefusesBadFaults) {
  EmulatorProcess emulator;
  for (const std::string body : {R"({"fail_next": -1})", R"({"fail_status": 200})",
                                 R"({"protocol": "udp"})", R"({"fail_nxt": 1})", "[]"}) {
    EXPECT_THROW(emulator.SetFaults(body), std::runtime_error) << body;
  }
  EXPECT_EQ(ParseObject(emulator.Admin("GET", "/_emulator/faults"))->getValue<int>("fail_next"), 0);
}

TEST(EmulatorFaults, ResetForgetsEverything) {
  EmulatorProcess emulator;
  ASSERT_EQ(Post(emulator).status, 201);
  emulator.SetFaults(R"({"fail_next": 5})");
  emulator.Reset();
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_EQ(ParseObject(emulator.Requests())->getArray("requests")->size(), 0u);
  EXPECT_EQ(Post(emulator).status, 201);
}

TEST(EmulatorAdmin, RequestLogNeverHoldsACredentialOrASecret) {
  EmulatorOptions options;
  options.accept_tokens = {"sekrit-credential"};
  options.extra_args = {"--verbose"};
  EmulatorProcess emulator(options);
  const std::string url = emulator.rest_base(false) + "/management-tokens";
  const HttpReply created = HttpCall(
      "POST", url, {{"Authorization", "Bearer sekrit-credential"}, {"Idempotency-Key", "k-7"}},
      R"({"description":"sekrit-credential in a label"})");
  ASSERT_EQ(created.status, 201);
  const std::string secret = ParseObject(created.body)->getValue<std::string>("accessToken");
  HttpCall("GET", url, {{"Authorization", "Bearer " + secret}});
  HttpCall("GET", url, {});

  const std::string log = emulator.Requests();
  EXPECT_EQ(log.find("sekrit-credential"), std::string::npos) << log;
  EXPECT_EQ(log.find(secret), std::string::npos) << log;
  const auto requests = ParseObject(log)->getArray("requests");
  ASSERT_EQ(requests->size(), 3u);
  const auto first = requests->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("protocol"), "rest");
  EXPECT_EQ(first->getValue<std::string>("method"), "POST");
  EXPECT_EQ(first->getValue<std::string>("target"), "/api/v0/management-tokens");
  EXPECT_TRUE(first->getValue<bool>("authorization_present"));
  EXPECT_EQ(first->getValue<std::string>("idempotency_key"), "k-7");
  EXPECT_EQ(first->getValue<std::string>("status"), "201");
  EXPECT_NE(first->getValue<std::string>("body").find("[redacted] in a label"), std::string::npos);
  EXPECT_EQ(requests->getObject(1)->getValue<std::string>("status"), "401");
  EXPECT_FALSE(requests->getObject(2)->getValue<bool>("authorization_present"));

  const std::string tokens = emulator.Tokens();
  EXPECT_EQ(tokens.find(secret), std::string::npos);
  EXPECT_EQ(emulator.exit_code_after_stop(), 0);
  const std::string err = emulator.Stderr();
  EXPECT_NE(err.find("POST /api/v0/management-tokens -> 201"), std::string::npos) << err;
  EXPECT_EQ(err.find("sekrit-credential"), std::string::npos) << err;
  EXPECT_EQ(err.find(secret), std::string::npos) << err;
}

TEST(EmulatorAdmin, RedactsACredentialThatOccursInTheMarkItself) {
  EmulatorOptions options;
  options.accept_tokens = {"e"};  // "[redacted]" contains it
  EmulatorProcess emulator(options);
  HttpRequestSpec spec;
  spec.method = "POST";
  spec.url = emulator.rest_base(false) + "/management-tokens";
  spec.headers = {{"Authorization", "Bearer e"}};
  spec.body = R"({"description":"eee"})";
  spec.timeout_seconds = 5;
  EXPECT_EQ(HttpCall(spec).status, 201);
  const auto requests = ParseObject(emulator.Requests())->getArray("requests");
  EXPECT_EQ(requests->getObject(0)->getValue<std::string>("body").find("e\""), std::string::npos);
}

TEST(EmulatorAdmin, RequestLogRecordsGrpcCalls) {
  EmulatorProcess emulator;
  v1::CreateManagementTokenResponse created;
  ASSERT_TRUE(GrpcCreate(emulator, &created).ok());
  const auto requests = ParseObject(emulator.Requests())->getArray("requests");
  ASSERT_EQ(requests->size(), 1u);
  const auto call = requests->getObject(0);
  EXPECT_EQ(call->getValue<std::string>("protocol"), "grpc");
  EXPECT_EQ(call->getValue<std::string>("target"),
            "/influxctl.management.v1.ManagementTokens/CreateManagementToken");
  EXPECT_EQ(call->getValue<std::string>("status"), "OK");
  EXPECT_TRUE(call->getValue<bool>("authorization_present"));
}

}  // namespace
}  // namespace influxctl::testing
