// SPDX-License-Identifier: Apache-2.0
//
// The fixture every end-to-end test uses: a fresh temporary folder per test
// (removed afterwards), a controlled environment (TZ=UTC, HOME inside the
// folder, no XDG_CONFIG_HOME, no INFLUXCTL_* variables unless a test sets
// them), and readers for what influxctl and the mock leave behind: JSON on
// stdout, the mock's state file and journal. Tests never share a file, so they
// run in parallel.

#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run_influxctl.hpp"

namespace influxctl::e2e {

// A token as the mock's state file records it.
struct StoredToken {
  std::string id;
  std::string description;
  bool revoked = false;
};

class E2eTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The test's own folder, and paths inside it.
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path Path(std::string_view name) const { return dir_ / name; }
  std::filesystem::path WriteFile(std::string_view name, std::string_view text) const;

  // A config whose "default" profile uses the mock with state.json and
  // journal.jsonl in the test folder; `extra` goes into [profile.transport].
  std::filesystem::path WriteMockConfig(std::string_view extra = "") const;

  // Runs influxctl in the test folder with env_.
  RunResult Run(const std::vector<std::string>& args,
                std::optional<std::string> stdin_text = std::nullopt) const;

  // Runs influxctl with --config first.
  RunResult RunWithConfig(const std::filesystem::path& config, std::vector<std::string> args) const;

  // What the mock recorded in state.json (empty when there is no file yet).
  std::vector<StoredToken> MockTokens() const;
  // The journal's lines, parsed; each line must be one JSON object.
  std::vector<Poco::JSON::Object::Ptr> JournalLines() const;
  int JournalCalls(std::string_view call) const;

  // The environment of every run; tests add or change variables.
  Poco::Process::Env env_;

 private:
  std::filesystem::path dir_;
};

std::string ReadFile(const std::filesystem::path& path);
std::string SourcePath(std::string_view relative);  // a file in the source tree
std::string TestPluginDir();

// JSON parsed with the keys kept in document order. Throws (failing the test)
// on invalid JSON or the wrong top-level type.
Poco::JSON::Object::Ptr ParseObject(const std::string& text);
Poco::JSON::Array::Ptr ParseArray(const std::string& text);
std::vector<std::string> KeysOf(const Poco::JSON::Object::Ptr& object);

std::vector<std::string> Lines(std::string_view text);  // without the line breaks

// The token on the last line of `create --format table` output.
std::string LastLine(std::string_view text);

// Whether `text` holds any 12 consecutive characters of `secret`: more than
// the 9-character prefix that list and logs may show.
bool ContainsPartOf(std::string_view text, std::string_view secret);

}  // namespace influxctl::e2e
