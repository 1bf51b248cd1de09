// SPDX-License-Identifier: Apache-2.0
//
// The gRPC transport plugin as the engine loads it, in-process and without a
// cluster: what its factory refuses before any network call (a missing host,
// Dedicated without an account, malformed addresses, bad settings, unreadable
// TLS files, a credential that cannot travel in a header), the endpoint it
// reports, and that setting it up opens no connection. Needs the plugin built
// (target influxctl-plugin-grpc) in the build tree's plugin folder.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include <influxctl/engine.hpp>

namespace influxctl {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kCredential = "unit-test-credential-0b7e44";

// A profile whose transport is the gRPC plugin; `body` adds profile keys and tables.
Profile GrpcProfile(const std::string& body, bool with_credential = true) {
  std::string text = "[[profile]]\nname = \"default\"\n";
  if (with_credential) {
    text += "mgmt_token = \"" + std::string(kCredential) + "\"\n";
  }
  text += body;
  auto profile = ParseProfile(text, "grpc-unit.toml", "default");
  EXPECT_TRUE(profile.ok()) << profile.error().message();
  return profile.ok() ? profile.value() : Profile{};
}

Result<std::unique_ptr<Engine>> Open(const std::string& body, EngineOptions options = {}) {
  return Engine::Open(GrpcProfile(body), options);
}

class GrpcSetupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::path plugin = std::filesystem::path(INFLUXCTL_BUILD_DIR) / "lib" /
                                   "influxctl" / "plugins" / "influxctl-plugin-grpc.so";
    ASSERT_TRUE(std::filesystem::exists(plugin))
        << plugin << " is missing: build the influxctl-plugin-grpc target first";
  }
};

TEST_F(GrpcSetupTest, IsTheTransportWhenAProfileNamesNone) {
  auto engine = Open("host = \"cluster.example.com\"\n");
  ASSERT_TRUE(engine.ok()) << engine.error().message();
  EXPECT_EQ(engine.value()->TransportName(), "grpc");
  EXPECT_EQ(engine.value()->Endpoint(), "grpcs://cluster.example.com:443");
}

TEST_F(GrpcSetupTest, ReportsItsEndpoint) {
  struct Case {
    std::string body;
    std::string endpoint;
  };
  for (const Case& c : {
           Case{"host = \"localhost\"\nport = \"8443\"\n", "grpcs://localhost:8443"},
           Case{"host = \"localhost\"\nport = \"8086\"\n[profile.tls]\ndisable = true\n",
                "grpc://localhost:8086"},
           Case{"host = \"::1\"\n", "grpcs://[::1]:443"},
           Case{"host = \"[::1]\"\nport = \"9443\"\n", "grpcs://[::1]:9443"},
       }) {
    auto engine = Open(c.body);
    ASSERT_TRUE(engine.ok()) << c.body << engine.error().message();
    EXPECT_EQ(engine.value()->Endpoint(), c.endpoint) << c.body;
  }
}

TEST_F(GrpcSetupTest, AMissingHostIsAUsageErrorNamingHost) {
  auto engine = Open("[profile.transport]\nplugin = \"grpc\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(engine.error().message(), HasSubstr("host"));
}

TEST_F(GrpcSetupTest, DedicatedNeedsAnAccount) {
  auto engine = Open("product = \"dedicated\"\nhost = \"cluster.example.com\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(engine.error().message(), AllOf(HasSubstr("account_id"), HasSubstr("--account")));

  EngineOptions options;
  options.account_id = "8a6e2f0c-1b7d-4c3e-9f5a-2d4b6c8e0a1f";
  engine = Open("product = \"dedicated\"\nhost = \"cluster.example.com\"\n", options);
  EXPECT_TRUE(engine.ok()) << engine.error().message();
}

TEST_F(GrpcSetupTest, RefusesMalformedAddresses) {
  struct Case {
    std::string body;
    std::string expected;
  };
  for (const Case& c : {
           Case{"host = \"https://cluster.example.com/api\"\n", "host = \"cluster.example.com\""},
           Case{"host = \"cluster.example.com:443\"\n", "port"},
           Case{"host = \"cluster example\"\n", "not a host name"},
           Case{"host = \"cluster.example.com\"\nport = \"https\"\n", "TCP port"},
           Case{"host = \"cluster.example.com\"\nport = \"70000\"\n", "TCP port"},
       }) {
    auto engine = Open(c.body);
    ASSERT_FALSE(engine.ok()) << c.body;
    EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig) << c.body;
    EXPECT_THAT(engine.error().message(), HasSubstr(c.expected)) << c.body;
  }
}

TEST_F(GrpcSetupTest, NeedsACredential) {
  auto engine = Engine::Open(GrpcProfile("host = \"cluster.example.com\"\n", false), {});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kUsage);
  EXPECT_THAT(engine.error().message(), HasSubstr("needs a management token"));
}

