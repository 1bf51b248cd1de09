// SPDX-License-Identifier: Apache-2.0
//
// The SDK for out-of-tree output plugins, end to end: the build is installed
// into a temporary prefix, the example plugin project in tests/sdk (copied
// out of the source tree first) is configured with
// find_package(influxctl CONFIG REQUIRED) and CMAKE_PREFIX_PATH set to that
// prefix, built in a temporary folder, and the INSTALLED influxctl finds the
// new plugin through INFLUXCTL_PLUGIN_PATH and plugin_paths and delivers a
// token through it. The tools (cmake, its generator, the compiler) are the
// ones the build itself was configured with, read from its CMakeCache.txt.

#include <sys/stat.h>

#include <fstream>
#include <map>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

namespace fs = std::filesystem;

// NAME:TYPE=VALUE lines of the build's CMakeCache.txt.
std::map<std::string, std::string> ReadCmakeCache() {
  std::map<std::string, std::string> cache;
  std::ifstream in(fs::path(INFLUXCTL_BUILD_DIR) / "CMakeCache.txt");
  std::string line;
  while (std::getline(in, line)) {
    std::size_t colon = line.find(':');
    std::size_t equals = line.find('=');
    if (line.empty() || line[0] == '#' || line[0] == '/' || colon == std::string::npos ||
        equals == std::string::npos || colon > equals) {
      continue;
    }
    cache[line.substr(0, colon)] = line.substr(equals + 1);
  }
  return cache;
}

class SdkPackageTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    cache_ = ReadCmakeCache();
    ASSERT_FALSE(cache_["CMAKE_COMMAND"].empty()) << "no CMakeCache.txt in " << INFLUXCTL_BUILD_DIR;
  }

  RunResult RunTool(const std::string& program, const std::vector<std::string>& args) const {
    RunOptions options;
    options.env = env_;
    options.working_dir = dir().string();
    return RunProgram(program, args, options);
  }

  RunResult Cmake(const std::vector<std::string>& args) const {
    return RunTool(cache_.at("CMAKE_COMMAND"), args);
  }

  std::map<std::string, std::string> cache_;
};

TEST_F(SdkPackageTest, BuildsAndDeliversOutOfTree) {
  const fs::path prefix = Path("prefix");
  const fs::path source = Path("my-output");
  const fs::path build = Path("build");
  const fs::path influxctl = prefix / "bin/influxctl";

  // 1. Install: headers, libraries, plugins and the CMake package.
  RunResult installed = Cmake({"--install", INFLUXCTL_BUILD_DIR, "--prefix", prefix.string()});
  ASSERT_EQ(installed.exit_code, 0) << installed;
  for (const char* file :
       {"bin/influxctl", "include/influxctl/plugin.hpp", "include/influxctl/output.hpp",
        "lib/libinfluxctl-core.so", "lib/libinfluxctl-formats.so",
        "lib/influxctl/plugins/influxctl-plugin-mock.so",
        "lib/cmake/influxctl/influxctlConfig.cmake",
        "lib/cmake/influxctl/influxctlConfigVersion.cmake",
        "lib/cmake/influxctl/influxctlTargets.cmake",
        "lib/cmake/influxctl/InfluxctlPlugin.cmake"}) {
    EXPECT_TRUE(fs::exists(prefix / file)) << file;
  }
  // The package is relocatable: it names neither the build nor the source tree.
  for (const auto& file : fs::directory_iterator(prefix / "lib/cmake/influxctl")) {
    std::string text = ReadFile(file.path());
    EXPECT_EQ(text.find(INFLUXCTL_BUILD_DIR), std::string::npos) << file.path();
    EXPECT_EQ(text.find(INFLUXCTL_SOURCE_DIR), std::string::npos) << file.path();
  }

  // 2. Configure and build the example project, copied out of the source tree.
  fs::copy(SourcePath("tests/sdk"), source, fs::copy_options::recursive);
  RunResult configured =
      Cmake({"-S", source.string(), "-B", build.string(), "-G", cache_["CMAKE_GENERATOR"],
             "-DCMAKE_MAKE_PROGRAM=" + cache_["CMAKE_MAKE_PROGRAM"],
             "-DCMAKE_CXX_COMPILER=" + cache_["CMAKE_CXX_COMPILER"],
             "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_PREFIX_PATH=" + prefix.string()});
  ASSERT_EQ(configured.exit_code, 0) << configured;
  EXPECT_NE(ReadFile(build / "CMakeCache.txt")
                .find("influxctl_DIR:PATH=" + (prefix / "lib/cmake/influxctl").string()),
            std::string::npos)
      << "the package was not found in the prefix";
  RunResult built = Cmake({"--build", build.string()});
  ASSERT_EQ(built.exit_code, 0) << built;
  const fs::path plugin_dir = build / "lib/influxctl/plugins";
  ASSERT_TRUE(fs::exists(plugin_dir / "influxctl-plugin-my-output.so")) << built;

  // 3. The installed influxctl finds it through INFLUXCTL_PLUGIN_PATH...
  env_["INFLUXCTL_PLUGIN_PATH"] = plugin_dir.string();
  RunResult described = RunTool(influxctl.string(), {"plugins", "describe", "my-output"});
  ASSERT_EQ(described.exit_code, 0) << described;
  EXPECT_NE(described.out.find("my-output 1.0.0 (output)"), std::string::npos) << described;
  EXPECT_NE(described.out.find((plugin_dir / "influxctl-plugin-my-output.so").string()),
            std::string::npos)
      << described;
  env_.erase("INFLUXCTL_PLUGIN_PATH");

  // ...and through the config's plugin_paths, and delivers a token through it.
  fs::create_directory(Path("delivered"));
  std::string config = "plugin_paths = [\"" + plugin_dir.string() + "\"]\n\n" +
                       ReadFile(WriteMockConfig("\n[[profile.output]]\nplugin = \"my-output\"\n"
                                                "path = \"delivered/token.txt\"\n"));
  fs::path config_file = WriteFile("config.toml", config);
  std::vector<std::string> create{"--config", config_file.string(), "management",
                                  "create",   "--description",      "out of tree"};
  RunResult run = RunTool(influxctl.string(), create);

  ASSERT_EQ(run.exit_code, 0) << run;
  std::vector<StoredToken> tokens = MockTokens();
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(ReadFile(Path("delivered/token.txt")), tokens[0].id + "\n" + LastLine(run.out) + "\n");
  struct stat info {};
  ASSERT_EQ(::stat(Path("delivered/token.txt").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  // 4. Its preflight takes part too: the file exists now, so nothing is created.
  RunResult again = RunTool(influxctl.string(), create);
  EXPECT_EQ(again.exit_code, 1) << again;
  EXPECT_NE(again.err.find("exists already"), std::string::npos) << again;
  EXPECT_NE(again.err.find("no token was created"), std::string::npos) << again;
  EXPECT_EQ(MockTokens().size(), 1u);
}

}  // namespace
}  // namespace influxctl::e2e
