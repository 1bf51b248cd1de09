// SPDX-License-Identifier: Apache-2.0
//
// configs/grpc-emulator.toml works as its comments say: each of its profiles,
// copied with only the fixed ports swapped for the emulator's free ones (and
// its emulator-pki folder filled with test certificates), creates and lists
// tokens through the gRPC transport.

#include <gmock/gmock.h>

#include <regex>
#include <sstream>

#include "emulator/test_certificates.hpp"
#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

using ::testing::HasSubstr;

constexpr const char* kExampleCredential = "emulator-demo-credential";

std::string ReadExampleConfig() {
  std::filesystem::path source =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "configs" /
      "grpc-emulator.toml";
  std::ifstream in(source);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class GrpcConfigTest : public GrpcNetworkTest {
 protected:
  // The example with `port = "<fixed>"` replaced by `port = "<actual>"`.
  std::string CopyExample(const std::string& fixed_port, int actual_port) {
    std::string text = ReadExampleConfig();
    EXPECT_THAT(text, HasSubstr("port = \"" + fixed_port + "\""));
    text = std::regex_replace(text, std::regex("port = \"" + fixed_port + "\""),
                              "port = \"" + std::to_string(actual_port) + "\"");
    std::string path = (dir_ / "grpc-emulator.toml").string();
    std::ofstream(path) << text;
    return path;
  }

  RunResult RunExample(const std::string& config,
                       const std::string& profile,
                       std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config, "--profile", profile});
    e2e::RunOptions options;
    options.env = Environment();
    return e2e::RunInfluxctl(args, options);
  }

  static EmulatorOptions ExampleEmulator(const std::string& product = "clustered") {
    EmulatorOptions options = Emulator(product);
    options.accept_tokens = {kExampleCredential};
    return options;
  }
};

TEST_F(GrpcConfigTest, DefaultProfileCreatesAndLists) {
  EmulatorProcess emulator(ExampleEmulator());
  std::string config = CopyExample("50051", emulator.grpc_port());

  RunResult created =
      RunExample(config, "default", {"management", "create", "--description", "first"});
  ASSERT_EQ(created.exit_code, 0) << created;
  RunResult listed = RunExample(config, "default", {"management", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  EXPECT_THAT(listed.out, HasSubstr("first"));
}

TEST_F(GrpcConfigTest, TlsProfileTrustsTheCaBesideIt) {
  testing::TestCertificates pki = testing::MakeTestCertificates((dir_ / "emulator-pki").string());
  // The profile names emulator-pki/ca.pem; the harness may use another name.
  std::filesystem::path ca = dir_ / "emulator-pki" / "ca.pem";
  if (!std::filesystem::exists(ca) || !std::filesystem::equivalent(pki.ca_cert, ca)) {
    std::filesystem::copy_file(pki.ca_cert, ca, std::filesystem::copy_options::overwrite_existing);
  }
  EmulatorOptions options = ExampleEmulator();
  options.tls_cert = pki.server_cert;
  options.tls_key = pki.server_key;
  EmulatorProcess emulator(options);
  std::string config = CopyExample("50052", emulator.grpc_port());

  RunResult listed = RunExample(config, "emulator-tls", {"management", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed;
}

TEST_F(GrpcConfigTest, DedicatedProfileNamesItsAccount) {
  EmulatorOptions options = ExampleEmulator("dedicated");
  options.account_id = "8a6e2f0c-1b7d-4c3e-9f5a-2d4b6c8e0a1f";
  EmulatorProcess emulator(options);
  std::string config = CopyExample("50053", emulator.grpc_port());

  RunResult created =
      RunExample(config, "emulator-dedicated", {"management", "create", "--format", "json"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_EQ(ParseObject(created.out)->getValue<std::string>("account_id"), options.account_id);
}

}  // namespace
}  // namespace influxctl::grpc_network
