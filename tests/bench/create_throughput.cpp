// SPDX-License-Identifier: Apache-2.0
//
// In-process throughput (see create_throughput.hpp). The loop does what one
// `influxctl management create --format json` does after start-up: validate
// and create through the engine, then render the token with its secret.
// Both streams are reused, cleared each time, so the figure is the engine's
// and the renderer's cost rather than the allocator's.

#include "create_throughput.hpp"

#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <sstream>

#include <influxctl/engine.hpp>
#include <influxctl/formats/format.hpp>
#include <influxctl/profile.hpp>

namespace influxctl::bench {
namespace {

// Creates per second of wall time and per second of this process's CPU time.
struct LoopRates {
  double wall = -1;  // negative: the loop failed
  double cpu = -1;
};

double ProcessCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

long PeakRssKib() {
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  return self.ru_maxrss;  // KiB on Linux
}

// Runs `iterations` creates and renders on a fresh engine. Negative rates,
// with *problem set, when something failed.
LoopRates TimedLoop(const Profile& profile, int iterations, std::string* problem) {
  auto engine = Engine::Open(profile, EngineOptions{});
  if (!engine.ok()) {
    *problem = "opening the engine failed: " + engine.error().message();
    return {};
  }
  CreateRequest request;
  request.description = "bench";
  std::ostringstream out;
  std::ostringstream err;

  const double cpu_start = ProcessCpuSeconds();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto created = engine.value()->Create(request);
    if (!created.ok()) {
      *problem = "create #" + std::to_string(i + 1) + " failed: " + created.error().message();
      return {};
    }
    out.str("");
    err.str("");
    formats::WriteCreated(formats::Format::kJson, created.value().created, true, out, err);
    if (out.view().find("\"token\"") == std::string_view::npos) {
      *problem = "the JSON for create #" + std::to_string(i + 1) + " has no \"token\" field";
      return {};
    }
  }
  const auto end = std::chrono::steady_clock::now();
  const double cpu_end = ProcessCpuSeconds();

  return {iterations / std::chrono::duration<double>(end - start).count(),
          iterations / (cpu_end - cpu_start)};
}

}  // namespace

bool MeasureCreateThroughput(const ThroughputPlan& plan,
                             ThroughputFigures* figures,
                             std::string* problem) {
  auto profile = LoadProfile(plan.config, plan.profile);
  if (!profile.ok()) {
    *problem = profile.error().message();
    return false;
  }

  // Warm-up: loads the plugin once (it stays loaded) and warms the caches.
  if (TimedLoop(profile.value(), plan.warmup_iterations, problem).wall < 0) {
    return false;
  }
  figures->rss_after_warmup_kib = PeakRssKib();

  std::vector<double> wall_rates;
  std::vector<double> cpu_rates;
  for (int i = 0; i < plan.repetitions; ++i) {
    LoopRates rates = TimedLoop(profile.value(), plan.iterations, problem);
    if (rates.wall < 0) {
      return false;
    }
    wall_rates.push_back(rates.wall);
    cpu_rates.push_back(rates.cpu);
  }
  figures->creates_per_second = Summarize(std::move(wall_rates));
  figures->creates_per_cpu_second = Summarize(std::move(cpu_rates));
  figures->peak_rss_kib = PeakRssKib();
  return true;
}

}  // namespace influxctl::bench
