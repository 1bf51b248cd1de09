// SPDX-License-Identifier: Apache-2.0
//
// Starting and calling influxctl-fake-vault for tests (see
// fake_vault_process.hpp). Starting, watching and stopping the child is
// ServerProcess's job; this file only knows the fake's flags, the port in its
// ready file and its API. Calls to a TLS fake do not verify it: the test
// trusts its own child.

#include "vault/fake_vault_process.hpp"

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
#include <utility>
#include <vector>

#include "harness/server_process.hpp"

namespace influxctl::testing {
namespace {

std::vector<std::string> Arguments(const FakeVaultOptions& options) {
  std::vector<std::string> args;
  for (const auto& [flag, values] : {std::pair{"--policy", &options.policies},
                                     {"--token", &options.tokens},
                                     {"--mount", &options.mounts},
                                     {"--fault", &options.faults}}) {
    for (const std::string& value : *values) {
      args.insert(args.end(), {flag, value});
    }
  }
  if (!options.tls_cert.empty()) {
    args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
  }
  if (options.sealed) {
    args.emplace_back("--sealed");
  }
  args.emplace_back("--verbose");
  return args;
}

}  // namespace

FakeVaultProcess::FakeVaultProcess(const FakeVaultOptions& options)
    : server_(std::make_unique<ServerProcess>(
          ServerCommand{INFLUXCTL_FAKE_VAULT_PATH, Arguments(options), {}})),
      tls_(!options.tls_cert.empty()) {
  Poco::Net::initializeSSL();
  port_ = server_->ready()->getValue<int>("port");
}

FakeVaultProcess::~FakeVaultProcess() = default;

std::string FakeVaultProcess::address() const {
  return (tls_ ? "https://localhost:" : "http://127.0.0.1:") + std::to_string(port_);
}

FakeVaultReply FakeVaultProcess::Call(const std::string& method,
                                      const std::string& path,
                                      const std::string& token,
                                      const std::string& body,
                                      const std::string& vault_namespace) const {
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (tls_) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
    session = std::make_unique<Poco::Net::HTTPSClientSession>("localhost", port_, context);
  } else {
    session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port_);
  }
  session->setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) {
    request.set("X-Vault-Token", token);
  }
  if (!vault_namespace.empty()) {
    request.set("X-Vault-Namespace", vault_namespace);
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session->receiveResponse(response);
  std::stringstream reply;
  reply << in.rdbuf();
  return FakeVaultReply{static_cast<int>(response.getStatus()), reply.str()};
}

std::string FakeVaultProcess::Requests() const {
  FakeVaultReply reply = Call("GET", "/_fake/requests", "");
  if (reply.status != 200) {
    throw std::runtime_error("GET /_fake/requests answered " + std::to_string(reply.status));
  }
  return reply.body;
}

void FakeVaultProcess::AddFault(const std::string& rule) {
  FakeVaultReply reply = Call("POST", "/_fake/faults", "", rule);
  if (reply.status != 204) {
    throw std::runtime_error("POST /_fake/faults answered " + std::to_string(reply.status) + ": " +
                             reply.body);
  }
}

std::string FakeVaultProcess::Stderr() const {
  return server_->Stderr();
}

}  // namespace influxctl::testing
