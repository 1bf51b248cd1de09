// SPDX-License-Identifier: Apache-2.0
//
// TLS for the gRPC transport, end to end against the emulator serving TLS with
// certificates made at test time: trusted through `ca` it works; with no `ca`
// the system roots do not know the test CA; a certificate for another name is
// refused unless tls_server_name names it; `insecure` works and warns on
// stderr; client certificates; and plaintext with `disable`.

#include <gmock/gmock.h>

#include "emulator/test_certificates.hpp"
#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

using ::testing::HasSubstr;
using testing::MakeTestCertificates;
using ::testing::Not;
using testing::TestCertificates;

class GrpcTlsTest : public GrpcNetworkTest {
 protected:
  void SetUp() override {
    GrpcNetworkTest::SetUp();
    certificates_ = MakeTestCertificates((dir_ / "pki").string());
  }

  // An emulator serving TLS with `cert`/`key` (default: the localhost certificate).
  EmulatorOptions TlsEmulator(const std::string& cert = "", const std::string& key = "") const {
    EmulatorOptions options = Emulator();
    options.tls_cert = cert.empty() ? certificates_.server_cert : cert;
    options.tls_key = key.empty() ? certificates_.server_key : key;
    return options;
  }

  ProfileSpec Spec(const EmulatorProcess& emulator, const std::string& tls) const {
    ProfileSpec spec;
    spec.port = emulator.grpc_port();
    spec.tls = tls;
    return spec;
  }

  std::string CaLine() const { return "ca = \"" + certificates_.ca_cert + "\"\n"; }

  // A server certificate (and key) for IP:127.0.0.1 alone, signed by the test CA.
  std::pair<std::string, std::string> IpOnlyCertificate() const {
    std::string base = (dir_ / "pki" / "ip-only").string();
    std::ofstream(base + ".ext") << "subjectAltName=IP:127.0.0.1\n";
    e2e::RunOptions options;
    options.env = Environment();
    RunResult request = e2e::RunProgram(
        "/usr/bin/openssl",
        {"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
         base + ".key", "-out", base + ".csr", "-subj", "/CN=127.0.0.1"},
        options);
    EXPECT_EQ(request.exit_code, 0) << request;
    RunResult sign =
        e2e::RunProgram("/usr/bin/openssl",
                        {"x509", "-req", "-in", base + ".csr", "-CA", certificates_.ca_cert,
                         "-CAkey", certificates_.ca_key, "-CAcreateserial", "-days", "2",
                         "-extfile", base + ".ext", "-out", base + ".pem"},
                        options);
    EXPECT_EQ(sign.exit_code, 0) << sign;
    return {base + ".pem", base + ".key"};
  }

  TestCertificates certificates_;
};

