// SPDX-License-Identifier: Apache-2.0
//
// The REST transport through a working proxy, end to end: influxctl run as a
// user runs it, with HTTPS_PROXY or HTTP_PROXY naming a proxy in the test
// process. Profiles name cluster.proxied.test, which does not resolve, so
// the emulator is reachable only through the proxy. https goes through a
// CONNECT tunnel and the certificate is checked against the profile's host;
// plain http is forwarded in absolute form; proxy credentials go as
// Proxy-Authorization: Basic and never reach stderr; a proxy that refuses
// the tunnel is a clear error naming it; NO_PROXY takes a host off the
// proxy; and --timeout bounds the whole call, tunnel and handshake included.

#include <gmock/gmock.h>

#include "network/rest_network_test.hpp"
#include "network/test_proxy.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;
using ::testing::HasSubstr;
using ::testing::Not;

// A name under .test (reserved, never in DNS), so only the proxy can reach it.
constexpr const char* kProxiedHost = "cluster.proxied.test";

class RestProxyTest : public RestNetworkTest {
 protected:
  // A TLS emulator whose certificate is for kProxiedHost alone.
  EmulatorOptions ProxiedTlsEmulator() {
    CertificateFiles files = MakeServerCertificate(Certificates(), kProxiedHost);
    return TlsEmulator(files.cert, files.key);
  }

  RestProfile ProxiedTlsProfile(const EmulatorProcess& emulator) {
    RestProfile profile = TlsProfile(emulator);
    profile.host = kProxiedHost;
    return profile;
  }

  RestProfile ProxiedPlainProfile(const EmulatorProcess& emulator) const {
    RestProfile profile = PlainProfile(emulator);
    profile.host = kProxiedHost;
    return profile;
  }

  // Points both proxy variables at `url`, as a user's shell would.
  void UseProxy(const std::string& url) {
    env_["HTTPS_PROXY"] = url;
    env_["HTTP_PROXY"] = url;
  }

  // "http://proxy-user:PASSWORD@127.0.0.1:PORT".
  static std::string WithCredentials(const TestProxy& proxy, const std::string& password) {
    return "http://proxy-user:" + password + "@127.0.0.1:" + std::to_string(proxy.port());
  }

  static std::string Authority(const EmulatorProcess& emulator) {
    return std::string(kProxiedHost) + ":" + std::to_string(emulator.rest_port());
  }
};

TEST_F(RestProxyTest, CreatesThroughAConnectTunnel) {
  EmulatorProcess emulator(ProxiedTlsEmulator());
  TestProxy proxy;
  UseProxy(proxy.url());

  RunResult created = Run(WriteConfig(ProxiedTlsProfile(emulator)), {"management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_EQ(TokenFromTable(created.out).rfind("M.V1.", 0), 0u) << created;
  EXPECT_EQ(Minted(emulator), 1);

  // One tunnel, to the profile's host by name; no credentials were asked for.
  std::vector<ProxiedRequest> received = proxy.Received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].request_line, "CONNECT " + Authority(emulator) + " HTTP/1.1");
  EXPECT_FALSE(received[0].Header("Proxy-Authorization").has_value());
}

