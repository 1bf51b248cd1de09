// SPDX-License-Identifier: Apache-2.0
//
// Plugins as the command line meets them: one built for another API version
// is refused before any of its code runs, one that throws never takes the
// process down, a misspelt name lists what exists, `plugins list` and
// `plugins describe` show what a user can configure, and a run loads only
// the libraries its route needs.

#include <filesystem>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

class PluginsTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    env_["INFLUXCTL_PLUGIN_PATH"] = TestPluginDir();
    env_["INFLUXCTL_TEST_LOAD_MARKER"] = marker().string();
  }

  // Test plugins append their name here when their code runs.
  std::filesystem::path marker() const { return Path("loaded-plugins.txt"); }

  std::string TransportConfig(std::string_view plugin, std::string_view settings = "") {
    return WriteFile("config.toml", std::string("[[profile]]\nname = \"default\"\n\n") +
                                        "[profile.transport]\nplugin = \"" + std::string(plugin) +
                                        "\"\n" + std::string(settings) + "\n")
        .string();
  }
};

TEST_F(PluginsTest, AWrongApiVersionIsRefusedBeforeItsCodeRuns) {
  std::string config = TransportConfig("wrong-api");

  RunResult run = Run({"--config", config, "management", "create", "--description", "x"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("wrong-api"), std::string::npos) << run;
  EXPECT_NE(run.err.find("version 99"), std::string::npos) << run;
  EXPECT_NE(run.err.find("version 1"), std::string::npos) << run;
  EXPECT_EQ(run.err.find("constructor ran"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(marker())) << ReadFile(marker());
}

// The check above can fail: a plugin of the right version that is loaded
// does leave the marker.
TEST_F(PluginsTest, ALoadedTestPluginLeavesTheMarker) {
  std::string config = TransportConfig("throwing");

  RunResult run = Run({"--config", config, "management", "list"});

  EXPECT_NE(run.err.find("test plugin throwing: constructor ran"), std::string::npos) << run;
  EXPECT_EQ(ReadFile(marker()), "throwing\n");
}

TEST_F(PluginsTest, DescribingAWrongApiPluginRefusesItToo) {
  RunResult run = Run({"plugins", "describe", "wrong-api"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("version 99"), std::string::npos) << run;
  EXPECT_FALSE(std::filesystem::exists(marker()));
}

TEST_F(PluginsTest, ListingReportsAWrongApiPluginAndGoesOn) {
  RunResult run = Run({"plugins", "list"});

  EXPECT_EQ(run.exit_code, 2) << run;
  for (const char* name : {"mock", "throwing", "test-output"}) {
    EXPECT_NE(run.out.find(std::string("\n") + name + " "), std::string::npos) << name << run;
  }
  EXPECT_EQ(run.out.find("wrong-api"), std::string::npos) << run;
  EXPECT_NE(run.err.find("influxctl-plugin-wrong-api.so"), std::string::npos) << run;
  EXPECT_NE(run.err.find("version 99"), std::string::npos) << run;
  EXPECT_EQ(ReadFile(marker()).find("wrong-api"), std::string::npos);
}

struct ThrowingCase {
  const char* name;
  std::vector<std::string> command;
  const char* exception;  // the plugin's `exception` setting
  const char* expected;   // in the message
};

void PrintTo(const ThrowingCase& c, std::ostream* out) {
  *out << c.name;
}

class ThrowingCallTest : public PluginsTest, public ::testing::WithParamInterface<ThrowingCase> {};

TEST_P(ThrowingCallTest, ExitsOneNamingThePlugin) {
  const ThrowingCase& c = GetParam();
  std::string config =
      TransportConfig("throwing", std::string("exception = \"") + c.exception + "\"");
  std::vector<std::string> args = {"--config", config};
  args.insert(args.end(), c.command.begin(), c.command.end());

  RunResult run = Run(args);

  EXPECT_EQ(run.exit_code, 1) << run;  // not killed by a signal, not 2: the call was made
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("transport \"throwing\""), std::string::npos) << run;
  EXPECT_NE(run.err.find(c.expected), std::string::npos) << run;
  EXPECT_EQ(run.err.find("unexpected failure"), std::string::npos) << run;
}

INSTANTIATE_TEST_SUITE_P(
    Calls,
    ThrowingCallTest,
    ::testing::Values(
        ThrowingCase{"CreateStd", {"management", "create"}, "std", "Create blew up on purpose"},
        ThrowingCase{"ListStd", {"management", "list"}, "std", "List blew up on purpose"},
        ThrowingCase{
            "RevokeStd", {"management", "revoke", "--force", "t1"}, "std", "Revoke blew up"},
        ThrowingCase{"CreateInt", {"management", "create"}, "int", "unknown exception"},
        ThrowingCase{"ListInt", {"management", "list"}, "int", "unknown exception"},
        ThrowingCase{
            "RevokeInt", {"management", "revoke", "--force", "t1"}, "int", "unknown exception"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(PluginsTest, AThrowingFactoryIsAPluginErrorAndNothingIsSent) {
  for (const char* exception : {"std", "int"}) {
    std::string config = TransportConfig(
        "throwing", std::string("throw_from = \"factory\"\nexception = \"") + exception + "\"");

    RunResult run = Run({"--config", config, "management", "create"});

    EXPECT_EQ(run.exit_code, 2) << exception << run;
    EXPECT_EQ(run.out, "") << run;
    EXPECT_NE(run.err.find("transport \"throwing\""), std::string::npos) << run;
  }
}

// Endpoint() is plugin code like any other call: what it throws must stop at
// the plugin boundary and name the plugin, during set-up (nothing sent).
TEST_F(PluginsTest, AThrowingEndpointIsAPluginError) {
  std::string config = TransportConfig("throwing", "throw_from = \"endpoint\"");

  RunResult run = Run({"--config", config, "management", "list"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("transport \"throwing\""), std::string::npos) << run;
  EXPECT_EQ(run.err.find("unexpected failure"), std::string::npos) << run;
}

TEST_F(PluginsTest, AMisspeltPluginListsWhatExistsAndSuggestsTheNearest) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");
  std::string config = TransportConfig("mokc");

  RunResult run = Run({"--config", config, "management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("\"mokc\" not found"), std::string::npos) << run;
  EXPECT_NE(run.err.find("did you mean \"mock\""), std::string::npos) << run;
  // "available: a, b, mock (searched ...)": mock is one of the listed names.
  std::size_t listed = run.err.find("available: ");
  ASSERT_NE(listed, std::string::npos) << run;
  std::string names = run.err.substr(listed + 11, run.err.find(" (", listed) - listed - 11);
  EXPECT_NE((", " + names + ",").find(", mock,"), std::string::npos) << names;
  EXPECT_NE(run.err.find("INFLUXCTL_PLUGIN_PATH"), std::string::npos) << run;
}

TEST_F(PluginsTest, AnOutputNamedAsTransportIsRefused) {
  std::string config = TransportConfig("test-output");

  RunResult run = Run({"--config", config, "management", "create"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_NE(run.err.find("\"test-output\" is an output, not a transport"), std::string::npos)
      << run;
}

TEST_F(PluginsTest, PluginPathsInTheConfigAreSearched) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");
  std::string config = WriteFile("config.toml", "plugin_paths = [\"" + TestPluginDir() +
                                                    "\"]\n\n[[profile]]\nname = \"default\"\n\n"
                                                    "[profile.transport]\nplugin = \"throwing\"\n")
                           .string();

  RunResult run = Run({"--config", config, "management", "list"});

  EXPECT_EQ(run.exit_code, 1) << run;  // found, loaded, and its List threw
  EXPECT_NE(run.err.find("List blew up on purpose"), std::string::npos) << run;
}

TEST_F(PluginsTest, PluginsListShowsTheInstalledMock) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");

  RunResult run = Run({"plugins", "list"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "") << run;
  std::vector<std::string> lines = Lines(run.out);
  ASSERT_GE(lines.size(), 2u) << run;
  EXPECT_TRUE(lines[0].starts_with("NAME")) << run;
  bool found = false;
  for (const std::string& line : lines) {
    if (line.starts_with("mock ")) {
      found = true;
      EXPECT_NE(line.find("transport"), std::string::npos) << line;
      EXPECT_NE(line.find("1.0.0"), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(found) << run;
  EXPECT_EQ(run.out.find("throwing"), std::string::npos) << "test plugins are not installed";
}

TEST_F(PluginsTest, DescribeMockShowsEverySettingAndASampleBlock) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");

  RunResult run = Run({"plugins", "describe", "mock"});

  ASSERT_EQ(run.exit_code, 0) << run;
  EXPECT_EQ(run.err, "") << run;
  EXPECT_TRUE(run.out.starts_with("mock 1.0.0 (transport)")) << run;
  for (const char* key : {"seed", "state_file", "account_id", "created_by", "now", "fail_call",
                          "fail_kind", "fail_message", "fail_after", "latency", "journal"}) {
    EXPECT_NE(run.out.find(std::string("\n  ") + key + " ("), std::string::npos) << key << run;
  }
  std::size_t sample = run.out.find("[profile.transport]\nplugin = \"mock\"\n");
  ASSERT_NE(sample, std::string::npos) << run;

  // The sample block is a working profile as printed.
  std::string config =
      WriteFile("sample.toml", "[[profile]]\nname = \"default\"\n\n" + run.out.substr(sample))
          .string();
  RunResult create = Run({"--config", config, "management", "create", "--format", "json"});
  EXPECT_EQ(create.exit_code, 0) << create;
}

TEST_F(PluginsTest, DescribingAnUnknownPluginSuggestsTheNearest) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");

  RunResult run = Run({"plugins", "describe", "mokc"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("did you mean \"mock\""), std::string::npos) << run;
}

// The mock with the table format needs no networking library: the gRPC and
// Poco::Net libraries must not even be mapped. LD_DEBUG=files makes the
// dynamic loader log every file it maps, on stderr.
TEST_F(PluginsTest, ACreateThroughTheMockMapsNoNetworkingLibrary) {
  env_.erase("INFLUXCTL_PLUGIN_PATH");
  std::string config = TransportConfig("mock");
  env_["LD_DEBUG"] = "files";

  RunResult run = Run({"--config", config, "management", "create", "--description", "x"});

  ASSERT_EQ(run.exit_code, 0) << run;
  // The loader did log: the mock plugin itself was mapped.
  ASSERT_NE(run.err.find("influxctl-plugin-mock.so"), std::string::npos) << run;
  EXPECT_EQ(run.err.find("libgrpc"), std::string::npos) << run;
  EXPECT_EQ(run.err.find("libPocoNet"), std::string::npos) << run;
}

}  // namespace
}  // namespace influxctl::e2e