TEST_F(GrpcSetupTest, RefusesACredentialThatCannotTravelInAHeader) {
  auto profile = ParseProfile(
      "[[profile]]\nname = \"default\"\nhost = \"cluster.example.com\"\n"
      "mgmt_token = \"broken-credential\\nsecond-line\"\n",
      "grpc-unit.toml", "default");
  ASSERT_TRUE(profile.ok()) << profile.error().message();
  auto engine = Engine::Open(profile.value(), {});
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(engine.error().message(), HasSubstr("mgmt_token"));
  EXPECT_THAT(engine.error().message(), Not(HasSubstr("broken-credential")));
}

TEST_F(GrpcSetupTest, ChecksItsSettings) {
  const std::string host =
      "host = \"cluster.example.com\"\n[profile.transport]\nplugin = \"grpc\"\n";
  auto engine = Open(host + "retries = -1\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(engine.error().message(), HasSubstr("retries"));

  engine = Open(host + "tls_server_name = \"cluster.example.com:443\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("tls_server_name"));

  // Keys outside the schema are the engine's to refuse, with the nearest name.
  engine = Open(host + "retires = 2\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(engine.error().message(), HasSubstr("did you mean \"retries\""));

  engine = Open(host + "retries = 0\nretry_delay = \"50ms\"\nretry_max_delay = \"1s\"\n");
  EXPECT_TRUE(engine.ok()) << engine.error().message();
}

TEST_F(GrpcSetupTest, ReadsTlsFilesBeforeConnecting) {
  const std::string host = "host = \"cluster.example.com\"\n[profile.tls]\n";
  auto engine = Open(host + "ca = \"/nonexistent/ca.pem\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().kind(), ErrorKind::kConfig);
  EXPECT_THAT(engine.error().message(),
              AllOf(HasSubstr("[profile.tls] ca"), HasSubstr("/nonexistent/ca.pem")));

  engine = Open(host + "key = \"/nonexistent/client.key\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("key is set without cert"));

  // This test's own source is no certificate.
  engine = Open(host + "ca = \"" + std::string(__FILE__) + "\"\n");
  ASSERT_FALSE(engine.ok());
  EXPECT_THAT(engine.error().message(), HasSubstr("holds no PEM certificate"));

  // With TLS disabled the files are not read at all.
  engine = Open(host + "disable = true\nca = \"/nonexistent/ca.pem\"\n");
  EXPECT_TRUE(engine.ok()) << engine.error().message();
}

TEST_F(GrpcSetupTest, SettingUpOpensNoConnection) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), size), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size), 0);

  auto engine = Open("host = \"127.0.0.1\"\nport = \"" + std::to_string(ntohs(address.sin_port)) +
                     "\"\n[profile.tls]\ndisable = true\n");
  ASSERT_TRUE(engine.ok()) << engine.error().message();

  // Nothing knocks within a while, although the engine and its channel exist.
  pollfd waiting{listener, POLLIN, 0};
  EXPECT_EQ(::poll(&waiting, 1, 200), 0);
  ::close(listener);
}

}  // namespace
}  // namespace influxctl
