// SPDX-License-Identifier: Apache-2.0
//
// TLS of the REST transport end to end, with a CA and certificates made at
// test time: a server signed by the `ca` file is trusted; without `ca` the
// system store does not know it; a certificate for another name is refused
// even on loopback; `insecure` skips the checks and says so on stderr; a
// client certificate is presented when the server asks for one; and a
// plaintext profile against a TLS server fails with a hint.

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;

class RestTlsTest : public RestNetworkTest {};

TEST_F(RestTlsTest, TrustsAServerSignedByTheConfiguredCa) {
  EmulatorProcess emulator(TlsEmulator());
  RunResult listed = Run(WriteConfig(TlsProfile(emulator)), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
  EXPECT_FALSE(Contains(listed.err, "warn")) << listed;
}

TEST_F(RestTlsTest, TrustsTheCaForAnIpHostToo) {
  EmulatorProcess emulator(TlsEmulator());
  RestProfile profile = TlsProfile(emulator);
  profile.host = "127.0.0.1";  // the certificate carries IP:127.0.0.1
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
}

TEST_F(RestTlsTest, WithoutTheCaTheCertificateIsNotTrusted) {
  EmulatorProcess emulator(TlsEmulator());
  RestProfile profile = TlsProfile(emulator);
  profile.tls = "";
  RunResult created = Run(WriteConfig(profile), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(Contains(created.err, "could not be verified")) << created;
  EXPECT_TRUE(Contains(created.err, "set ca in [profile.tls]")) << created;
  EXPECT_TRUE(created.out.empty()) << created;
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 0u);
}

TEST_F(RestTlsTest, ACertificateForAnotherNameIsRefusedEvenOnLoopback) {
  EmulatorProcess emulator(
      TlsEmulator(Certificates().wrong_name_cert, Certificates().wrong_name_key));
  for (const char* host : {"localhost", "127.0.0.1"}) {
    RestProfile profile = TlsProfile(emulator);
    profile.host = host;
    RunResult created = Run(WriteConfig(profile), {"management", "create"});
    EXPECT_EQ(created.exit_code, 1) << created;
    EXPECT_TRUE(Contains(created.err, "not valid for the name " + std::string(host))) << created;
  }
  EXPECT_EQ(Minted(emulator), 0);
}

TEST_F(RestTlsTest, InsecureSkipsVerificationAndWarns) {
  EmulatorProcess emulator(
      TlsEmulator(Certificates().wrong_name_cert, Certificates().wrong_name_key));
  RestProfile profile = TlsProfile(emulator);
  profile.tls = "insecure = true\n";
  RunResult created = Run(WriteConfig(profile), {"management", "create", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_TRUE(Contains(created.err, "warn\ttransport.rest: TLS certificate verification is off"))
      << created;
  EXPECT_EQ(Minted(emulator), 1);
}

TEST_F(RestTlsTest, PresentsTheClientCertificateWhenTheServerAsksForOne) {
  EmulatorOptions options = TlsEmulator();
  options.tls_client_ca = Certificates().ca_cert;
  options.admin_client_cert = Certificates().client_cert;
  options.admin_client_key = Certificates().client_key;
  EmulatorProcess emulator(options);

  RestProfile profile = TlsProfile(emulator);
  RunResult refused = Run(WriteConfig(profile), {"management", "create"});
  EXPECT_EQ(refused.exit_code, 1) << refused;
  // The refusal arrives as the server's TLS alert or, when the server tears
  // the connection down first, as a reset. Either way the server never read
  // the request, so no message may say a token could exist.
  if (Contains(refused.err, "TLS connection")) {
    EXPECT_TRUE(Contains(refused.err, "set cert and key in [profile.tls]")) << refused;
  } else {
    EXPECT_TRUE(Contains(refused.err, "was reset")) << refused;
  }
  EXPECT_FALSE(Contains(refused.err, "may have created")) << refused;
  EXPECT_EQ(Minted(emulator), 0);

  profile.tls += "cert = \"" + Certificates().client_cert + "\"\nkey = \"" +
                 Certificates().client_key + "\"\n";
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
}

TEST_F(RestTlsTest, AnUnreadableCaFileIsAConfigErrorBeforeAnythingIsSent) {
  EmulatorProcess emulator(TlsEmulator());
  RestProfile profile = TlsProfile(emulator);
  profile.tls = "ca = \"" + (dir() / "missing-ca.pem").string() + "\"\n";
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 2) << listed;
  EXPECT_TRUE(Contains(listed.err, "missing-ca.pem")) << listed;
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 0u);
}

TEST_F(RestTlsTest, PlaintextAgainstATlsServerFailsWithoutHanging) {
  EmulatorProcess emulator(TlsEmulator());
  RestProfile profile = TlsProfile(emulator);
  profile.tls = "disable = true\n";
  RunResult listed = Run(WriteConfig(profile), {"--timeout", "5s", "management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "if the server speaks HTTPS, remove disable = true")) << listed;
}

TEST_F(RestTlsTest, TlsAgainstAPlaintextServerSuggestsDisable) {
  EmulatorProcess emulator;
  RestProfile profile = PlainProfile(emulator);
  profile.tls = "";
  // The server may answer the handshake with an HTTP error or wait for the
  // rest of a "request" that never comes; either way the hint is given.
  RunResult listed = Run(WriteConfig(profile), {"--timeout", "2s", "management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "disable = true")) << listed;
}

}  // namespace
}  // namespace influxctl::testing