TEST_F(RestProxyTest, TheCertificateIsCheckedAgainstTheProfileHostNotTheProxy) {
  // The usual test certificate is for localhost and 127.0.0.1, where the
  // tunnel ends, but not for the name the profile gives.
  EmulatorProcess emulator(TlsEmulator());
  TestProxy proxy;
  UseProxy(proxy.url());

  RunResult created = Run(WriteConfig(ProxiedTlsProfile(emulator)), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_THAT(created.err, HasSubstr("not valid for the name cluster.proxied.test"));
  EXPECT_TRUE(created.out.empty()) << created;
  EXPECT_EQ(Minted(emulator), 0);
  ASSERT_EQ(proxy.Received().size(), 1u);
  EXPECT_EQ(proxy.Received()[0].request_line, "CONNECT " + Authority(emulator) + " HTTP/1.1");
}

TEST_F(RestProxyTest, ForwardsPlainHttpInAbsoluteForm) {
  EmulatorProcess emulator;
  TestProxy proxy;
  UseProxy(proxy.url());
  const std::string config = WriteConfig(ProxiedPlainProfile(emulator));

  RunResult created =
      Run(config, {"management", "create", "--description", "via proxy", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const std::string id = ParseObject(created.out)->getValue<std::string>("id");
  RunResult listed = Run(config, {"management", "list", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  Poco::JSON::Array::Ptr tokens = ParseArray(listed.out);
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ(tokens->getObject(0)->getValue<std::string>("id"), id);

  // The proxy was asked for absolute URLs; the emulator got origin form.
  const std::string url = "http://" + Authority(emulator) + "/api/v0/management-tokens";
  std::vector<ProxiedRequest> received = proxy.Received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].request_line, "POST " + url + " HTTP/1.1");
  EXPECT_EQ(received[1].request_line, "GET " + url + " HTTP/1.1");
  EXPECT_EQ(received[0].Header("Host"), Authority(emulator));
  Poco::JSON::Array::Ptr requests = ReceivedRequests(emulator);
  ASSERT_EQ(requests->size(), 2u);
  for (std::size_t i = 0; i < requests->size(); ++i) {
    EXPECT_EQ(requests->getObject(i)->getValue<std::string>("target"), "/api/v0/management-tokens");
  }
}

TEST_F(RestProxyTest, SendsProxyCredentialsAsBasicAndNeverShowsThePassword) {
  TestProxyOptions options;
  options.required_credentials = "proxy-user:proxy-password";
  TestProxy proxy(options);
  UseProxy(WithCredentials(proxy, "proxy-password"));
  const std::string expected = TestProxy::BasicAuthorization("proxy-user:proxy-password");
  const std::string shown =
      "(through proxy http://proxy-user:[redacted]@127.0.0.1:" + std::to_string(proxy.port()) + ")";

  // Through a tunnel.
  EmulatorProcess tls(ProxiedTlsEmulator());
  RunResult created = Run(WriteConfig(ProxiedTlsProfile(tls)), {"--trace", "management", "create"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_THAT(created.err, HasSubstr(shown));
  EXPECT_THAT(created.err, Not(HasSubstr("proxy-password")));
  EXPECT_THAT(created.err, Not(HasSubstr(expected.substr(6))));
  EXPECT_EQ(Minted(tls), 1);

  // Forwarded.
  EmulatorProcess plain;
  RunResult listed =
      Run(WriteConfig(ProxiedPlainProfile(plain)), {"--trace", "management", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_THAT(listed.err, HasSubstr(shown));
  EXPECT_THAT(listed.err, Not(HasSubstr("proxy-password")));
  EXPECT_THAT(listed.err, Not(HasSubstr(expected.substr(6))));

  std::vector<ProxiedRequest> received = proxy.Received();
  ASSERT_EQ(received.size(), 2u);
  for (const ProxiedRequest& request : received) {
    EXPECT_EQ(request.Header("Proxy-Authorization"), expected) << request.request_line;
  }
}

// A proxy that will not open the tunnel: the error names it without its
// password, the command fails, and nothing reaches the cluster.
void ExpectRefusedTunnel(const RunResult& run,
                         const TestProxy& proxy,
                         const EmulatorProcess& emulator,
                         const std::string& reason) {
  EXPECT_EQ(run.exit_code, 1) << run;
  EXPECT_THAT(run.err, HasSubstr("the proxy http://proxy-user:[redacted]@127.0.0.1:" +
                                 std::to_string(proxy.port()) +
                                 " (from HTTPS_PROXY) would not open a tunnel to "
                                 "cluster.proxied.test:" +
                                 std::to_string(emulator.rest_port())));
  EXPECT_THAT(run.err, HasSubstr(reason));
  EXPECT_THAT(run.err, Not(HasSubstr("wrong-password")));
  EXPECT_TRUE(run.out.empty()) << run;
  EXPECT_EQ(Minted(emulator), 0);
  EXPECT_EQ(ReceivedRequests(emulator)->size(), 0u);
  EXPECT_EQ(proxy.Received().size(), 1u);
}

TEST_F(RestProxyTest, AProxyDemandingOtherCredentialsIsAClearError) {
  TestProxyOptions options;
  options.required_credentials = "proxy-user:proxy-password";
  TestProxy proxy(options);
  UseProxy(WithCredentials(proxy, "wrong-password"));
  EmulatorProcess emulator(ProxiedTlsEmulator());

  RunResult created =
      Run(WriteConfig(ProxiedTlsProfile(emulator)), {"--trace", "management", "create"});
  ExpectRefusedTunnel(created, proxy, emulator, "Proxy Authentication Required");
}

TEST_F(RestProxyTest, AProxyForbiddingTheTunnelIsAClearError) {
  TestProxyOptions options;
  options.connect_status = 403;
  TestProxy proxy(options);
  UseProxy(WithCredentials(proxy, "wrong-password"));
  EmulatorProcess emulator(ProxiedTlsEmulator());

  RunResult created = Run(WriteConfig(ProxiedTlsProfile(emulator)), {"management", "create"});
  ExpectRefusedTunnel(created, proxy, emulator, "Forbidden");
}

TEST_F(RestProxyTest, NoProxyNamingTheHostConnectsDirectly) {
  EmulatorProcess emulator(ProxiedTlsEmulator());
  TestProxy proxy;
  UseProxy(proxy.url());
  env_["NO_PROXY"] = kProxiedHost;

  // Directly, the name does not resolve: proof the proxy was left out.
  RunResult created = Run(WriteConfig(ProxiedTlsProfile(emulator)), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_THAT(created.err, HasSubstr("the host name cluster.proxied.test could not be resolved"));
  EXPECT_THAT(created.err, HasSubstr("check host in the profile"));
  EXPECT_TRUE(proxy.Received().empty());
  EXPECT_EQ(Minted(emulator), 0);
}

TEST_F(RestProxyTest, AForwardingProxyDemandingCredentialsIsAClearError) {
  TestProxyOptions options;
  options.required_credentials = "proxy-user:proxy-password";
  TestProxy proxy(options);
  UseProxy(proxy.url());
  EmulatorProcess emulator;

  RunResult created = Run(WriteConfig(ProxiedPlainProfile(emulator)), {"management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_THAT(created.err, HasSubstr("the proxy http://127.0.0.1:" + std::to_string(proxy.port()) +
                                     " (from HTTP_PROXY) wants credentials"));
  EXPECT_THAT(created.err, HasSubstr("http://USER:PASSWORD@HOST:PORT"));
  EXPECT_EQ(Minted(emulator), 0);
}

TEST_F(RestProxyTest, AProxyThatNeverOpensTheTunnelIsNamedInTheTimeout) {
  TestProxyOptions options;
  options.connect_delay = std::chrono::seconds(5);
  TestProxy proxy(options);
  UseProxy(proxy.url());
  EmulatorProcess emulator(ProxiedTlsEmulator());

  RunResult created =
      Run(WriteConfig(ProxiedTlsProfile(emulator)), {"--timeout", "500ms", "management", "create"});
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_THAT(created.err, HasSubstr("did not open a tunnel to " + Authority(emulator) +
                                     " within the 500ms timeout"));
  EXPECT_EQ(Minted(emulator), 0);
}

TEST_F(RestProxyTest, TheTimeoutBoundsTheTunnelAndTheHandshakeTogether) {
  // A server that accepts connections (the kernel does, from the backlog)
  // and never says a word, so the TLS handshake waits for ever.
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  TestProxyOptions options;
  options.connect_delay = std::chrono::milliseconds(1200);
  TestProxy proxy(options);
  UseProxy(proxy.url());
  RestProfile profile;
  profile.host = kProxiedHost;
  profile.port = silent.address().port();
  profile.tls = "ca = \"" + Certificates().ca_cert + "\"\n";

  // 1.2 s of the 2 s go to the tunnel; the handshake gets only what is left.
  std::chrono::milliseconds took{0};
  RunResult created =
      TimedRun(WriteConfig(profile), {"--timeout", "2s", "management", "create"}, took);
  RecordProperty("took_ms", static_cast<int>(took.count()));
  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_THAT(created.err,
              HasSubstr("the TLS handshake with cluster.proxied.test:" +
                        std::to_string(profile.port) + " did not finish within the 2s timeout"));
  EXPECT_LT(took.count(), 2700) << "took " << took.count() << " ms\n" << created;
  ASSERT_EQ(proxy.Received().size(), 1u);
  EXPECT_EQ(proxy.Received()[0].request_line,
            "CONNECT cluster.proxied.test:" + std::to_string(profile.port) + " HTTP/1.1");
}

}  // namespace
}  // namespace influxctl::testing
