// SPDX-License-Identifier: Apache-2.0
//
// The vault output over TLS, against a fake Vault serving certificates from
// a CA made for the test: trusted through ca, refused without it, refused
// when the certificate is for another name unless tls_server_name names it,
// and accepted unchecked (with a warning) under insecure. A server that
// drips its handshake a byte at a time is cut off at the step's timeout.

#include <chrono>

#include "emulator/test_certificates.hpp"
#include "network/dripping_peer.hpp"
#include "vault_test_fixture.hpp"

namespace influxctl::e2e {
namespace {

class VaultTlsTest : public VaultOutputTest {
 protected:
  void SetUp() override {
    VaultOutputTest::SetUp();
    certificates_ = testing::MakeTestCertificates(Path("pki").string());
  }

  testing::FakeVaultProcess& StartTlsVault(bool wrong_name = false) {
    testing::FakeVaultOptions options = DefaultVault();
    options.tls_cert = wrong_name ? certificates_.wrong_name_cert : certificates_.server_cert;
    options.tls_key = wrong_name ? certificates_.wrong_name_key : certificates_.server_key;
    return StartVault(options);
  }

  testing::TestCertificates certificates_;
};

TEST_F(VaultTlsTest, APrivateCaInCaIsTrusted) {
  StartTlsVault();
  std::string config =
      WriteVaultConfig("path = \"influx/prod\"\nca = \"" + certificates_.ca_cert + "\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""), LastLine(run.out));
  EXPECT_EQ(run.err.find("insecure"), std::string::npos) << run;
}

TEST_F(VaultTlsTest, TheAddressMayBeAnIpAddressTheCertificateCarries) {
  StartTlsVault();
  std::string config =
      WriteMockConfig("\n[[profile.output]]\nplugin = \"vault\"\naddress = \"https://127.0.0.1:" +
                      std::to_string(vault().port()) + "\"\npath = \"influx/prod\"\nca = \"" +
                      certificates_.ca_cert + "\"\n")
          .string();

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
}

TEST_F(VaultTlsTest, AnUnknownAuthorityFailsPreflight) {
  StartTlsVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("could not be verified"), std::string::npos) << run;
  EXPECT_NE(run.err.find("set ca = \"FILE\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("no token was created"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(VaultTlsTest, ACertificateForAnotherNameFailsPreflight) {
  StartTlsVault(/*wrong_name=*/true);
  std::string config =
      WriteVaultConfig("path = \"influx/prod\"\nca = \"" + certificates_.ca_cert + "\"\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("is not valid for the name localhost (hostname mismatch)"),
            std::string::npos)
      << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(VaultTlsTest, TlsServerNameNamesTheCertificatesName) {
  StartTlsVault(/*wrong_name=*/true);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nca = \"" + certificates_.ca_cert +
                                        "\"\ntls_server_name = \"other.example\"\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(ReadV2("secret", "influx/prod")->optValue<std::string>("token", ""), LastLine(run.out));
}

TEST_F(VaultTlsTest, InsecureSkipsVerificationAndWarns) {
  StartTlsVault(/*wrong_name=*/true);
  std::string config = WriteVaultConfig("path = \"influx/prod\"\ninsecure = true\n");

  RunResult run = Create(config);

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_NE(run.err.find("TLS certificate verification is off"), std::string::npos) << run;
}

TEST_F(VaultTlsTest, AMissingCaFileIsAConfigError) {
  StartTlsVault();
  std::string config = WriteVaultConfig("path = \"influx/prod\"\nca = \"no-such-ca.pem\"\n");

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("setting ca: the file"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_TRUE(RecordedCalls().empty());
}

TEST_F(VaultTlsTest, PlainHttpToAnHttpsVaultFailsPreflight) {
  StartTlsVault();
  std::string config =
      WriteMockConfig("\n[[profile.output]]\nplugin = \"vault\"\naddress = \"http://localhost:" +
                      std::to_string(vault().port()) +
                      "\"\npath = \"influx/prod\"\ntimeout = \"2s\"\n")
          .string();

  RunResult run = Create(config);

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_TRUE(MockTokens().empty());
}

TEST_F(VaultTlsTest, AHandshakeDrippedAByteAtATimeEndsAtTheTimeout) {
  testing::DrippingPeer peer;
  std::string config =
      WriteMockConfig("\n[[profile.output]]\nplugin = \"vault\"\naddress = \"https://127.0.0.1:" +
                      std::to_string(peer.port()) +
                      "\"\npath = \"influx/prod\"\ntimeout = \"1s\"\n")
          .string();

  auto started = std::chrono::steady_clock::now();
  RunResult run = Create(config);
  auto took = std::chrono::steady_clock::now() - started;

  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_NE(run.err.find("within the 1s timeout"), std::string::npos) << run;
  EXPECT_TRUE(MockTokens().empty());
  EXPECT_GE(took, std::chrono::seconds(1));
  EXPECT_LT(took, std::chrono::milliseconds(1800)) << run;
}

}  // namespace
}  // namespace influxctl::e2e
