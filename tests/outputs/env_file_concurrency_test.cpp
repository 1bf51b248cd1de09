// SPDX-License-Identifier: Apache-2.0
//
// Parallel runs of influxctl writing to one dotenv file: the lock on
// "<file>.lock" is held across read, edit and replace, so a run never writes
// back a file read before another run's replace. Runs that update different
// variables all survive; runs that update the same one leave exactly one
// line for it, holding one of their tokens.

#include <set>

#include "env_file_fixture.hpp"

namespace influxctl::e2e {
namespace {

using EnvFileConcurrencyTest = EnvFileTest;

constexpr int kRuns = 6;

// Starts kRuns creates at once, run i with profile p<i>, and waits for all;
// run i leaves out<i>.json, err<i>.txt and its exit status in rc<i>.
constexpr const char* kParallelCreates = R"(
bin=$1; config=$2; runs=$3
i=0
while [ "$i" -lt "$runs" ]; do
  ( "$bin" --config "$config" --profile "p$i" management create --format json \
      > "out$i.json" 2> "err$i.txt"; echo $? > "rc$i" ) &
  i=$((i + 1))
done
wait
)";

// A config with profiles p0..p<kRuns-1>, all on one mock state file and one
// dotenv file; profile i writes the variable `variable(i)`.
template <typename Name>
std::string ParallelConfig(Name variable) {
  std::string config;
  for (int i = 0; i < kRuns; ++i) {
    config += "[[profile]]\nname = \"p" + std::to_string(i) +
              "\"\n\n[profile.transport]\nplugin = \"mock\"\nstate_file = \"state.json\"\n\n"
              "[[profile.output]]\nplugin = \"env-file\"\npath = \"app/.env\"\nvariable = \"" +
              variable(i) + "\"\n\n";
  }
  return config;
}

TEST_F(EnvFileConcurrencyTest, RunsUpdatingDifferentVariablesAllSurvive) {
  WriteFile("app/.env", "# shared by every run\n");
  auto config =
      WriteFile("config.toml", ParallelConfig([](int i) { return "VAR_" + std::to_string(i); }));

  // Several rounds: the first appends every variable, the later ones replace.
  for (int round = 0; round < 3; ++round) {
    RunResult all =
        RunSh(kParallelCreates, {InfluxctlPath(), config.string(), std::to_string(kRuns)});
    ASSERT_EQ(all.exit_code, 0) << all;

    for (int i = 0; i < kRuns; ++i) {
      std::string n = std::to_string(i);
      ASSERT_EQ(ReadFile(Path("rc" + n)), "0\n") << ReadFile(Path("err" + n + ".txt"));
      std::string token =
          ParseObject(ReadFile(Path("out" + n + ".json")))->getValue<std::string>("token");
      EXPECT_EQ(ShRead(EnvPath(), "VAR_" + n), token) << "round " << round << ", run " << i;
    }
    std::vector<std::string> lines = Lines(ReadFile(EnvPath()));
    ASSERT_EQ(lines.size(), 1u + kRuns) << ReadFile(EnvPath());
    EXPECT_EQ(lines[0], "# shared by every run");
    EXPECT_EQ(Listing(AppDir()), (std::vector<std::string>{".env", ".env.lock"}));
  }
  EXPECT_EQ(MockTokens().size(), 3u * kRuns);
}

TEST_F(EnvFileConcurrencyTest, RunsUpdatingTheSameVariableLeaveOneLine) {
  auto config = WriteFile("config.toml", ParallelConfig([](int) { return "SHARED_TOKEN"; }));

  RunResult all =
      RunSh(kParallelCreates, {InfluxctlPath(), config.string(), std::to_string(kRuns)});

  ASSERT_EQ(all.exit_code, 0) << all;
  std::set<std::string> tokens;
  for (int i = 0; i < kRuns; ++i) {
    std::string n = std::to_string(i);
    ASSERT_EQ(ReadFile(Path("rc" + n)), "0\n") << ReadFile(Path("err" + n + ".txt"));
    tokens.insert(ParseObject(ReadFile(Path("out" + n + ".json")))->getValue<std::string>("token"));
  }
  EXPECT_EQ(Lines(ReadFile(EnvPath())).size(), 1u) << ReadFile(EnvPath());
  EXPECT_EQ(tokens.count(ShRead(EnvPath(), "SHARED_TOKEN")), 1u);
}

}  // namespace
}  // namespace influxctl::e2e
