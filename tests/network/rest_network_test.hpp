// SPDX-License-Identifier: Apache-2.0
//
// The fixture of the REST transport's network tests: a fresh folder per test
// (removed afterwards), a controlled environment for influxctl (HOME inside
// the folder, TZ=UTC, no proxy or INFLUXCTL_* variables unless a test sets
// them), a config writer for a profile with plugin = "rest" pointed at a
// running emulator, and readers for what the emulator saw. Tests share no
// file and no port, so they may run in parallel. Header-only so that every
// rest_*_test.cpp can include it.

#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e/run_influxctl.hpp"
#include "emulator/emulator_process.hpp"
#include "emulator/test_certificates.hpp"

namespace influxctl::testing {

// One profile named "default" for the rest transport.
struct RestProfile {
  std::string product = "clustered";
  std::string host = "127.0.0.1";
  int port = 0;
  std::string account_id;  // written when not empty
  std::string mgmt_token = "test-token";
  std::string tls;                                     // lines of [profile.tls]; empty: no table
  std::string transport = "retry_delay = \"20ms\"\n";  // extra [profile.transport] lines
};

class RestNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "influxctl-rest-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << "cannot create " << pattern;
    dir_ = pattern;
    std::filesystem::create_directories(dir_ / "home");
    env_ = {{"HOME", (dir_ / "home").string()}, {"TZ", "UTC"}, {"LANG", "C.UTF-8"}};
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  const std::filesystem::path& dir() const { return dir_; }

  // Certificates made once per test, in the test's folder.
  const TestCertificates& Certificates() {
    if (certificates_.dir.empty()) {
      certificates_ = MakeTestCertificates((dir_ / "pki").string());
    }
    return certificates_;
  }

  // An emulator serving TLS with the localhost certificate (or `cert`/`key`).
  EmulatorOptions TlsEmulator(std::string cert = "", std::string key = "") {
    EmulatorOptions options;
    options.tls_cert = cert.empty() ? Certificates().server_cert : cert;
    options.tls_key = key.empty() ? Certificates().server_key : key;
    return options;
  }

  // Writes config.toml with `profile` as "default" and returns its path.
  std::string WriteConfig(const RestProfile& profile) const {
    std::string text = "[[profile]]\nname = \"default\"\nproduct = \"" + profile.product +
                       "\"\nhost = \"" + profile.host + "\"\nport = \"" +
                       std::to_string(profile.port) + "\"\nmgmt_token = \"" + profile.mgmt_token +
                       "\"\n";
    if (!profile.account_id.empty()) {
      text += "account_id = \"" + profile.account_id + "\"\n";
    }
    if (!profile.tls.empty()) {
      text += "\n[profile.tls]\n" + profile.tls;
    }
    text += "\n[profile.transport]\nplugin = \"rest\"\n" + profile.transport;
    std::filesystem::path path = dir_ / "config.toml";
    std::ofstream(path) << text;
    return path.string();
  }

  // The profile for a plain-HTTP emulator on 127.0.0.1.
  RestProfile PlainProfile(const EmulatorProcess& emulator) const {
    RestProfile profile;
    profile.port = emulator.rest_port();
    profile.tls = "disable = true\n";
    return profile;
  }

  // The profile for a TLS emulator reached as localhost, trusting the test CA.
  RestProfile TlsProfile(const EmulatorProcess& emulator) {
    RestProfile profile;
    profile.host = "localhost";
    profile.port = emulator.rest_port();
    profile.tls = "ca = \"" + Certificates().ca_cert + "\"\n";
    return profile;
  }

  e2e::RunResult Run(const std::string& config, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--config", config});
    e2e::RunOptions options;
    options.env = env_;
    options.working_dir = dir_.string();
    return e2e::RunInfluxctl(args, options);
  }

  // Run, and how long it took.
  e2e::RunResult TimedRun(const std::string& config,
                          std::vector<std::string> args,
                          std::chrono::milliseconds& took) const {
    auto start = std::chrono::steady_clock::now();
    e2e::RunResult result = Run(config, std::move(args));
    took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
    return result;
  }

  Poco::Process::Env env_;

 private:
  std::filesystem::path dir_;
  TestCertificates certificates_;
};

// A loopback port nobody listens on (bound, then released).
inline int UnusedPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  int port = socket.address().port();
  socket.close();
  return port;
}

inline Poco::JSON::Object::Ptr ParseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

inline Poco::JSON::Array::Ptr ParseArray(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
}

// How many tokens the emulator has minted in all, and its token list.
inline int Minted(const EmulatorProcess& emulator) {
  return ParseObject(emulator.Tokens())->getValue<int>("minted");
}

inline Poco::JSON::Array::Ptr StoredTokens(const EmulatorProcess& emulator) {
  return ParseObject(emulator.Tokens())->getArray("tokens");
}

// The management requests the emulator received.
inline Poco::JSON::Array::Ptr ReceivedRequests(const EmulatorProcess& emulator) {
  return ParseObject(emulator.Requests())->getArray("requests");
}

// The token on the last line of `create --format table` output.
inline std::string TokenFromTable(const std::string& out) {
  std::string text = out;
  while (!text.empty() && text.back() == '\n') {
    text.pop_back();
  }
  return text.substr(text.rfind('\n') + 1);
}

inline bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

inline int Count(const std::string& text, const std::string& part) {
  int count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace influxctl::testing
