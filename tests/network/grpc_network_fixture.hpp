// SPDX-License-Identifier: Apache-2.0
//
// Shared set-up of the gRPC transport's network tests: a temporary folder per
// test, a config file written for the emulator the test started, and the
// built influxctl run against it with a clean environment (HOME in the
// folder, no proxy or credential variables unless a test adds them). Also
// small readers of the emulator's admin JSON. Test-only; one test at a time.

#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e/run_influxctl.hpp"
#include "emulator/emulator_process.hpp"

namespace influxctl::grpc_network {

using e2e::RunResult;
using testing::EmulatorOptions;
using testing::EmulatorProcess;

// Long enough that the transport scrubs it from anything a server echoes.
inline constexpr const char* kCredential = "grpc-net-credential-5f3a9c1e";
inline constexpr const char* kAccount = "8a6e2f0c-1b7d-4c3e-9f5a-2d4b6c8e0a1f";

inline EmulatorOptions Emulator(const std::string& product = "clustered") {
  EmulatorOptions options;
  options.product = product;
  options.accept_tokens = {kCredential};
  if (product == "dedicated") {
    options.account_id = kAccount;
  }
  return options;
}

// One [[profile]] of the config file a test writes.
struct ProfileSpec {
  std::string product = "clustered";
  std::string host = "localhost";
  int port = 0;
  std::string account_id;
  std::string tls = "disable = true\n";  // body of [profile.tls]
  std::string transport;                 // more lines of [profile.transport]
  std::string credential = kCredential;  // mgmt_token; empty: none
};

// A port on loopback that nothing listens on (bound, read, released).
inline int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

inline Poco::JSON::Object::Ptr ParseObject(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

inline Poco::JSON::Array::Ptr ParseArray(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
}

// How many tokens the emulator has minted since it started.
inline int Minted(const EmulatorProcess& emulator) {
  return ParseObject(emulator.Tokens())->getValue<int>("minted");
}

// The emulator's record of every gRPC call to `rpc` ("CreateManagementToken").
inline std::vector<Poco::JSON::Object::Ptr> GrpcRequests(const EmulatorProcess& emulator,
                                                         const std::string& rpc) {
  std::vector<Poco::JSON::Object::Ptr> found;
  Poco::JSON::Array::Ptr all = ParseObject(emulator.Requests())->getArray("requests");
  for (std::size_t i = 0; i < all->size(); ++i) {
    Poco::JSON::Object::Ptr request = all->getObject(static_cast<unsigned>(i));
    if (request->getValue<std::string>("protocol") == "grpc" &&
        request->getValue<std::string>("target").ends_with("/" + rpc)) {
      found.push_back(request);
    }
  }
  return found;
}

class GrpcNetworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "influxctl-grpc-net-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Writes the profile to a fresh config file and returns its path.
  std::string WriteConfig(const ProfileSpec& spec) {
    std::string path = (dir_ / ("config-" + std::to_string(++configs_) + ".toml")).string();
    std::ofstream out(path);
    out << "[[profile]]\nname = \"default\"\nproduct = \"" << spec.product << "\"\n"
        << "host = \"" << spec.host << "\"\nport = \"" << spec.port << "\"\n";
    if (!spec.account_id.empty()) {
      out << "account_id = \"" << spec.account_id << "\"\n";
    }
    if (!spec.credential.empty()) {
      out << "mgmt_token = \"" << spec.credential << "\"\n";
    }
    out << "\n[profile.tls]\n"
        << spec.tls << "\n[profile.transport]\nplugin = \"grpc\"\n"
        << spec.transport;
    return path;
  }

  // The environment every run starts from; `extra` adds or replaces variables.
  Poco::Process::Env Environment(const Poco::Process::Env& extra = {}) const {
    Poco::Process::Env env{{"HOME", dir_.string()}, {"PATH", "/usr/bin:/bin"}};
    for (const auto& [name, value] : extra) {
      env[name] = value;
    }
    return env;
  }

  // influxctl --config <spec's file> ARGS...
  RunResult Run(const ProfileSpec& spec,
                const std::vector<std::string>& args,
                const Poco::Process::Env& extra_env = {}) {
    std::vector<std::string> all{"--config", WriteConfig(spec)};
    all.insert(all.end(), args.begin(), args.end());
    e2e::RunOptions options;
    options.env = Environment(extra_env);
    return e2e::RunInfluxctl(all, options);
  }

  // Runs `create --format json` and returns the printed object, or null.
  Poco::JSON::Object::Ptr CreateJson(const ProfileSpec& spec,
                                     const std::vector<std::string>& extra_args = {}) {
    std::vector<std::string> args{"management", "create", "--format", "json"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    RunResult run = Run(spec, args);
    EXPECT_EQ(run.exit_code, 0) << run;
    return run.exit_code == 0 ? ParseObject(run.out) : nullptr;
  }

  std::filesystem::path dir_;
  int configs_ = 0;
};

// Wall time of `run()`, for the deadline tests.
template <typename Run>
std::chrono::milliseconds Timed(Run&& run) {
  auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

}  // namespace influxctl::grpc_network
