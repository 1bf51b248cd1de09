// SPDX-License-Identifier: Apache-2.0
//
// influxctl-fake-vault: a loopback stand-in for HashiCorp Vault's HTTP API,
// for tests of the vault output (see fake_vault.hpp for what it implements).
// It starts the listener, writes the ready file, and serves until SIGTERM or
// SIGINT, then exits 0. Exit 2 for a usage error, 1 when it cannot listen.
// It never prints a token or a secret's value.

#include <Poco/Exception.h>
#include <Poco/Net/SSLManager.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include "fake_vault.hpp"
#include "fake_vault_config.hpp"
#include "http_listener.hpp"

namespace {

// Writes {"port": N} beside `path` and renames it into place, so a reader
// never sees half of it.
bool WriteReadyFile(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "{\"port\": " << port << "}\n";
    if (!out.flush()) {
      return false;
    }
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char* argv[]) {
  using namespace influxctl::fake_vault;
  CommandLine command_line = ParseCommandLine(argc, argv);
  if (!command_line.config) {
    return command_line.exit_code;
  }
  FakeVaultConfig& config = *command_line.config;

  // The stop signals are blocked in every thread; main waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the fake

  Poco::Net::initializeSSL();
  int exit_code = 0;
  {
    FakeVault vault(std::move(config.policy), std::move(config.kv), std::move(config.faults),
                    config.sealed);
    HttpListener listener(vault, config);
    try {
      listener.Start();
    } catch (const Poco::Exception& error) {
      std::cerr << "influxctl-fake-vault: cannot listen: " << error.displayText() << "\n";
      exit_code = 1;
    }
    if (exit_code == 0 && !config.ready_file.empty() &&
        !WriteReadyFile(config.ready_file, listener.port())) {
      std::cerr << "influxctl-fake-vault: cannot write the ready file " << config.ready_file
                << "\n";
      exit_code = 1;
    }
    if (exit_code == 0) {
      if (config.verbose) {
        std::cerr << "influxctl-fake-vault: serving on port " << listener.port() << "\n";
      }
      int signal_number = 0;
      sigwait(&stop_signals, &signal_number);
    }
    listener.Stop();
  }
  Poco::Net::uninitializeSSL();
  return exit_code;
}
