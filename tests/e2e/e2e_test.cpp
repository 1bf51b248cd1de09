// SPDX-License-Identifier: Apache-2.0
//
// The shared fixture (see e2e_test.hpp).

#include "e2e_test.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>

namespace influxctl::e2e {
namespace {

// Test names become folder names; parameterised names hold '/'.
std::string FolderSafe(std::string name) {
  for (char& c : name) {
    if (c == '/' || c == ' ') {
      c = '_';
    }
  }
  return name;
}

Poco::Dynamic::Var Parse(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
  return parser.parse(text);
}

}  // namespace

void E2eTest::SetUp() {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string pattern =
      (std::filesystem::temp_directory_path() /
       ("influxctl-e2e-" + FolderSafe(std::string(test->test_suite_name()) + "." + test->name()) +
        "-XXXXXX"))
          .string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "cannot create " << pattern;
  dir_ = pattern;
  std::filesystem::create_directory(dir_ / "home");

  env_ = {
      {"PATH", "/usr/bin:/bin"},
      {"HOME", (dir_ / "home").string()},
      {"TZ", "UTC"},
      {"LANG", "C.UTF-8"},
  };
}

void E2eTest::TearDown() {
  std::error_code ignored;
  if (!dir_.empty()) {
    std::filesystem::remove_all(dir_, ignored);
  }
}

std::filesystem::path E2eTest::WriteFile(std::string_view name, std::string_view text) const {
  std::filesystem::path path = Path(name);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  EXPECT_TRUE(out.flush()) << "cannot write " << path;
  return path;
}

std::filesystem::path E2eTest::WriteMockConfig(std::string_view extra) const {
  return WriteFile("config.toml", std::string(R"([[profile]]
name = "default"

[profile.transport]
plugin = "mock"
state_file = "state.json"
journal = "journal.jsonl"
)") + std::string(extra) + "\n");
}

RunResult E2eTest::Run(const std::vector<std::string>& args,
                       std::optional<std::string> stdin_text) const {
  RunOptions options;
  options.env = env_;
  options.stdin_text = std::move(stdin_text);
  options.working_dir = dir_.string();
  return RunInfluxctl(args, options);
}

RunResult E2eTest::RunWithConfig(const std::filesystem::path& config,
                                 std::vector<std::string> args) const {
  args.insert(args.begin(), {"--config", config.string()});
  return Run(args);
}

std::vector<StoredToken> E2eTest::MockTokens() const {
  std::filesystem::path path = Path("state.json");
  if (!std::filesystem::exists(path)) {
    return {};
  }
  Poco::JSON::Object::Ptr state = ParseObject(ReadFile(path));
  Poco::JSON::Array::Ptr tokens = state->getArray("tokens");
  std::vector<StoredToken> result;
  for (std::size_t i = 0; tokens && i < tokens->size(); ++i) {
    Poco::JSON::Object::Ptr token = tokens->getObject(static_cast<unsigned>(i));
    result.push_back({token->getValue<std::string>("id"),
                      token->optValue<std::string>("description", ""), token->has("revoked_at")});
  }
  return result;
}

std::vector<Poco::JSON::Object::Ptr> E2eTest::JournalLines() const {
  std::filesystem::path path = Path("journal.jsonl");
  std::vector<Poco::JSON::Object::Ptr> lines;
  if (!std::filesystem::exists(path)) {
    return lines;
  }
  for (const std::string& line : Lines(ReadFile(path))) {
    lines.push_back(ParseObject(line));
  }
  return lines;
}

int E2eTest::JournalCalls(std::string_view call) const {
  int count = 0;
  for (const auto& line : JournalLines()) {
    count += line->getValue<std::string>("call") == call ? 1 : 0;
  }
  return count;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string SourcePath(std::string_view relative) {
  return (std::filesystem::path(INFLUXCTL_SOURCE_DIR) / relative).string();
}

std::string TestPluginDir() {
  return INFLUXCTL_TEST_PLUGIN_DIR;
}

Poco::JSON::Object::Ptr ParseObject(const std::string& text) {
  return Parse(text).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr ParseArray(const std::string& text) {
  return Parse(text).extract<Poco::JSON::Array::Ptr>();
}

std::vector<std::string> KeysOf(const Poco::JSON::Object::Ptr& object) {
  std::vector<std::string> keys;
  object->getNames(keys);
  return keys;
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text = end == std::string_view::npos ? "" : text.substr(end + 1);
  }
  return lines;
}

std::string LastLine(std::string_view text) {
  std::vector<std::string> lines = Lines(text);
  return lines.empty() ? "" : lines.back();
}

bool ContainsPartOf(std::string_view text, std::string_view secret) {
  constexpr std::size_t kWindow = 12;
  if (secret.size() < kWindow) {
    return text.find(secret) != std::string_view::npos;
  }
  for (std::size_t start = 0; start + kWindow <= secret.size(); ++start) {
    if (text.find(secret.substr(start, kWindow)) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace influxctl::e2e
