// SPDX-License-Identifier: Apache-2.0
//
// Starting influxctl-emulator for tests and talking to its admin API (see
// emulator_process.hpp). Starting, watching and stopping the child is
// ServerProcess's job; this file only knows the emulator's flags, the ports
// in its ready file and its admin endpoints.

#include "emulator/emulator_process.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/server_process.hpp"

namespace influxctl::testing {
namespace {

std::vector<std::string> Arguments(const EmulatorOptions& options) {
  std::vector<std::string> args{"--product", options.product};
  if (!options.account_id.empty()) {
    args.insert(args.end(), {"--account-id", options.account_id});
  }
  for (const std::string& token : options.accept_tokens) {
    args.insert(args.end(), {"--accept-token", token});
  }
  if (!options.tls_cert.empty()) {
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  }
  if (!options.tls_client_ca.empty()) {
    args.insert(args.end(), {"--tls-client-ca", options.tls_client_ca});
  }
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  return args;
}

}  // namespace

EmulatorProcess::EmulatorProcess(const EmulatorOptions& options)
    : server_(std::make_unique<ServerProcess>(
          ServerCommand{INFLUXCTL_EMULATOR_PATH, Arguments(options), {}})),
      options_(options) {
  Poco::Net::initializeSSL();
  const Poco::JSON::Object::Ptr& ports = server_->ready();
  rest_port_ = ports->getValue<int>("rest_port");
  grpc_port_ = ports->getValue<int>("grpc_port");
}

EmulatorProcess::~EmulatorProcess() = default;

int EmulatorProcess::rest_port() const {
  return rest_port_;
}

int EmulatorProcess::grpc_port() const {
  return grpc_port_;
}

std::string EmulatorProcess::rest_base(bool tls) const {
  return (tls ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(rest_port_) +
         "/api/v0";
}

std::string EmulatorProcess::grpc_target(bool tls) const {
  return (tls ? "localhost:" : "127.0.0.1:") + std::to_string(grpc_port_);
}

void EmulatorProcess::SetFaults(const std::string& json) {
  Admin("POST", "/_emulator/faults", json);
}

std::string EmulatorProcess::Tokens() const {
  return Admin("GET", "/_emulator/tokens");
}

std::string EmulatorProcess::Requests() const {
  return Admin("GET", "/_emulator/requests");
}

void EmulatorProcess::Reset() {
  Admin("POST", "/_emulator/reset");
}

std::string EmulatorProcess::Admin(const std::string& method,
                                   const std::string& path,
                                   const std::string& body) const {
  // Plain HTTP, or TLS without verifying the emulator (the caller trusts its
  // own child) but with a client certificate when the emulator requires one.
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (options_.tls_cert.empty()) {
    session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", rest_port_);
  } else {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, options_.admin_client_key,
                               options_.admin_client_cert, "", Poco::Net::Context::VERIFY_NONE);
    session = std::make_unique<Poco::Net::HTTPSClientSession>("localhost", rest_port_, context);
  }
  session->setTimeout(Poco::Timespan(10, 0));

  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  std::stringstream reply;
  reply << in.rdbuf();

  if (response.getStatus() < 200 || response.getStatus() > 299) {
    throw std::runtime_error("emulator admin call " + method + " " + path + " answered " +
                             std::to_string(response.getStatus()) + ": " + reply.str());
  }
  return reply.str();
}

std::string EmulatorProcess::Stderr() const {
  return server_->Stderr();
}

int EmulatorProcess::pid() const {
  return server_->pid();
}

bool EmulatorProcess::running() {
  return server_->running();
}

int EmulatorProcess::exit_code_after_stop() {
  return server_->Stop();
}

}  // namespace influxctl::testing
