// SPDX-License-Identifier: Apache-2.0
//
// What the REST transport lets out, end to end: --trace shows each request
// and answer but never the bearer credential or the new token, and proxy
// variables are honoured as curl honours them: loopback is never proxied,
// other hosts go through the proxy unless NO_PROXY exempts them.

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;

class RestSecretsTest : public RestNetworkTest {};

TEST_F(RestSecretsTest, TraceShowsTheExchangeButNoSecret) {
  EmulatorProcess emulator(TlsEmulator());
  RestProfile profile = TlsProfile(emulator);
  profile.mgmt_token = "test-token";
  const std::string config = WriteConfig(profile);

  RunResult created = Run(config, {"--trace", "management", "create", "--description", "ci"});
  ASSERT_EQ(created.exit_code, 0) << created;
  const std::string secret = TokenFromTable(created.out);
  ASSERT_EQ(secret.rfind("M.V1.", 0), 0u) << created;

  EXPECT_TRUE(Contains(created.err, "> POST https://localhost:")) << created;
  EXPECT_TRUE(Contains(created.err, "> Authorization: Bearer [redacted]")) << created;
  EXPECT_TRUE(Contains(created.err, "> Idempotency-Key: ")) << created;
  EXPECT_TRUE(Contains(created.err, "< 201")) << created;
  EXPECT_TRUE(Contains(created.err, "\"accessToken\":\"[redacted]\"")) << created;
  EXPECT_FALSE(Contains(created.err, "test-token")) << created;
  EXPECT_FALSE(Contains(created.err, secret)) << created;
  EXPECT_FALSE(Contains(created.err, secret.substr(0, 20))) << created;

  RunResult listed = Run(config, {"--trace", "management", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_FALSE(Contains(listed.err + listed.out, "test-token")) << listed;
  EXPECT_FALSE(Contains(listed.err + listed.out, secret)) << listed;
}

TEST_F(RestSecretsTest, ErrorsWithTraceKeepTheCredentialOut) {
  EmulatorProcess emulator;
  RestProfile profile = PlainProfile(emulator);
  profile.mgmt_token = "a-credential-nobody-accepts";
  RunResult listed = Run(WriteConfig(profile), {"--trace", "management", "list"});
  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_FALSE(Contains(listed.err, "a-credential-nobody-accepts")) << listed;
}

TEST_F(RestSecretsTest, AnUnreachableProxyIsNotUsedForLoopback) {
  const std::string proxy = "http://127.0.0.1:" + std::to_string(UnusedPort());
  env_["HTTPS_PROXY"] = proxy;
  env_["https_proxy"] = proxy;
  env_["HTTP_PROXY"] = proxy;
  env_["http_proxy"] = proxy;
  env_["ALL_PROXY"] = proxy;

  EmulatorProcess plain;
  RunResult listed = Run(WriteConfig(PlainProfile(plain)), {"management", "create"});
  EXPECT_EQ(listed.exit_code, 0) << listed;

  EmulatorProcess tls(TlsEmulator());
  listed = Run(WriteConfig(TlsProfile(tls)), {"management", "create"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
}

TEST_F(RestSecretsTest, OtherHostsGoThroughTheProxyUnlessNoProxyExemptsThem) {
  const int proxy_port = UnusedPort();
  env_["HTTPS_PROXY"] = "http://user:proxy-password@127.0.0.1:" + std::to_string(proxy_port);
  RestProfile profile;
  profile.host = "cluster.invalid";
  profile.port = 8443;
  profile.transport = "retries = 0\n";
  const std::string config = WriteConfig(profile);

  // Through the proxy, which refuses: the message names it, not its password.
  RunResult proxied = Run(config, {"management", "list"});
  EXPECT_EQ(proxied.exit_code, 1) << proxied;
  EXPECT_TRUE(Contains(proxied.err, "the proxy http://user:[redacted]@127.0.0.1:" +
                                        std::to_string(proxy_port) + " (from HTTPS_PROXY)"))
      << proxied;
  EXPECT_FALSE(Contains(proxied.err, "proxy-password")) << proxied;

  // Exempted: a direct connection, which cannot resolve the name.
  env_["no_proxy"] = "localhost,.invalid";
  RunResult direct = Run(config, {"management", "list"});
  EXPECT_EQ(direct.exit_code, 1) << direct;
  EXPECT_TRUE(Contains(direct.err, "cluster.invalid could not be resolved")) << direct;
}

TEST_F(RestSecretsTest, AMalformedProxyVariableIsAConfigError) {
  env_["https_proxy"] = "socks5://127.0.0.1:1080";
  RestProfile profile;
  profile.host = "cluster.invalid";
  profile.port = 8443;
  RunResult listed = Run(WriteConfig(profile), {"management", "list"});
  EXPECT_EQ(listed.exit_code, 2) << listed;
  EXPECT_TRUE(Contains(listed.err, "https_proxy")) << listed;
}

}  // namespace
}  // namespace influxctl::testing
