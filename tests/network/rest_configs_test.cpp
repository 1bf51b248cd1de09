// SPDX-License-Identifier: Apache-2.0
//
// configs/rest-emulator.toml works as its comments say: each profile,
// pointed at an emulator started the way the comments start it (only the
// fixed port is swapped for a free one), creates and lists tokens.

#include <fstream>
#include <sstream>

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;

class RestConfigsTest : public RestNetworkTest {
 protected:
  // The example file with `fixed_port` replaced by `port`, written to the test folder.
  std::string ExampleWithPort(const std::string& fixed_port, int port) {
    std::filesystem::path source = std::filesystem::path(__FILE__).parent_path().parent_path() /
                                   ".." / "configs" / "rest-emulator.toml";
    std::ifstream in(source);
    EXPECT_TRUE(in) << "cannot read " << source;
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    const std::string from = "port = \"" + fixed_port + "\"";
    auto at = config.find(from);
    EXPECT_NE(at, std::string::npos) << from << " is not in " << source;
    if (at != std::string::npos) {
      config.replace(at, from.size(), "port = \"" + std::to_string(port) + "\"");
    }
    std::filesystem::path path = dir() / "rest-emulator.toml";
    std::ofstream(path) << config;
    return path.string();
  }

  void CreateAndList(const std::string& config, const std::string& profile) {
    RunResult created = Run(config, {"--profile", profile, "management", "create", "--description",
                                     "from the example", "--format", "json"});
    ASSERT_EQ(created.exit_code, 0) << created;
    RunResult listed =
        Run(config, {"--profile", profile, "management", "list", "--format", "json"});
    ASSERT_EQ(listed.exit_code, 0) << listed;
    EXPECT_EQ(ParseArray(listed.out)->size(), 1u) << listed;
  }
};

TEST_F(RestConfigsTest, TheClusteredProfileWorksAgainstAnEmulator) {
  EmulatorOptions options;
  options.accept_tokens = {"emulator-token"};
  EmulatorProcess emulator(options);
  CreateAndList(ExampleWithPort("18086", emulator.rest_port()), "default");
}

TEST_F(RestConfigsTest, TheDedicatedProfileWorksAgainstAnEmulator) {
  EmulatorOptions options;
  options.product = "dedicated";
  options.account_id = "demo-account";
  options.accept_tokens = {"emulator-token"};
  EmulatorProcess emulator(options);
  CreateAndList(ExampleWithPort("18087", emulator.rest_port()), "dedicated");
}

}  // namespace
}  // namespace influxctl::testing
