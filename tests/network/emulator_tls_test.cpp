// SPDX-License-Identifier: Apache-2.0
//
// The emulator over TLS with certificates generated for the test: both
// protocols verify against the test CA, client certificates are required
// with --tls-client-ca, and a certificate for another name fails a strict
// client. One set of certificates serves the whole suite.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/emulator_process.hpp"
#include "emulator/http_call.hpp"
#include "emulator/test_certificates.hpp"
#include "management.grpc.pb.h"

namespace influxctl::testing {
namespace {

namespace v1 = influxctl::management::v1;

const std::pair<std::string, std::string> kAuth{"Authorization", "Bearer test-token"};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class EmulatorTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(std::filesystem::temp_directory_path() /
                           ("influxctl-emulator-tls-" + std::to_string(::getpid())));
    certs_ = new TestCertificates(MakeTestCertificates(*dir_));
  }

  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete certs_;
    delete dir_;
  }

  static EmulatorOptions ServerOptions(bool wrong_name = false) {
    EmulatorOptions options;
    options.tls_cert = wrong_name ? certs_->wrong_name_cert : certs_->server_cert;
    options.tls_key = wrong_name ? certs_->wrong_name_key : certs_->server_key;
    return options;
  }

  static HttpRequestSpec Create(const EmulatorProcess& emulator) {
    HttpRequestSpec spec;
    spec.method = "POST";
    spec.url = emulator.rest_base(true) + "/management-tokens";
    spec.headers = {kAuth};
    spec.body = "{}";
    spec.ca_file = certs_->ca_cert;
    return spec;
  }

  static grpc::Status GrpcList(const EmulatorProcess& emulator, bool client_certificate) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFile(certs_->ca_cert);
    if (client_certificate) {
      ssl.pem_private_key = ReadFile(certs_->client_key);
      ssl.pem_cert_chain = ReadFile(certs_->client_cert);
    }
    auto stub = v1::ManagementTokens::NewStub(
        grpc::CreateChannel(emulator.grpc_target(true), grpc::SslCredentials(ssl)));
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer test-token");
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::ListManagementTokensResponse listed;
    return stub->ListManagementTokens(&context, {}, &listed);
  }

  static inline std::string* dir_ = nullptr;
  static inline TestCertificates* certs_ = nullptr;
};

TEST_F(EmulatorTls, CertificatesAreMadeFresh) {
  for (const std::string& file :
       std::vector<std::string>{certs_->ca_cert, certs_->ca_key, certs_->server_cert,
                                certs_->server_key, certs_->wrong_name_cert, certs_->wrong_name_key,
                                certs_->client_cert, certs_->client_key}) {
    EXPECT_TRUE(std::filesystem::exists(file)) << file;
  }
  EXPECT_NE(ReadFile(certs_->server_cert).find("BEGIN CERTIFICATE"), std::string::npos);
}

TEST_F(EmulatorTls, RestServesHttpsVerifiedByTheTestCa) {
  EmulatorProcess emulator(ServerOptions());
  EXPECT_EQ(emulator.rest_base(true).rfind("https://localhost:", 0), 0u);
  const HttpReply created = HttpCall(Create(emulator));
  ASSERT_EQ(created.status, 201) << created.error << created.body;

  // The same certificate checks out by IP address too.
  HttpRequestSpec by_ip = Create(emulator);
  by_ip.url =
      "https://127.0.0.1:" + std::to_string(emulator.rest_port()) + "/api/v0/management-tokens";
  EXPECT_EQ(HttpCall(by_ip).status, 201) << HttpCall(by_ip).error;

  // The admin API rides on the same TLS listener.
  EXPECT_NE(emulator.Tokens().find("\"minted\":2"), std::string::npos);
}

TEST_F(EmulatorTls, RestRefusesPlainHttpAndUnknownCas) {
  EmulatorProcess emulator(ServerOptions());
  const HttpReply plain = HttpCall(
      "GET", "http://127.0.0.1:" + std::to_string(emulator.rest_port()) + "/api/v0/x", {kAuth});
  EXPECT_NE(plain.status, 200);

  HttpRequestSpec untrusted = Create(emulator);
  untrusted.ca_file = certs_->client_cert;  // not a CA
  EXPECT_EQ(HttpCall(untrusted).status, 0);
}

TEST_F(EmulatorTls, StrictClientRefusesACertificateForAnotherName) {
  EmulatorProcess emulator(ServerOptions(/*wrong_name=*/true));
  const HttpReply reply = HttpCall(Create(emulator));
  EXPECT_EQ(reply.status, 0);
  EXPECT_FALSE(reply.error.empty());
  EXPECT_EQ(GrpcList(emulator, false).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(EmulatorTls, GrpcServesTlsVerifiedByTheTestCa) {
  EmulatorProcess emulator(ServerOptions());
  const grpc::Status status = GrpcList(emulator, false);
  EXPECT_TRUE(status.ok()) << status.error_message();

  // Plaintext against the TLS port fails.
  auto stub = v1::ManagementTokens::NewStub(
      grpc::CreateChannel(emulator.grpc_target(false), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer test-token");
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  v1::ListManagementTokensResponse listed;
  EXPECT_FALSE(stub->ListManagementTokens(&context, {}, &listed).ok());
}

TEST_F(EmulatorTls, ClientCertificatesRequiredWithAClientCa) {
  EmulatorOptions options = ServerOptions();
  options.tls_client_ca = certs_->ca_cert;
  options.admin_client_cert = certs_->client_cert;
  options.admin_client_key = certs_->client_key;
  EmulatorProcess emulator(options);

  EXPECT_EQ(HttpCall(Create(emulator)).status, 0);
  HttpRequestSpec with_certificate = Create(emulator);
  with_certificate.client_cert = certs_->client_cert;
  with_certificate.client_key = certs_->client_key;
  const HttpReply created = HttpCall(with_certificate);
  EXPECT_EQ(created.status, 201) << created.error;

  EXPECT_FALSE(GrpcList(emulator, false).ok());
  const grpc::Status status = GrpcList(emulator, true);
  EXPECT_TRUE(status.ok()) << status.error_message();

  EXPECT_NE(emulator.Tokens().find("\"minted\":1"), std::string::npos);
}

}  // namespace
}  // namespace influxctl::testing
