// SPDX-License-Identifier: Apache-2.0
//
// The Poco side of the fake Vault (see http_listener.hpp). One handler object
// per request; all state lives in FakeVault. A delayed request sleeps in
// short steps so that stopping the server is never held up by it.

#include "http_listener.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>

#include <chrono>
#include <iostream>
#include <istream>
#include <thread>

namespace influxctl::fake_vault {
namespace {

constexpr std::size_t kMaxBody = 1 << 20;

std::string TrimSlashes(std::string text) {
  while (!text.empty() && text.front() == '/') {
    text.erase(text.begin());
  }
  while (!text.empty() && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

void Send(Poco::Net::HTTPServerResponse& response, const ApiReply& reply) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  if (reply.body.empty()) {
    response.setContentLength(0);
    response.send();
    return;
  }
  response.setContentType("application/json");
  response.sendBuffer(reply.body.data(), reply.body.size());
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(FakeVault& vault, const FakeVaultConfig& config, const std::atomic<bool>& stopping)
      : vault_(vault), config_(config), stopping_(stopping) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    // Read the call.
    ApiCall call;
    call.method = request.getMethod();
    try {
      Poco::URI uri(request.getURI());
      call.path = uri.getPath();
      call.query = uri.getRawQuery();
    } catch (const Poco::Exception&) {
      Send(response, ErrorReply(400, "the request target is not a valid URI"));
      return;
    }
    char buffer[8192];
    std::istream& in = request.stream();
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      call.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (call.body.size() > kMaxBody) {
        Send(response, ErrorReply(413, "request body too large"));
        return;
      }
    }

    // Test-only calls: loopback callers, no token, no faults, not recorded.
    if (call.path.rfind("/_fake/", 0) == 0) {
      if (!request.clientAddress().host().isLoopback()) {
        Send(response, ErrorReply(403, "the admin API answers loopback callers only"));
        return;
      }
      Send(response, vault_.Admin(call.method, call.path, call.body));
      return;
    }

    call.token = request.get("X-Vault-Token", "");
    const std::string authorization = request.get("Authorization", "");
    if (call.token.empty() && authorization.rfind("Bearer ", 0) == 0) {
      call.token = authorization.substr(7);
    }
    call.vault_namespace = TrimSlashes(request.get("X-Vault-Namespace", ""));

    // Faults first, then Vault's own answer.
    const FaultDecision fault = vault_.FaultFor(call);
    const auto wake = std::chrono::steady_clock::now() + fault.delay;
    while (std::chrono::steady_clock::now() < wake && !stopping_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (fault.race) {
      vault_.WriteAsAnotherClient(call);
    }
    ApiReply reply;
    if (fault.status != 0) {
      reply = ErrorReply(fault.status, "1 error occurred:\n\t* injected fault (status " +
                                           std::to_string(fault.status) + ")\n\n");
    } else if (call.path.rfind("/v1/", 0) != 0) {
      reply = ErrorReply(404, "not a Vault API path: " + call.path);
    } else {
      try {
        reply = vault_.Serve(call);
      } catch (const std::exception& error) {
        reply = ErrorReply(500, std::string("the fake Vault failed: ") + error.what());
      }
    }
    vault_.Record(call, reply.status, fault.rule);
    if (config_.verbose) {
      std::cerr << "influxctl-fake-vault: " << call.method << " " << call.path
                << (call.vault_namespace.empty() ? "" : " [ns " + call.vault_namespace + "]")
                << " -> " << reply.status << (fault.rule.empty() ? "" : " (fault)") << "\n";
    }
    try {
      Send(response, reply);
    } catch (const Poco::Exception&) {
      // The client gave up (a timeout test); nothing to tell it.
    }
  }

 private:
  FakeVault& vault_;
  const FakeVaultConfig& config_;
  const std::atomic<bool>& stopping_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(FakeVault& vault, const FakeVaultConfig& config, const std::atomic<bool>& stopping)
      : vault_(vault), config_(config), stopping_(stopping) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(vault_, config_, stopping_);
  }

 private:
  FakeVault& vault_;
  const FakeVaultConfig& config_;
  const std::atomic<bool>& stopping_;
};

}  // namespace

HttpListener::HttpListener(FakeVault& vault, const FakeVaultConfig& config)
    : vault_(vault), config_(config) {}

HttpListener::~HttpListener() {
  Stop();
}

void HttpListener::Start() {
  Poco::Net::SocketAddress address(config_.listen_host,
                                   static_cast<Poco::UInt16>(config_.listen_port));
  Poco::Net::ServerSocket socket;
  if (config_.tls_cert.empty()) {
    socket = Poco::Net::ServerSocket(address);
  } else {
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, config_.tls_key,
                               config_.tls_cert, "", Poco::Net::Context::VERIFY_NONE);
    socket = Poco::Net::SecureServerSocket(address, 64, context);
  }
  port_ = socket.address().port();

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(16);
  params->setKeepAlive(false);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(vault_, config_, stopping_),
                                                    socket, params);
  server_->start();
}

void HttpListener::Stop() {
  stopping_ = true;
  if (server_) {
    server_->stopAll(true);
    server_.reset();
  }
}

}  // namespace influxctl::fake_vault
