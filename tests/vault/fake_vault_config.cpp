// SPDX-License-Identifier: Apache-2.0
//
// Parses the fake Vault's command line (see fake_vault_config.hpp) with
// Boost.Program_options.

#include "fake_vault_config.hpp"

#include <boost/program_options.hpp>
#include <iostream>
#include <vector>

namespace influxctl::fake_vault {
namespace {

namespace po = boost::program_options;

constexpr const char* kUsage =
    R"(influxctl-fake-vault: a loopback stand-in for HashiCorp Vault's HTTP API,
for tests of the vault output. Serves until SIGTERM or SIGINT.

Example:
  influxctl-fake-vault --ready-file /tmp/ready.json \
    --policy 'writer=secret/data/influx/*:create,update,read;secret/metadata/influx/*:read' \
    --token hvs.writer=writer --token hvs.root=root \
    --mount secret=2 --mount kv1=1 --mount team-a/secret=2 \
    --fault 'POST /v1/secret/data/influx/prod status=500 times=1'

Options)";

CommandLine Fail(const std::string& message) {
  std::cerr << "influxctl-fake-vault: " << message << "\n";
  return CommandLine{std::nullopt, 2};
}

}  // namespace

CommandLine ParseCommandLine(int argc, char* argv[]) {
  std::string listen = "127.0.0.1:0";
  std::vector<std::string> policies, tokens, mounts, faults;
  FakeVaultConfig config;
  po::options_description options(kUsage);
  options.add_options()("help,h", "show this help")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0: any)")(
      "ready-file", po::value(&config.ready_file), "write {\"port\": N} here once serving")(
      "tls-cert", po::value(&config.tls_cert), "serve HTTPS with this PEM certificate")(
      "tls-key", po::value(&config.tls_key), "and this PEM key")(
      "policy", po::value(&policies)->composing(),
      "NAME=PATTERN:CAP,CAP;PATTERN:CAP (repeatable; '*' at the end and '+' segments glob)")(
      "token", po::value(&tokens)->composing(),
      "TOKEN=POLICY,POLICY: a token Vault accepts (repeatable; policy \"root\" is built in)")(
      "mount", po::value(&mounts)->composing(),
      "PATH=2, PATH=1 or PATH=2:cas_required: a KV engine (repeatable; default secret=2)")(
      "fault", po::value(&faults)->composing(),
      "\"METHOD PATH [status=N] [delay=MS] [race=1] [times=N]\" (repeatable)")(
      "sealed", po::bool_switch(&config.sealed), "answer as a sealed Vault")(
      "verbose", po::bool_switch(&config.verbose), "log each request on stderr");

  po::variables_map values;
  try {
    po::store(po::parse_command_line(argc, argv, options), values);
    po::notify(values);
  } catch (const po::error& error) {
    return Fail(std::string(error.what()) + " (see --help)");
  }
  if (values.count("help") > 0) {
    std::cout << options << "\n";
    return CommandLine{std::nullopt, 0};
  }

  // Listener and TLS.
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Fail("--listen must be HOST:PORT, not \"" + listen + "\"");
  }
  config.listen_host = listen.substr(0, colon);
  try {
    config.listen_port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return Fail("--listen has no port number: \"" + listen + "\"");
  }
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return Fail("--tls-cert and --tls-key go together");
  }

  // The Vault it pretends to be.
  for (const std::string& spec : policies) {
    if (std::optional<std::string> problem = config.policy.AddPolicy(spec)) {
      return Fail(*problem);
    }
  }
  for (const std::string& spec : tokens) {
    if (std::optional<std::string> problem = config.policy.AddToken(spec)) {
      return Fail(*problem);
    }
  }
  for (const std::string& spec : mounts) {
    if (std::optional<std::string> problem = config.kv.AddMount(spec)) {
      return Fail(*problem);
    }
  }
  if (config.kv.empty()) {
    config.kv.AddMount("secret=2");
  }
  for (const std::string& spec : faults) {
    if (std::optional<std::string> problem = config.faults.Add(spec)) {
      return Fail(*problem);
    }
  }
  return CommandLine{std::move(config), 0};
}

}  // namespace influxctl::fake_vault
