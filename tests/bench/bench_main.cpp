// SPDX-License-Identifier: Apache-2.0
//
// influxctl-bench: prints how long a cold `influxctl management create` takes
// next to /bin/true, the same create over REST and gRPC against a local
// influxctl-emulator next to curl sending the REST request, and how many
// creates per second the engine renders in-process, each beside the project's
// target for context. A benchmark, not a test: it never fails because
// something was slow. Exit status 0 when everything it ran worked (a missing
// curl only drops its row), 1 when something failed, 2 for a wrong flag.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <thread>

#include "cold_start.hpp"
#include "create_throughput.hpp"
#include "network_cold_start.hpp"

namespace {

using influxctl::bench::ColdStartFigures;
using influxctl::bench::ColdStartPlan;
using influxctl::bench::NetworkFigures;
using influxctl::bench::NetworkPlan;
using influxctl::bench::ThroughputFigures;
using influxctl::bench::ThroughputPlan;

// Targets, printed for context only.
constexpr double kColdStartTargetMs = 3.0;
constexpr double kCreatesPerSecondTarget = 100'000;
constexpr double kRestOverCurlTarget = 1.0;  // median ratio: REST no slower than curl
constexpr double kGrpcCreateTargetMs = 25.0;

constexpr const char* kUsage =
    "usage: influxctl-bench [--runs N] [--iterations N] [--repetitions N] [--quick] [--help]\n"
    "  --runs N         cold-start runs of each command, local and against the emulator\n"
    "                   (default 200; --quick: 5 local, at most 3 against the emulator)\n"
    "  --iterations N   in-process creates per repetition (default 200000)\n"
    "  --repetitions N  in-process repetitions (default 5)\n"
    "  --quick          a few runs and iterations, to check that it still works\n";

struct Options {
  int runs = 200;
  int iterations = 200'000;
  int repetitions = 5;
  bool quick = false;
  bool help = false;
};

// A positive count, or 0 when `text` is not one.
int ParseCount(std::string_view text) {
  char* end = nullptr;
  std::string copy(text);
  long value = std::strtol(copy.c_str(), &end, 10);
  return !copy.empty() && *end == '\0' && value > 0 && value <= 100'000'000
             ? static_cast<int>(value)
             : 0;
}

// False, after printing why, for an unknown flag or a bad count.
bool ParseOptions(int argc, char** argv, Options* options) {
  bool runs_given = false;
  bool iterations_given = false;
  bool repetitions_given = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    int* count = nullptr;
    if (flag == "--help" || flag == "-h") {
      options->help = true;
      return true;
    }
    if (flag == "--quick") {
      options->quick = true;
      continue;
    }
    if (flag == "--runs") {
      count = &options->runs;
      runs_given = true;
    } else if (flag == "--iterations") {
      count = &options->iterations;
      iterations_given = true;
    } else if (flag == "--repetitions") {
      count = &options->repetitions;
      repetitions_given = true;
    } else {
      std::fprintf(stderr, "influxctl-bench: unknown argument \"%s\"\n%s", argv[i], kUsage);
      return false;
    }
    *count = i + 1 < argc ? ParseCount(argv[i + 1]) : 0;
    if (*count == 0) {
      std::fprintf(stderr, "influxctl-bench: %s needs a positive whole number\n%s", argv[i],
                   kUsage);
      return false;
    }
    ++i;
  }

  // --quick shrinks what was not set explicitly.
  if (options->quick) {
    options->runs = runs_given ? options->runs : 5;
    options->iterations = iterations_given ? options->iterations : 2'000;
    options->repetitions = repetitions_given ? options->repetitions : 3;
  }
  return true;
}

