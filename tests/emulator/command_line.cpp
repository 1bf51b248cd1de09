// SPDX-License-Identifier: Apache-2.0
//
// Command-line parsing for influxctl-emulator with Boost.Program_options (see
// command_line.hpp). Every usage error is one line on stderr naming the flag.

#include "emulator/command_line.hpp"

#include <Poco/Net/IPAddress.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "emulator/wire_time.hpp"

namespace influxctl::emulator {
namespace {

namespace po = boost::program_options;

// "HOST:PORT" or "[V6]:PORT" where HOST is "localhost" or a loopback address.
std::optional<ListenAddress> ParseListen(const std::string& flag,
                                         const std::string& text,
                                         std::string& error) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("]:");
    if (close == std::string::npos) {
      error = flag + ": expected [IPV6]:PORT, got \"" + text + "\"";
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) {
      error = flag + ": expected HOST:PORT such as 127.0.0.1:0, got \"" + text + "\"";
      return std::nullopt;
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }

  if (host == "localhost") {
    host = "127.0.0.1";
  }
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(host, address) || !address.isLoopback()) {
    error = flag + ": \"" + host +
            "\" is not a loopback address; the emulator listens only on 127.0.0.0/8 or ::1";
    return std::nullopt;
  }
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    error = flag + ": \"" + port + "\" is not a port number (0 picks a free one)";
    return std::nullopt;
  }
  return ListenAddress{host, std::stoi(port)};
}

// Cross-flag checks; an empty string when all is well.
std::string Validate(const EmulatorConfig& config) {
  if (config.product != "clustered" && config.product != "dedicated") {
    return "--product: expected clustered or dedicated, got \"" + config.product + "\"";
  }
  if (config.dedicated() && config.account_id.empty()) {
    return "--product dedicated needs --account-id ID";
  }
  if (!config.dedicated() && !config.account_id.empty()) {
    return "--account-id applies to --product dedicated only";
  }
  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return "--tls-cert and --tls-key go together";
  }
  if (!config.tls_client_ca.empty() && !config.tls()) {
    return "--tls-client-ca needs --tls-cert and --tls-key";
  }
  if (config.accept_tokens.empty()) {
    return "give at least one --accept-token TOKEN";
  }
  for (const std::string& token : config.accept_tokens) {
    if (token.empty()) {
      return "--accept-token: a token cannot be empty";
    }
  }
  if (config.fail_next < 0 || config.close_next < 0 || config.truncate_next < 0) {
    return "--fail-next, --close-next and --truncate-next take 0 or more";
  }
  if (config.fail_status < 400 || config.fail_status > 599) {
    return "--fail-status: expected an HTTP error status from 400 to 599";
  }
  return {};
}

}  // namespace

std::string ListenAddress::ToString() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

CommandLine ParseCommandLine(int argc, const char* const argv[]) {
  EmulatorConfig config;
  std::string rest_listen = "127.0.0.1:0";
  std::string grpc_listen = "127.0.0.1:0";
  std::string delay = "0";

  po::options_description options("influxctl-emulator: a local InfluxDB 3 management-token API");
  auto add = options.add_options();
  add("help,h", "show this help");
  add("rest-listen", po::value(&rest_listen), "REST HOST:PORT (loopback; port 0 picks one)");
  add("grpc-listen", po::value(&grpc_listen), "gRPC HOST:PORT (loopback; port 0 picks one)");
  add("ready-file", po::value(&config.ready_file),
      "write {\"rest_port\":N,\"grpc_port\":N} here once both listen");
  add("product", po::value(&config.product), "clustered (default) or dedicated");
  add("account-id", po::value(&config.account_id), "the Dedicated account the paths must name");
  add("tls-cert", po::value(&config.tls_cert), "PEM certificate: serve TLS on both protocols");
  add("tls-key", po::value(&config.tls_key), "PEM private key of --tls-cert");
  add("tls-client-ca", po::value(&config.tls_client_ca),
      "require client certificates signed by this PEM CA");
  add("accept-token", po::value(&config.accept_tokens), "a bearer credential to accept (repeat)");
  add("delay", po::value(&delay), "delay every management call (Go duration, e.g. 250ms)");
  add("fail-next", po::value(&config.fail_next), "fail the next N management calls");
  add("fail-status", po::value(&config.fail_status), "HTTP status for --fail-next (default 500)");
  add("close-next", po::value(&config.close_next),
      "carry out the next N calls, then close the connection without answering");
  add("truncate-next", po::value(&config.truncate_next),
      "REST: carry out the next N calls, then send half the body and close");
  add("verbose", po::bool_switch(&config.verbose), "one line per request on stderr");

  // Parse; exact flag names only, no prefix guessing.
  po::variables_map values;
  try {
    const int style = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(argc, argv).options(options).style(style).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "influxctl-emulator: " << error.what() << " (see --help)\n";
    return CommandLine{std::nullopt, 2};
  }
  if (values.count("help") != 0) {
    std::cout << options << "\n";
    return CommandLine{std::nullopt, 0};
  }

  // Convert and check what the flags said.
  std::string error;
  const auto rest = ParseListen("--rest-listen", rest_listen, error);
  const auto grpc = rest ? ParseListen("--grpc-listen", grpc_listen, error) : std::nullopt;
  const auto delay_ms = ParseDuration(delay);
  if (error.empty() && !delay_ms) {
    error = "--delay: \"" + delay + "\" is not a duration such as 250ms or 1s";
  }
  if (error.empty()) {
    config.rest_listen = *rest;
    config.grpc_listen = *grpc;
    config.delay = *delay_ms;
    error = Validate(config);
  }
  if (!error.empty()) {
    std::cerr << "influxctl-emulator: " << error << "\n";
    return CommandLine{std::nullopt, 2};
  }
  return CommandLine{config, 0};
}

}  // namespace influxctl::emulator
