// SPDX-License-Identifier: Apache-2.0
//
// The emulator as a process: it starts fast and announces its ports in the
// ready file, stops with exit 0 on SIGTERM and SIGINT, and refuses bad
// command lines (non-loopback addresses above all) with exit 2.

#include "emulator/emulator_process.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "e2e/run_influxctl.hpp"
#include "emulator/http_call.hpp"

namespace influxctl::testing {
namespace {

e2e::RunResult RunEmulator(const std::vector<std::string>& args) {
  return e2e::RunProgram(INFLUXCTL_EMULATOR_PATH, args, e2e::RunOptions{});
}

TEST(EmulatorProcess, StartsQuicklyOnTwoFreePorts) {
  const auto start = std::chrono::steady_clock::now();
  EmulatorProcess emulator;
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  EXPECT_GT(emulator.rest_port(), 0);
  EXPECT_GT(emulator.grpc_port(), 0);
  EXPECT_NE(emulator.rest_port(), emulator.grpc_port());
}

TEST(EmulatorProcess, StopsWithExitZeroOnSigterm) {
  EmulatorProcess emulator;
  EXPECT_EQ(emulator.exit_code_after_stop(), 0);
  EXPECT_EQ(emulator.exit_code_after_stop(), 0);
}

TEST(EmulatorProcess, StopsWithExitZeroOnSigint) {
  EmulatorProcess emulator;
  ::kill(emulator.pid(), SIGINT);
  // Wait for it to go by itself, so that the SIGTERM below is not what ends it.
  for (int i = 0; i < 1000 && emulator.running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_FALSE(emulator.running());
  EXPECT_EQ(emulator.exit_code_after_stop(), 0);
}

TEST(EmulatorProcess, StopsPromptlyDuringALongDelay) {
  EmulatorProcess emulator;
  emulator.SetFaults(R"({"delay_ms": 60000})");
  std::thread caller(
      [&] { HttpCall("GET", emulator.rest_base(false) + "/management-tokens", {}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(emulator.exit_code_after_stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  caller.join();
}

TEST(EmulatorProcess, RefusesNonLoopbackAddresses) {
  for (const std::string flag : {"--rest-listen", "--grpc-listen"}) {
    for (const std::string address : {"0.0.0.0:0", "192.0.2.1:0", "[::]:0", "example.com:0"}) {
      const auto run = RunEmulator({"--accept-token", "t", flag, address});
      EXPECT_EQ(run.exit_code, 2) << flag << " " << address << "\n" << run;
      EXPECT_NE(run.err.find("loopback"), std::string::npos) << run;
    }
  }
}

TEST(EmulatorProcess, RefusesBadCommandLines) {
  const std::vector<std::vector<std::string>> bad{
      {},  // no --accept-token
      {"--accept-token", "t", "--product", "serverless"},
      {"--accept-token", "t", "--product", "dedicated"},  // no --account-id
      {"--accept-token", "t", "--account-id", "a"},       // not dedicated
      {"--accept-token", "t", "--tls-cert", "cert.pem"},  // no key
      {"--accept-token", "t", "--delay", "soon"},
      {"--accept-token", "t", "--fail-status", "200"},
      {"--accept-token", "t", "--rest-listen", "127.0.0.1:99999"},
      {"--accept-token", "t", "--accept"},  // no prefix guessing
      {"--accept-token", "t", "--bogus"},
  };
  for (const auto& args : bad) {
    const auto run = RunEmulator(args);
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_FALSE(run.err.empty());
    EXPECT_TRUE(run.out.empty());
  }
  EXPECT_EQ(RunEmulator({"--help"}).exit_code, 0);
}

TEST(EmulatorProcess, FailsWhenThePortIsTaken) {
  EmulatorProcess first;
  EmulatorOptions options;
  options.extra_args = {"--rest-listen", "127.0.0.1:" + std::to_string(first.rest_port())};
  EXPECT_THROW(EmulatorProcess second(options), std::runtime_error);

  const auto run = RunEmulator(
      {"--accept-token", "t", "--grpc-listen", "127.0.0.1:" + std::to_string(first.grpc_port())});
  EXPECT_EQ(run.exit_code, 1) << run;
}

TEST(EmulatorProcess, ListensOnAFixedPortWhenAsked) {
  int port = 0;
  {
    EmulatorProcess probe;  // borrow a port that was just free
    port = probe.rest_port();
  }
  EmulatorOptions options;
  options.extra_args = {"--rest-listen", "localhost:" + std::to_string(port)};
  EmulatorProcess emulator(options);
  EXPECT_EQ(emulator.rest_port(), port);
}

TEST(EmulatorProcess, ConstructorReportsTheEmulatorsStderr) {
  EmulatorOptions options;
  options.extra_args = {"--delay", "soon"};
  try {
    EmulatorProcess emulator(options);
    FAIL() << "the emulator started";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("--delay"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace influxctl::testing
