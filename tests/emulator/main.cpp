// SPDX-License-Identifier: Apache-2.0
//
// influxctl-emulator: a local stand-in for an InfluxDB 3 cluster's
// management-token API, serving REST and gRPC on loopback from one in-memory
// store, for tests of the network transports. It starts both listeners,
// writes the ready file, and runs until SIGTERM or SIGINT, then exits 0.
// Exit 2 for a usage error, 1 when a listener cannot start. It never prints a
// credential or a secret.

#include <Poco/Exception.h>
#include <Poco/Net/SSLManager.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "emulator/command_line.hpp"
#include "emulator/emulator_state.hpp"
#include "emulator/grpc_server.hpp"
#include "emulator/rest_server.hpp"

namespace {

using influxctl::emulator::EmulatorConfig;

// Writes {"rest_port":N,"grpc_port":N} to a temporary file and renames it
// into place, so a reader never sees half of it.
bool WriteReadyFile(const std::string& path, int rest_port, int grpc_port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "{\"rest_port\": " << rest_port << ", \"grpc_port\": " << grpc_port << "}\n";
    if (!out.flush()) {
      return false;
    }
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  const auto command_line = influxctl::emulator::ParseCommandLine(argc, argv);
  if (!command_line.config) {
    return command_line.exit_code;
  }

  // Block the stop signals in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not stop the emulator

  Poco::Net::initializeSSL();
  influxctl::emulator::EmulatorState state(*command_line.config);
  influxctl::emulator::RestServer rest(state);
  influxctl::emulator::GrpcServer grpc(state);
  int exit_code = 0;
  try {
    rest.Start();
    grpc.Start();
  } catch (const Poco::Exception& error) {
    std::cerr << "influxctl-emulator: cannot start: " << error.displayText() << "\n";
    exit_code = 1;
  } catch (const std::exception& error) {
    std::cerr << "influxctl-emulator: cannot start: " << error.what() << "\n";
    exit_code = 1;
  }

  // Announce the ports, then serve until told to stop.
  const EmulatorConfig& config = state.config();
  if (exit_code == 0 && !config.ready_file.empty() &&
      !WriteReadyFile(config.ready_file, rest.port(), grpc.port())) {
    std::cerr << "influxctl-emulator: cannot write the ready file " << config.ready_file << "\n";
    exit_code = 1;
  }
  if (exit_code == 0) {
    if (config.verbose) {
      std::cerr << "influxctl-emulator: " << config.product << " on rest port " << rest.port()
                << ", grpc port " << grpc.port() << (config.tls() ? " (TLS)" : "") << "\n";
    }
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
  }

  // Stop: wake delayed calls, then close both listeners.
  state.Stop();
  grpc.Stop();
  rest.Stop();
  Poco::Net::uninitializeSSL();
  return exit_code;
}
