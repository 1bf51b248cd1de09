// SPDX-License-Identifier: Apache-2.0
//
// Unit tests of the REST transport's proxy rules: which environment variable
// wins, how NO_PROXY entries match (suffixes, leading dots, "*", ports,
// addresses and CIDR blocks), that loopback is never proxied, and how proxy
// URLs are read, including that a proxy password never reaches a message.

#include "../../../plugins/rest/proxy_rules.hpp"

#include <gtest/gtest.h>

#include <map>

namespace influxctl::rest {
namespace {

ProxyEnvironment Environment(const std::map<std::string, std::string>& variables) {
  return ProxyEnvironment::From([&](const char* name) -> const char* {
    auto it = variables.find(name);
    return it == variables.end() ? nullptr : it->second.c_str();
  });
}

std::optional<ProxyServer> Chosen(const std::map<std::string, std::string>& variables,
                                  std::string_view scheme,
                                  std::string_view host) {
  auto chosen = ChooseProxy(Environment(variables), scheme, host);
  EXPECT_TRUE(chosen.ok()) << (chosen.ok() ? "" : chosen.error().message());
  return chosen.ok() ? chosen.value() : std::nullopt;
}

TEST(ProxyEnvironment, LowercaseWinsOverUppercase) {
  auto environment = Environment({{"https_proxy", "http://lower:1"},
                                  {"HTTPS_PROXY", "http://upper:2"},
                                  {"NO_PROXY", "upper.example"},
                                  {"no_proxy", "lower.example"}});
  EXPECT_EQ(environment.https_proxy.value, "http://lower:1");
  EXPECT_EQ(environment.https_proxy.name, "https_proxy");
  EXPECT_EQ(environment.no_proxy.value, "lower.example");
}

TEST(ProxyEnvironment, UppercaseIsUsedWhenLowercaseIsUnsetOrEmpty) {
  auto environment = Environment({{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:2"}});
  EXPECT_EQ(environment.https_proxy.value, "http://upper:2");
  EXPECT_EQ(environment.https_proxy.name, "HTTPS_PROXY");
}

TEST(ChooseProxy, HttpsUsesHttpsProxyAndHttpUsesHttpProxy) {
  std::map<std::string, std::string> variables = {{"HTTPS_PROXY", "http://secure-proxy:3128"},
                                                  {"HTTP_PROXY", "http://plain-proxy:8080"}};
  auto https = Chosen(variables, "https", "cluster.example.com");
  ASSERT_TRUE(https);
  EXPECT_EQ(https->host, "secure-proxy");
  EXPECT_EQ(https->port, 3128);
  EXPECT_EQ(https->variable, "HTTPS_PROXY");
  auto http = Chosen(variables, "http", "cluster.example.com");
  ASSERT_TRUE(http);
  EXPECT_EQ(http->host, "plain-proxy");
  EXPECT_EQ(http->port, 8080);
}

TEST(ChooseProxy, AllProxyIsTheFallback) {
  auto proxy = Chosen({{"ALL_PROXY", "http://everything:1234"}}, "https", "cluster.example.com");
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->host, "everything");
  EXPECT_FALSE(Chosen({}, "https", "cluster.example.com"));
}

TEST(ChooseProxy, HttpsDoesNotFallBackToHttpProxy) {
  EXPECT_FALSE(Chosen({{"HTTP_PROXY", "http://plain-proxy:8080"}}, "https", "cluster.example"));
}

TEST(ChooseProxy, LoopbackIsNeverProxied) {
  std::map<std::string, std::string> variables = {{"HTTPS_PROXY", "http://proxy:3128"},
                                                  {"HTTP_PROXY", "http://proxy:3128"}};
  for (const char* host : {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3",
                           "::1", "[::1]", "::ffff:127.0.0.1"}) {
    EXPECT_FALSE(Chosen(variables, "https", host)) << host;
    EXPECT_FALSE(Chosen(variables, "http", host)) << host;
  }
  EXPECT_TRUE(Chosen(variables, "https", "128.0.0.1"));
  EXPECT_TRUE(Chosen(variables, "https", "localhost.example.com"));
}

TEST(ChooseProxy, NoProxyExemptsMatchingHosts) {
  std::map<std::string, std::string> variables = {{"HTTPS_PROXY", "http://proxy:3128"},
                                                  {"NO_PROXY", "internal.example, .corp"}};
  EXPECT_FALSE(Chosen(variables, "https", "cluster.internal.example"));
  EXPECT_FALSE(Chosen(variables, "https", "db.corp"));
  EXPECT_TRUE(Chosen(variables, "https", "cluster.example.com"));
}

TEST(ChooseProxy, AMalformedProxyIsAConfigErrorNamingTheVariable) {
  auto chosen = ChooseProxy(Environment({{"https_proxy", "socks5://proxy:1080"}}), "https",
                            "cluster.example.com");
  ASSERT_FALSE(chosen.ok());
  EXPECT_EQ(chosen.error().kind(), ErrorKind::kConfig);
  EXPECT_NE(chosen.error().message().find("https_proxy"), std::string::npos);
  EXPECT_NE(chosen.error().message().find("socks5"), std::string::npos);
}

TEST(MatchesNoProxy, SuffixesMatchOnLabelBoundaries) {
  EXPECT_TRUE(MatchesNoProxy("example.com", "example.com"));
  EXPECT_TRUE(MatchesNoProxy("example.com", "api.example.com"));
  EXPECT_TRUE(MatchesNoProxy("example.com", "a.b.example.com"));
  EXPECT_FALSE(MatchesNoProxy("example.com", "badexample.com"));
  EXPECT_FALSE(MatchesNoProxy("example.com", "example.com.evil.net"));
  EXPECT_FALSE(MatchesNoProxy("api.example.com", "example.com"));
}

TEST(MatchesNoProxy, ALeadingDotOrStarDotIsOptional) {
  EXPECT_TRUE(MatchesNoProxy(".example.com", "example.com"));
  EXPECT_TRUE(MatchesNoProxy(".example.com", "api.example.com"));
  EXPECT_TRUE(MatchesNoProxy("*.example.com", "api.example.com"));
  EXPECT_FALSE(MatchesNoProxy(".example.com", "notexample.com"));
}

TEST(MatchesNoProxy, StarAloneMatchesEverything) {
  EXPECT_TRUE(MatchesNoProxy("*", "anything.example"));
  EXPECT_TRUE(MatchesNoProxy("foo.example, *", "10.1.2.3"));
  EXPECT_FALSE(MatchesNoProxy("*foo", "bar.example"));
}

TEST(MatchesNoProxy, CaseSpacesAndEmptyEntriesAreForgiven) {
  EXPECT_TRUE(MatchesNoProxy("  Example.COM ,other", "api.example.com"));
  EXPECT_TRUE(MatchesNoProxy(",,other.example,,", "other.example"));
  EXPECT_TRUE(MatchesNoProxy("example.com", "API.EXAMPLE.COM."));
  EXPECT_FALSE(MatchesNoProxy("", "example.com"));
  EXPECT_FALSE(MatchesNoProxy(" , ", "example.com"));
}

TEST(MatchesNoProxy, EntriesArePortLess) {
  EXPECT_TRUE(MatchesNoProxy("example.com:8443", "example.com"));
  EXPECT_TRUE(MatchesNoProxy("10.0.0.5:443", "10.0.0.5"));
}

TEST(MatchesNoProxy, AddressesCompareAsAddresses) {
  EXPECT_TRUE(MatchesNoProxy("10.0.0.5", "10.0.0.5"));
  EXPECT_FALSE(MatchesNoProxy("10.0.0.5", "10.0.0.50"));
  EXPECT_FALSE(MatchesNoProxy("0.0.5", "10.0.0.5"));  // not a suffix match on digits
  EXPECT_TRUE(MatchesNoProxy("10.0.0.0/8", "10.200.3.4"));
  EXPECT_FALSE(MatchesNoProxy("10.0.0.0/8", "11.0.0.1"));
  EXPECT_TRUE(MatchesNoProxy("192.168.1.0/25", "192.168.1.127"));
  EXPECT_FALSE(MatchesNoProxy("192.168.1.0/25", "192.168.1.128"));
  EXPECT_TRUE(MatchesNoProxy("fd00::/8", "fd12::1"));
  EXPECT_TRUE(MatchesNoProxy("[2001:db8::1]", "2001:db8::1"));
  EXPECT_FALSE(MatchesNoProxy("10.0.0.0/8", "ten.example"));
  EXPECT_FALSE(MatchesNoProxy("10.0.0.0/x", "10.0.0.1"));
}

TEST(ParseProxyUrl, ReadsSchemeHostPortAndCredentials) {
  auto proxy = ParseProxyUrl("http://alice:s%40cret@proxy.example:3128/", "HTTPS_PROXY");
  ASSERT_TRUE(proxy.ok()) << proxy.error().message();
  EXPECT_EQ(proxy.value().host, "proxy.example");
  EXPECT_EQ(proxy.value().port, 3128);
  EXPECT_EQ(proxy.value().username, "alice");
  EXPECT_EQ(proxy.value().password, "s@cret");
  EXPECT_EQ(proxy.value().Display(), "http://alice:[redacted]@proxy.example:3128");
}

TEST(ParseProxyUrl, SchemeIsOptionalAndThePortDefaultsTo1080) {
  auto proxy = ParseProxyUrl("proxy.example", "HTTPS_PROXY");
  ASSERT_TRUE(proxy.ok());
  EXPECT_EQ(proxy.value().host, "proxy.example");
  EXPECT_EQ(proxy.value().port, 1080);
  EXPECT_TRUE(proxy.value().username.empty());
}

TEST(ParseProxyUrl, ReadsBracketedIpv6) {
  auto proxy = ParseProxyUrl("http://[fd00::1]:8080", "HTTPS_PROXY");
  ASSERT_TRUE(proxy.ok());
  EXPECT_EQ(proxy.value().host, "fd00::1");
  EXPECT_EQ(proxy.value().port, 8080);
  EXPECT_EQ(proxy.value().Display(), "http://[fd00::1]:8080");
}

TEST(ParseProxyUrl, RefusesWhatItCannotUseWithoutQuotingThePassword) {
  for (const char* url : {"https://proxy:443", "socks5://proxy:1080", "http://proxy:99999",
                          "http://proxy:port", "http://:3128", "http://proxy:3128/path",
                          "http://user:pa%zzss@proxy:1", "http://[fd00::1:8080"}) {
    auto proxy = ParseProxyUrl(url, "HTTPS_PROXY");
    EXPECT_FALSE(proxy.ok()) << url;
    if (!proxy.ok()) {
      EXPECT_EQ(proxy.error().kind(), ErrorKind::kConfig) << url;
      EXPECT_NE(proxy.error().message().find("HTTPS_PROXY"), std::string::npos) << url;
      EXPECT_EQ(proxy.error().message().find("pa%zzss"), std::string::npos) << url;
    }
  }
}

}  // namespace
}  // namespace influxctl::rest