TEST_F(GrpcTlsTest, TrustsTheServerThroughTheConfiguredCa) {
  EmulatorProcess emulator(TlsEmulator());
  ProfileSpec spec = Spec(emulator, CaLine());

  Poco::JSON::Object::Ptr created = CreateJson(spec, {"--description", "over tls"});
  ASSERT_FALSE(created.isNull());
  RunResult listed = Run(spec, {"--debug", "management", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
  EXPECT_THAT(listed.out, HasSubstr(created->getValue<std::string>("id")));
  EXPECT_THAT(listed.err, HasSubstr("grpcs://localhost:"));
  EXPECT_THAT(listed.err, Not(HasSubstr("warn")));
}

TEST_F(GrpcTlsTest, RefusesAServerTheSystemRootsDoNotTrust) {
  EmulatorProcess emulator(TlsEmulator());
  RunResult run = Run(Spec(emulator, ""), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("cannot connect to localhost:"));
  EXPECT_THAT(run.err, HasSubstr("certificate verify failed"));
  EXPECT_THAT(run.err, HasSubstr("[profile.tls] ca"));
  // Nothing reached the service, and gRPC's own log lines stayed off stderr.
  EXPECT_TRUE(GrpcRequests(emulator, "ListManagementTokens").empty());
  EXPECT_THAT(run.err, Not(HasSubstr("ssl_transport_security")));
}

TEST_F(GrpcTlsTest, RefusesACertificateForAnotherName) {
  EmulatorProcess emulator(
      TlsEmulator(certificates_.wrong_name_cert, certificates_.wrong_name_key));
  RunResult run = Run(Spec(emulator, CaLine()), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("not issued for this host name"));
  EXPECT_TRUE(GrpcRequests(emulator, "ListManagementTokens").empty());
}

TEST_F(GrpcTlsTest, ChecksTheNameGivenByTlsServerName) {
  EmulatorProcess emulator(
      TlsEmulator(certificates_.wrong_name_cert, certificates_.wrong_name_key));
  ProfileSpec spec = Spec(emulator, CaLine());
  spec.transport = "tls_server_name = \"other.example\"\n";
  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;

  // The override is a name to check, not a way around the check.
  spec.transport = "tls_server_name = \"third.example\"\n";
  run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
}

TEST_F(GrpcTlsTest, ChecksTheHostNameNotTheAddressItResolvesTo) {
  // A certificate for IP 127.0.0.1 only: "localhost" resolves there, but the
  // name the profile gives is what the certificate must list.
  auto [cert, key] = IpOnlyCertificate();
  EmulatorProcess emulator(TlsEmulator(cert, key));
  RunResult run = Run(Spec(emulator, CaLine()), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("not issued for this host name"));

  ProfileSpec by_address = Spec(emulator, CaLine());
  by_address.host = "127.0.0.1";
  run = Run(by_address, {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;
}

TEST_F(GrpcTlsTest, InsecureSkipsVerificationAndWarns) {
  EmulatorProcess emulator(
      TlsEmulator(certificates_.wrong_name_cert, certificates_.wrong_name_key));
  ProfileSpec spec = Spec(emulator, "insecure = true\n");
  Poco::JSON::Object::Ptr created = CreateJson(spec);
  ASSERT_FALSE(created.isNull());

  // The warning shows without --debug, on stderr only.
  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.err, HasSubstr("warn"));
  EXPECT_THAT(run.err, HasSubstr("insecure = true"));
  EXPECT_THAT(run.err, HasSubstr("not verified"));
  EXPECT_THAT(run.out, Not(HasSubstr("insecure")));
}

TEST_F(GrpcTlsTest, PresentsAClientCertificateWhenTheServerRequiresOne) {
  EmulatorOptions options = TlsEmulator();
  options.tls_client_ca = certificates_.ca_cert;
  options.admin_client_cert = certificates_.client_cert;
  options.admin_client_key = certificates_.client_key;
  EmulatorProcess emulator(options);

  ProfileSpec spec = Spec(emulator, CaLine() + "cert = \"" + certificates_.client_cert +
                                        "\"\nkey = \"" + certificates_.client_key + "\"\n");
  RunResult run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;

  // The same with verification skipped: the certificate still goes out.
  spec.tls = "insecure = true\ncert = \"" + certificates_.client_cert + "\"\nkey = \"" +
             certificates_.client_key + "\"\n";
  run = Run(spec, {"management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;

  // Without one the server refuses the connection, and the message says why it may.
  run = Run(Spec(emulator, CaLine()), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("cannot connect to localhost:"));
  EXPECT_THAT(run.err, HasSubstr("client certificate"));
}

TEST_F(GrpcTlsTest, RefusesUnreadableOrMismatchedTlsFilesBeforeConnecting) {
  EmulatorProcess emulator(TlsEmulator());
  RunResult run = Run(Spec(emulator, "ca = \"" + (dir_ / "missing.pem").string() + "\"\n"),
                      {"management", "list"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_THAT(run.err, HasSubstr("[profile.tls] ca"));

  run = Run(Spec(emulator, CaLine() + "cert = \"" + certificates_.client_cert + "\"\n"),
            {"management", "list"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_THAT(run.err, HasSubstr("without key"));

  // A key where a certificate belongs.
  run = Run(Spec(emulator, "ca = \"" + certificates_.ca_key + "\"\n"), {"management", "list"});
  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_THAT(run.err, HasSubstr("PEM certificate"));
  EXPECT_TRUE(GrpcRequests(emulator, "ListManagementTokens").empty());
}

TEST_F(GrpcTlsTest, SpeaksPlaintextWhenTlsIsDisabled) {
  EmulatorProcess emulator(Emulator());
  ProfileSpec spec = Spec(emulator, "disable = true\n");
  RunResult run = Run(spec, {"--debug", "management", "list"});
  EXPECT_EQ(run.exit_code, 0) << run;
  EXPECT_THAT(run.err, HasSubstr("grpc://localhost:"));
  // On loopback plaintext is not worth a warning.
  EXPECT_THAT(run.err, Not(HasSubstr("warn")));

  // TLS against the plaintext server: told what to change.
  run = Run(Spec(emulator, CaLine()), {"management", "list"});
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("does not speak TLS"));
}

}  // namespace
}  // namespace influxctl::grpc_network