// 412345.6 -> "412,346".
std::string WithThousands(double value) {
  std::string digits = std::to_string(static_cast<long long>(value + 0.5));
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

double Mib(long kib) {
  return kib / 1024.0;
}

void PrintColdStart(const Options& options,
                    const ColdStartPlan& plan,
                    const ColdStartFigures& figures) {
  const auto& command = figures.command_ms;
  const auto& baseline = figures.baseline_ms;
  std::printf("cold start (%d runs each, interleaved, after %d warm-up runs)\n", options.runs,
              plan.warmup_runs);
  std::printf(
      "  influxctl management create   median %.2f ms  p90 %.2f ms  min %.2f ms"
      "  (target <= %.0f ms: %s)\n",
      command.median, command.p90, command.min, kColdStartTargetMs,
      command.median <= kColdStartTargetMs ? "met" : "missed");
  std::printf("  /bin/true                     median %.2f ms  p90 %.2f ms  min %.2f ms\n",
              baseline.median, baseline.p90, baseline.min);
  std::printf("  difference of medians         %.2f ms   peak RSS of a run %.1f MiB\n",
              command.median - baseline.median, Mib(figures.peak_child_rss_kib));
}

// The full path of `name` in PATH, or "" when it is not there.
std::string FindInPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path != nullptr ? path : "";
  while (!rest.empty()) {
    const std::size_t colon = std::min(rest.find(':'), rest.size());
    const std::string dir(rest.substr(0, colon));
    rest.remove_prefix(std::min(colon + 1, rest.size()));
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

void PrintNetworkRow(const char* label, const influxctl::bench::CommandFigures& figures) {
  const auto& wall = figures.wall_ms;
  std::printf("  %-28s median %6.2f ms  p90 %6.2f ms  min %6.2f ms   CPU median %6.2f ms\n", label,
              wall.median, wall.p90, wall.min, figures.cpu_ms.median);
}

void PrintNetwork(const NetworkPlan& plan, const NetworkFigures& figures) {
  const bool with_curl = !plan.curl.empty();
  std::printf(
      "network cold start against influxctl-emulator on loopback, plaintext\n"
      "  (%d runs each, interleaved in rotating order, after %d warm-up runs)\n",
      plan.runs, plan.warmup_runs);
  PrintNetworkRow("influxctl create over REST", figures.rest);
  if (with_curl) {
    PrintNetworkRow("curl, the same REST create", figures.curl);
  } else {
    std::printf("  curl, the same REST create   skipped: curl is not in PATH\n");
  }
  PrintNetworkRow("influxctl create over gRPC", figures.grpc);

  // The comparisons, beside their targets; the targets are on wall time.
  const double rest = figures.rest.wall_ms.median;
  const double grpc = figures.grpc.wall_ms.median;
  if (with_curl) {
    const double curl = figures.curl.wall_ms.median;
    const double ratio = rest / curl;
    std::printf("  REST / curl, medians         %.2f (%+.2f ms; CPU %.2f)  (target <= %.1f: %s)\n",
                ratio, rest - curl, figures.rest.cpu_ms.median / figures.curl.cpu_ms.median,
                kRestOverCurlTarget, ratio <= kRestOverCurlTarget ? "met" : "missed");
  }
  std::printf("  gRPC, median                 %.2f ms", grpc);
  if (with_curl) {
    std::printf(" (%+.2f ms beside curl)", grpc - figures.curl.wall_ms.median);
  }
  std::printf("  (target <= %.0f ms: %s)\n", kGrpcCreateTargetMs,
              grpc <= kGrpcCreateTargetMs ? "met" : "missed");
}

void PrintThroughput(const ThroughputPlan& plan, const ThroughputFigures& figures) {
  const auto& rate = figures.creates_per_second;
  std::printf("in-process create + JSON render (mock transport)\n");
  std::printf("  median %s creates/s over %d repetition%s of %s (target >= %s: %s)\n",
              WithThousands(rate.median).c_str(), plan.repetitions,
              plan.repetitions == 1 ? "" : "s", WithThousands(plan.iterations).c_str(),
              WithThousands(kCreatesPerSecondTarget).c_str(),
              rate.median >= kCreatesPerSecondTarget ? "met" : "missed");
  std::printf("  range %s to %s creates/s; median %s per CPU-second\n",
              WithThousands(rate.min).c_str(), WithThousands(rate.max).c_str(),
              WithThousands(figures.creates_per_cpu_second.median).c_str());
  std::printf(
      "  peak RSS %.1f MiB (%.1f MiB after warm-up; the mock holds a repetition's tokens)\n",
      Mib(figures.peak_rss_kib), Mib(figures.rss_after_warmup_kib));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options)) {
    return 2;
  }
  if (options.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const std::string config = std::string(INFLUXCTL_SOURCE_DIR) + "/configs/demo.toml";
  // The load average says whether other work shared the machine.
  double load[1] = {-1};
  getloadavg(load, 1);
  std::printf("influxctl-bench: %s build, %u CPUs, load average %.2f\n  binary %s\n",
              INFLUXCTL_BENCH_BUILD_TYPE, std::thread::hardware_concurrency(), load[0],
              INFLUXCTL_BENCH_INFLUXCTL);
  const std::string_view build_type = INFLUXCTL_BENCH_BUILD_TYPE;
  if (build_type != "Release" && build_type != "RelWithDebInfo" && build_type != "MinSizeRel") {
    std::printf("  (not an optimized build: the figures say little about a release)\n");
  }
  std::fflush(stdout);

  ColdStartPlan cold;
  cold.command = {INFLUXCTL_BENCH_INFLUXCTL, "--config", config, "management", "create",
                  "--description",           "bench"};
  cold.baseline = {"/bin/true"};
  cold.warmup_runs = options.quick ? 2 : 10;
  cold.runs = options.runs;
  ColdStartFigures cold_figures;
  std::string problem;
  if (!influxctl::bench::MeasureColdStart(cold, &cold_figures, &problem)) {
    std::fprintf(stderr, "influxctl-bench: cold start: %s\n", problem.c_str());
    return 1;
  }
  PrintColdStart(options, cold, cold_figures);
  std::fflush(stdout);

  NetworkPlan network;
  network.influxctl = INFLUXCTL_BENCH_INFLUXCTL;
  network.emulator = INFLUXCTL_BENCH_EMULATOR;
  network.curl = FindInPath("curl");
  network.warmup_runs = options.quick ? 2 : 10;
  network.runs = options.quick ? std::min(options.runs, 3) : options.runs;
  NetworkFigures network_figures;
  if (!influxctl::bench::MeasureNetworkColdStart(network, &network_figures, &problem)) {
    std::fprintf(stderr, "influxctl-bench: network cold start: %s\n", problem.c_str());
    return 1;
  }
  PrintNetwork(network, network_figures);
  std::fflush(stdout);

  ThroughputPlan throughput;
  throughput.config = config;
  throughput.warmup_iterations = options.quick ? 200 : 2'000;
  throughput.iterations = options.iterations;
  throughput.repetitions = options.repetitions;
  ThroughputFigures throughput_figures;
  if (!influxctl::bench::MeasureCreateThroughput(throughput, &throughput_figures, &problem)) {
    std::fprintf(stderr, "influxctl-bench: in-process create: %s\n", problem.c_str());
    return 1;
  }
  PrintThroughput(throughput, throughput_figures);
  return 0;
}
