// SPDX-License-Identifier: Apache-2.0
//
// Network cold start measurement (see network_cold_start.hpp). Everything it
// writes (two profiles, the emulator's ready file and log) goes in one
// temporary folder that is removed at the end, whatever happened.

#include "network_cold_start.hpp"

#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string_view>
#include <vector>

#include "emulator_child.hpp"
#include "timed_spawn.hpp"

extern char** environ;

namespace influxctl::bench {
namespace {

constexpr const char* kCredential = "bench-token";

// A folder of its own under the system's temporary folder, removed with the object.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = std::filesystem::temp_directory_path() / "influxctl-bench-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) {
      path_ = pattern;
    }
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    if (!path_.empty()) {
      std::filesystem::remove_all(path_, ignored);
    }
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::string& path() const { return path_; }  // empty: it could not be made

 private:
  std::string path_;
};

// A profile that reaches the emulator through `plugin` on `port`, in plaintext.
bool WriteProfile(const std::string& path,
                  const std::string& plugin,
                  int port,
                  std::string* problem) {
  std::ofstream out(path);
  out << "# Written by influxctl-bench for one run; removed when it ends.\n"
      << "[[profile]]\n"
      << "name = \"default\"\n"
      << "product = \"clustered\"\n"
      << "host = \"127.0.0.1\"\n"
      << "port = \"" << port << "\"\n"
      << "mgmt_token = \"" << kCredential << "\"\n\n"
      << "[profile.tls]\n"
      << "disable = true\n\n"
      << "[profile.transport]\n"
      << "plugin = \"" << plugin << "\"\n";
  out.close();
  if (!out) {
    *problem = "cannot write the temporary profile " + path;
    return false;
  }
  return true;
}

// The benchmark's environment without what could send a command elsewhere
// (proxies) or change its credential, profile or plugins (INFLUXCTL_*).
std::vector<std::string> DirectEnvironment() {
  static constexpr std::string_view kDropped[] = {"http_proxy",  "https_proxy", "all_proxy",
                                                  "no_proxy",    "grpc_proxy",  "HTTP_PROXY",
                                                  "HTTPS_PROXY", "ALL_PROXY",   "NO_PROXY"};
  std::vector<std::string> kept;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view variable = *entry;
    const std::string_view name = variable.substr(0, variable.find('='));
    bool dropped = name.starts_with("INFLUXCTL_");
    for (std::string_view proxy : kDropped) {
      dropped = dropped || name == proxy;
    }
    if (!dropped) {
      kept.emplace_back(variable);
    }
  }
  return kept;
}

// A random (version 4) UUID, as an Idempotency-Key.
std::string RandomUuid(std::mt19937_64& random) {
  const std::uint64_t high = (random() & ~0xF000ULL) | 0x4000ULL;           // version 4
  const std::uint64_t low = (random() & ~(0xCULL << 60)) | (0x8ULL << 60);  // variant 10
  char text[37];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx",
                static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF),
                static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

// curl's create request, as influxctl's REST transport sends it, with a fresh key.
std::vector<std::string> CurlCreate(const std::string& curl, int port, std::mt19937_64& random) {
  return {curl,
          "-s",
          "--fail",
          "-o",
          "/dev/null",
          "-X",
          "POST",
          "-H",
          std::string("Authorization: Bearer ") + kCredential,
          "-H",
          "Content-Type: application/json",
          "-H",
          "Idempotency-Key: " + RandomUuid(random),
          "--data",
          R"({"description":"bench"})",
          "http://127.0.0.1:" + std::to_string(port) + "/api/v0/management-tokens"};
}

}  // namespace

bool MeasureNetworkColdStart(const NetworkPlan& plan,
                             NetworkFigures* figures,
                             std::string* problem) {
  TemporaryFolder folder;
  if (folder.path().empty()) {
    *problem = "cannot create a temporary folder for the emulator and the profiles";
    return false;
  }

  // The emulator, then one profile per transport pointing at it.
  EmulatorChild emulator;
  if (!emulator.Start(plan.emulator, kCredential, folder.path(), problem)) {
    return false;
  }
  const std::string rest_profile = folder.path() + "/rest.toml";
  const std::string grpc_profile = folder.path() + "/grpc.toml";
  if (!WriteProfile(rest_profile, "rest", emulator.rest_port(), problem) ||
      !WriteProfile(grpc_profile, "grpc", emulator.grpc_port(), problem)) {
    return false;
  }
  auto create = [&plan](const std::string& profile) {
    return std::vector<std::string>{plan.influxctl, "--config",      profile, "management",
                                    "create",       "--description", "bench"};
  };
  const std::vector<std::string> rest = create(rest_profile);
  const std::vector<std::string> grpc = create(grpc_profile);

  // The commands of one round; curl's argv is rebuilt each time for a fresh key.
  enum Command { kRest, kCurl, kGrpc };
  std::vector<Command> commands = {kRest, kCurl, kGrpc};
  if (plan.curl.empty()) {
    commands = {kRest, kGrpc};
  }
  SpawnTimer timer(DirectEnvironment());
  std::mt19937_64 random(std::random_device{}());
  std::vector<double> wall_ms[3];
  std::vector<double> cpu_ms[3];
  auto round = [&](int index, bool counted) {
    for (std::size_t slot = 0; slot < commands.size(); ++slot) {
      // Rotating order: each command leads one round in every commands.size().
      const Command command = commands[(static_cast<std::size_t>(index) + slot) % commands.size()];
      const ChildTimes times =
          command == kCurl ? timer.Run(CurlCreate(plan.curl, emulator.rest_port(), random), problem)
                           : timer.Run(command == kRest ? rest : grpc, problem);
      if (times.wall_ms < 0) {
        return false;
      }
      if (counted) {
        wall_ms[command].push_back(times.wall_ms);
        cpu_ms[command].push_back(times.cpu_ms);
      }
    }
    return true;
  };

  // Warm-up (page cache, loader, the emulator's first connections), then counted rounds.
  for (int i = 0; i < plan.warmup_runs; ++i) {
    if (!round(i, false)) {
      return false;
    }
  }
  for (int i = 0; i < plan.runs; ++i) {
    if (!round(i, true)) {
      return false;
    }
  }

  if (std::string stopped = emulator.Stop(); !stopped.empty()) {
    *problem = stopped;
    return false;
  }
  for (auto [command, into] :
       {std::pair{kRest, &figures->rest}, {kCurl, &figures->curl}, {kGrpc, &figures->grpc}}) {
    into->wall_ms = Summarize(std::move(wall_ms[command]));
    into->cpu_ms = Summarize(std::move(cpu_ms[command]));
  }
  return true;
}

}  // namespace influxctl::bench
