// SPDX-License-Identifier: Apache-2.0
//
// The pass tests' fixture (see pass_fixture.hpp). The GnuPG home sits in the
// test's folder under a short name: gpg-agent puts its sockets there, and a
// socket path may not exceed 107 bytes.

#include "pass_fixture.hpp"

#include <sys/stat.h>

namespace influxctl::e2e {
namespace {

constexpr const char* kGpg = "/usr/bin/gpg";
constexpr const char* kGpgconf = "/usr/bin/gpgconf";
constexpr const char* kPass = "/usr/bin/pass";
constexpr std::size_t kMaxSocketPath = 107;

}  // namespace

void PassTest::SetUp() {
  E2eTest::SetUp();
  ASSERT_TRUE(std::filesystem::exists(kPass) && std::filesystem::exists(kGpg))
      << "these tests need pass and GnuPG: apt-get install pass gnupg (setup.sh does)";
  ASSERT_LE((GnupgHome() / "S.gpg-agent.browser").string().size(), kMaxSocketPath)
      << "the test folder's path is too long for gpg-agent's sockets; shorten the test's name";
  std::filesystem::create_directory(GnupgHome());
  ::chmod(GnupgHome().c_str(), 0700);
  env_["GNUPGHOME"] = GnupgHome().string();
  env_["PASSWORD_STORE_DIR"] = Store().string();

  // A throwaway key, no passphrase, made without a terminal.
  RunResult made = RunTool(kGpg, {"--batch", "--passphrase", "", "--quick-gen-key",
                                  "Test <t@example.invalid>", "default", "default", "never"});
  ASSERT_EQ(made.exit_code, 0) << made;
  RunResult listed = RunTool(kGpg, {"--batch", "--with-colons", "--list-secret-keys"});
  ASSERT_EQ(listed.exit_code, 0) << listed;
  for (const std::string& line : Lines(listed.out)) {
    // fpr:::::::::<fingerprint>:
    if (line.starts_with("fpr:") && fingerprint_.empty()) {
      std::size_t end = line.rfind(':');
      std::size_t start = line.rfind(':', end - 1) + 1;
      fingerprint_ = line.substr(start, end - start);
    }
  }
  ASSERT_EQ(fingerprint_.size(), 40u) << listed;

  RunResult initialised = RunTool(kPass, {"init", fingerprint_});
  ASSERT_EQ(initialised.exit_code, 0) << initialised;
}

void PassTest::TearDown() {
  if (!fingerprint_.empty() || std::filesystem::exists(GnupgHome())) {
    RunTool(kGpgconf, {"--kill", "gpg-agent"});
  }
  E2eTest::TearDown();
}

RunResult PassTest::RunTool(const std::string& program,
                            const std::vector<std::string>& args,
                            std::optional<std::string> stdin_text) const {
  RunOptions options;
  options.env = env_;
  options.stdin_text = std::move(stdin_text);
  options.working_dir = dir().string();
  return RunProgram(program, args, options);
}

RunResult PassTest::PassShow(std::string_view entry) const {
  return RunTool(kPass, {"show", std::string(entry)});
}

void PassTest::PassInsert(std::string_view entry, std::string_view text) const {
  RunResult inserted =
      RunTool(kPass, {"insert", "--multiline", "--force", std::string(entry)}, std::string(text));
  ASSERT_EQ(inserted.exit_code, 0) << inserted;
}

std::filesystem::path PassTest::WritePassConfigWithoutStore(
    std::string_view output_settings) const {
  return WriteMockConfig("\n[[profile.output]]\nplugin = \"pass\"\nentry = \"" +
                         std::string(kEntry) + "\"\n" + std::string(output_settings));
}

std::filesystem::path PassTest::WritePassConfig(std::string_view output_settings) const {
  return WritePassConfigWithoutStore("store = \"" + Store().string() + "\"\n" +
                                     std::string(output_settings));
}

std::filesystem::path PassTest::WriteScript(std::string_view name, std::string_view body) const {
  std::filesystem::path path = WriteFile(name, "#!/bin/sh\n" + std::string(body));
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

RunResult PassTest::Create(const std::filesystem::path& config,
                           std::vector<std::string> extra) const {
  std::vector<std::string> args{"--config", config.string(), "management", "create"};
  args.insert(args.end(), extra.begin(), extra.end());
  return Run(args);
}

}  // namespace influxctl::e2e
