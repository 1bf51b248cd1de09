// SPDX-License-Identifier: Apache-2.0
//
// The env-file tests' fixture (see env_file_fixture.hpp). Shell runs hand
// influxctl's path and arguments to sh as positional parameters, so nothing
// a test passes is ever parsed as shell text.

#include "env_file_fixture.hpp"

#include <sys/stat.h>

#include <algorithm>

namespace influxctl::e2e {
namespace {

constexpr const char* kShell = "/bin/sh";

}  // namespace

void EnvFileTest::SetUp() {
  E2eTest::SetUp();
  std::filesystem::create_directory(AppDir());
}

std::filesystem::path EnvFileTest::WriteEnvFileConfig(std::string_view output_settings) const {
  std::string settings(output_settings);
  if (settings.find("path =") == std::string::npos) {
    settings = "path = \"app/.env\"\n" + settings;
  }
  return WriteFile("config.toml", R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
state_file = "state.json"

[[profile.output]]
plugin = "env-file"
)" + settings + "\n");
}

RunResult EnvFileTest::Create(const std::filesystem::path& config,
                              std::vector<std::string> extra) const {
  std::vector<std::string> args{"management", "create", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunWithConfig(config, args);
}

RunResult EnvFileTest::CreateAfter(std::string_view shell_setup,
                                   const std::filesystem::path& config,
                                   std::vector<std::string> extra) const {
  std::vector<std::string> args{InfluxctlPath(), "--config", config.string(), "management",
                                "create",        "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunSh(std::string(shell_setup) + "; exec \"$@\"", args);
}

RunResult EnvFileTest::RunSh(std::string_view script, const std::vector<std::string>& args) const {
  std::vector<std::string> sh_args{"-c", std::string(script), "sh"};
  sh_args.insert(sh_args.end(), args.begin(), args.end());
  RunOptions options;
  options.env = env_;
  options.working_dir = dir().string();
  return RunProgram(kShell, sh_args, options);
}

std::string EnvFileTest::ShRead(const std::filesystem::path& file,
                                std::string_view variable) const {
  RunResult read = RunSh("set -a; . \"$1\"; eval \"printf %s \\\"\\$$2\\\"\"",
                         {file.string(), std::string(variable)});
  EXPECT_EQ(read.exit_code, 0) << read;
  return read.out;
}

std::string EnvFileTest::TokenOf(const RunResult& run) {
  return ParseObject(run.out)->getValue<std::string>("token");
}

std::string EnvFileTest::IdOf(const RunResult& run) {
  return ParseObject(run.out)->getValue<std::string>("id");
}

std::vector<std::string> EnvFileTest::Listing(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

mode_t EnvFileTest::ModeOf(const std::filesystem::path& file) {
  struct stat meta {};
  EXPECT_EQ(::stat(file.c_str(), &meta), 0) << file;
  return meta.st_mode & 07777;
}

uid_t EnvFileTest::OwnerOf(const std::filesystem::path& file) {
  struct stat meta {};
  EXPECT_EQ(::stat(file.c_str(), &meta), 0) << file;
  return meta.st_uid;
}

gid_t EnvFileTest::GroupOf(const std::filesystem::path& file) {
  struct stat meta {};
  EXPECT_EQ(::stat(file.c_str(), &meta), 0) << file;
  return meta.st_gid;
}

}  // namespace influxctl::e2e
