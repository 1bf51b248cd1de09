// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport against answers the emulator never gives, from a small
// server inside the test process whose every call is scripted: a create answer
// without its secret or id, a list with a broken timestamp, PERMISSION_DENIED,
// a server echoing the credential in its error, a server without the calls,
// and what arrives at the server (the metadata, and the deadline --timeout
// set). influxctl runs as a separate process, as a user runs it.

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <mutex>

#include "grpc_network_fixture.hpp"
#include "management.grpc.pb.h"

namespace influxctl::grpc_network {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace v1 = ::influxctl::management::v1;

// A ManagementTokens service that answers as the test says and remembers
// what the last call brought.
class ScriptedService final : public v1::ManagementTokens::Service {
 public:
  std::function<grpc::Status(v1::CreateManagementTokenResponse*)> on_create;
  std::function<grpc::Status(v1::ListManagementTokensResponse*)> on_list;

  grpc::Status CreateManagementToken(grpc::ServerContext* context,
                                     const v1::CreateManagementTokenRequest*,
                                     v1::CreateManagementTokenResponse* response) override {
    Remember(*context);
    return on_create ? on_create(response) : grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "");
  }

  grpc::Status ListManagementTokens(grpc::ServerContext* context,
                                    const v1::ListManagementTokensRequest*,
                                    v1::ListManagementTokensResponse* response) override {
    Remember(*context);
    return on_list ? on_list(response) : grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "");
  }

  std::string authorization() {
    std::lock_guard<std::mutex> lock(mutex_);
    return authorization_;
  }
  std::chrono::milliseconds deadline_left() {
    std::lock_guard<std::mutex> lock(mutex_);
    return deadline_left_;
  }

 private:
  void Remember(const grpc::ServerContext& context) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = context.client_metadata().find("authorization");
    authorization_ = found == context.client_metadata().end()
                         ? ""
                         : std::string(found->second.data(), found->second.size());
    deadline_left_ = std::chrono::duration_cast<std::chrono::milliseconds>(
        context.deadline() - std::chrono::system_clock::now());
  }

  std::mutex mutex_;
  std::string authorization_;
  std::chrono::milliseconds deadline_left_{0};
};

class GrpcMisbehavingServerTest : public GrpcNetworkTest {
 protected:
  void SetUp() override {
    GrpcNetworkTest::SetUp();
    server_ = Start(&service_, &port_);
  }

  void TearDown() override {
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    GrpcNetworkTest::TearDown();
  }

  // A plaintext server for `service` on a free loopback port.
  static std::unique_ptr<grpc::Server> Start(grpc::Service* service, int* port) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
    builder.RegisterService(service);
    return builder.BuildAndStart();
  }

  ProfileSpec Spec() const {
    ProfileSpec spec;
    spec.port = port_;
    spec.transport = "retries = 0\n";
    return spec;
  }

  ScriptedService service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

v1::ManagementToken Token(const std::string& id) {
  v1::ManagementToken token;
  token.set_id(id);
  token.set_token_prefix("M.V1.abcd");
  token.mutable_created_at()->set_seconds(1'700'000'000);
  return token;
}

TEST_F(GrpcMisbehavingServerTest, SendsTheCredentialAndTheTimeout) {
  service_.on_list = [](v1::ListManagementTokensResponse*) { return grpc::Status::OK; };
  RunResult run = Run(Spec(), {"--timeout", "7s", "management", "list"});
  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(service_.authorization(), std::string("Bearer ") + kCredential);
  EXPECT_LE(service_.deadline_left(), std::chrono::milliseconds(7'000));
  EXPECT_GT(service_.deadline_left(), std::chrono::milliseconds(5'000));
}

TEST_F(GrpcMisbehavingServerTest, ACreateAnswerWithoutTheSecretIsAnErrorThatNamesTheToken) {
  service_.on_create = [](v1::CreateManagementTokenResponse* response) {
    *response->mutable_token() = Token("half-made-token");
    return grpc::Status::OK;
  };
  RunResult run = Run(Spec(), {"management", "create"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_TRUE(run.out.empty()) << run;
  EXPECT_THAT(run.err, HasSubstr("without the token's secret"));
  EXPECT_THAT(run.err, HasSubstr("revoke --force half-made-token"));
}

TEST_F(GrpcMisbehavingServerTest, ACreateAnswerWithoutAnIdIsAnError) {
  service_.on_create = [](v1::CreateManagementTokenResponse* response) {
    response->set_access_token("M.V1.orphaned-secret-value");
    return grpc::Status::OK;
  };
  RunResult run = Run(Spec(), {"management", "create"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_TRUE(run.out.empty()) << run;
  EXPECT_THAT(run.err, HasSubstr("without a token id"));
  EXPECT_THAT(run.err, Not(HasSubstr("orphaned-secret-value")));
}

TEST_F(GrpcMisbehavingServerTest, AListWithAnImpossibleTimestampIsAnError) {
  service_.on_list = [](v1::ListManagementTokensResponse* response) {
    v1::ManagementToken* token = response->add_tokens();
    *token = Token("bad-time");
    token->mutable_expires_at()->set_nanos(2'000'000'000);
    return grpc::Status::OK;
  };
  RunResult run = Run(Spec(), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("invalid expires_at"));
}

TEST_F(GrpcMisbehavingServerTest, PermissionDeniedNamesTheCredentialsSource) {
  service_.on_list = [](v1::ListManagementTokensResponse*) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "read-only token");
  };
  RunResult run = Run(Spec(), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("is not allowed to list management tokens: read-only token"));
  EXPECT_THAT(run.err, HasSubstr("mgmt_token of profile \"default\""));
}

TEST_F(GrpcMisbehavingServerTest, ACredentialEchoedByTheServerIsScrubbed) {
  service_.on_list = [](v1::ListManagementTokensResponse*) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        std::string("token ") + kCredential + " has expired");
  };
  RunResult run = Run(Spec(), {"--trace", "management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("token [redacted] has expired"));
  EXPECT_THAT(run.err, Not(HasSubstr(kCredential)));
}

TEST_F(GrpcMisbehavingServerTest, AServerWithoutTheCallsIsNamedAsSuch) {
  // The generated base class answers every call UNIMPLEMENTED, as a server
  // without the service (or an older one) does.
  v1::ManagementTokens::Service unimplemented;
  int port = 0;
  std::unique_ptr<grpc::Server> other = Start(&unimplemented, &port);
  ProfileSpec spec = Spec();
  spec.port = port;
  RunResult run = Run(spec, {"management", "list"});
  other->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("does not serve the management-token gRPC service"));
}

}  // namespace
}  // namespace influxctl::grpc_network
