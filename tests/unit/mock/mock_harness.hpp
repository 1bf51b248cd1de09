// SPDX-License-Identifier: Apache-2.0
//
// Shared pieces of the mock transport's tests. The plugin is loaded from the
// build tree exactly as the engine loads it (Boost.DLL, the descriptor alias),
// settings start from the schema's own defaults, filled in by the engine,
// and a RecordingLog keeps every line so tests can prove a secret never
// reached it. The library stays loaded for the whole test run, because the
// code of every transport it made lives in it.

#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/dll/shared_library.hpp>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <influxctl/plugin.hpp>
#include <influxctl/profile.hpp>
#include <influxctl/time.hpp>

#include "settings_schema.hpp"

namespace influxctl::mock_test {

inline const PluginDescriptor& MockDescriptor() {
  static const boost::dll::shared_library library(
      INFLUXCTL_BUILD_DIR "/lib/influxctl/plugins/influxctl-plugin-mock.so");
  return library.get_alias<const PluginDescriptor>(kPluginSymbol);
}

// Keeps every line; thread-safe, since some tests log from several threads.
class RecordingLog : public Log {
 public:
  explicit RecordingLog(bool enabled = true) : enabled_(enabled) {}

  bool Enabled(LogLevel) const override { return enabled_; }
  void Write(LogLevel, std::string_view message) override {
    std::lock_guard<std::mutex> guard(mutex_);
    lines_.emplace_back(message);
  }

  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return lines_;
  }
  std::string all() const {
    std::string text;
    for (const std::string& line : lines()) {
      text += line;
      text += '\n';
    }
    return text;
  }

 private:
  bool enabled_;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// The settings the engine would hand over for an empty [profile.transport]
// table, made by the engine's own check, which fills in every default.
inline Settings DefaultSettings() {
  Result<Settings> settings =
      ValidateSettings(MockDescriptor(), PluginConfig{}, "transport \"mock\"", {});
  if (!settings.ok()) {
    ADD_FAILURE() << "the mock's defaults do not validate: " << settings.error().message();
    return {};
  }
  return std::move(settings).value();
}

// One transport together with everything its context refers to. The
// transport is declared last so that it goes first.
struct MockInstance {
  Settings settings;
  Connection connection;
  RecordingLog log;
  std::unique_ptr<Transport> transport;

  Transport* operator->() { return transport.get(); }
};

inline Result<std::unique_ptr<MockInstance>> MakeInstance(Settings settings,
                                                          Connection connection = {},
                                                          bool log_enabled = true) {
  // Built in place: the log holds a mutex and cannot move.
  std::unique_ptr<MockInstance> instance(new MockInstance{
      std::move(settings), std::move(connection), RecordingLog(log_enabled), nullptr});
  TransportContext context{instance->settings, instance->connection, instance->log};
  Result<std::unique_ptr<Transport>> made = MockDescriptor().make_transport(context);
  if (!made.ok()) {
    return made.error();
  }
  instance->transport = std::move(made).value();
  return instance;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

inline std::vector<std::string> ReadLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

inline boost::property_tree::ptree ParseJson(const std::string& text) {
  std::istringstream in(text);
  boost::property_tree::ptree tree;
  boost::property_tree::read_json(in, tree);
  return tree;
}

// Each test gets a fresh folder for state files and journals.
class MockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "mock-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<MockInstance> Make(Settings settings, Connection connection = {}) {
    Result<std::unique_ptr<MockInstance>> made =
        MakeInstance(std::move(settings), std::move(connection));
    if (!made.ok()) {
      ADD_FAILURE() << "make_transport failed: " << made.error().message();
      return nullptr;
    }
    return std::move(made).value();
  }

  Settings WithStateFile(Settings settings = DefaultSettings()) {
    settings.Set("state_file", (dir_ / "state.json").string());
    return settings;
  }

  std::filesystem::path dir_;
};

}  // namespace influxctl::mock_test
