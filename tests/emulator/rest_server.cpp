// SPDX-License-Identifier: Apache-2.0
//
// The Poco side of the REST listener (see rest_server.hpp). One handler
// object per request; all state lives in EmulatorState. A closed or truncated
// answer also turns keep-alive off so that Poco drops the connection.

#include "emulator/rest_server.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <atomic>
#include <istream>
#include <thread>

#include "emulator/admin_api.hpp"
#include "emulator/rest_api.hpp"

namespace influxctl::emulator {
namespace {

constexpr std::size_t kMaxBody = 1 << 20;

// Reads the request body; false when it is larger than kMaxBody.
bool ReadBody(Poco::Net::HTTPServerRequest& request, std::string& body) {
  char buffer[8192];
  std::istream& in = request.stream();
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > kMaxBody) {
      return false;
    }
  }
  return true;
}

void Send(Poco::Net::HTTPServerResponse& response, const RestReply& reply) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  for (const auto& [name, value] : reply.headers) {
    response.set(name, value);
  }
  if (reply.body.empty()) {
    response.setContentLength(0);
    response.send();
    return;
  }
  response.setContentType("application/json");
  response.sendBuffer(reply.body.data(), reply.body.size());
}

// Drops the connection: the client sees it close with no response at all.
void CloseWithoutAnswer(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response) {
  response.setKeepAlive(false);
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  try {
    socket.shutdown();
  } catch (const Poco::Exception&) {
    // Already gone; the client sees the same thing.
  }
}

// Promises the whole body in Content-Length, sends the first half, closes.
void SendTruncated(Poco::Net::HTTPServerRequest& request,
                   Poco::Net::HTTPServerResponse& response,
                   const RestReply& reply) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  response.setKeepAlive(false);
  response.setContentType("application/json");
  const std::size_t promised = reply.body.empty() ? 16 : reply.body.size();
  response.setContentLength(static_cast<std::streamsize>(promised));
  std::ostream& out = response.send();
  out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size() / 2));
  out.flush();
  CloseWithoutAnswer(request, response);
}

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(EmulatorState& state) : state_(state) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    // Read the call.
    RestCall call;
    call.method = request.getMethod();
    try {
      call.path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
      Send(response, ErrorReply(400, "the request target is not a valid URI"));
      return;
    }
    if (!ReadBody(request, call.body)) {
      Send(response, ErrorReply(413, "the body is larger than 1 MiB"));
      return;
    }

    // Admin calls: loopback callers only, no auth, no faults, not logged.
    if (call.path.rfind("/_emulator/", 0) == 0) {
      if (!request.clientAddress().host().isLoopback()) {
        Send(response, ErrorReply(403, "the admin API answers loopback callers only"));
        return;
      }
      Send(response, HandleAdminCall(state_, call.method, call.path, call.body));
      return;
    }

    call.has_authorization = request.has("Authorization");
    call.authorization = request.get("Authorization", "");
    call.idempotency_key = request.get("Idempotency-Key", "");
    call.content_type = request.getContentType();

    // Consult the fault plan: fail before the call, close or truncate after.
    const FaultDecision fault = state_.faults().Next(Protocol::kRest);
    if (fault.delay.count() > 0 && !state_.Delay(fault.delay)) {
      CloseWithoutAnswer(request, response);  // shutting down
      return;
    }
    const RestReply reply =
        fault.action == FaultAction::kFail
            ? ErrorReply(fault.http_status, "injected fault: failing this call on purpose")
            : HandleManagementCall(state_, call);

    RecordCall(call, reply, fault.action);
    switch (fault.action) {
      case FaultAction::kClose:
        CloseWithoutAnswer(request, response);
        break;
      case FaultAction::kTruncate:
        SendTruncated(request, response, reply);
        break;
      default:
        Send(response, reply);
    }
  }

 private:
  void RecordCall(const RestCall& call, const RestReply& reply, FaultAction fault) {
    static constexpr const char* kFaultNames[] = {"", "fail", "close", "truncate"};
    RequestRecord record;
    record.protocol = "rest";
    record.method = call.method;
    record.target = call.path;
    record.authorization_present = call.has_authorization;
    record.idempotency_key = state_.Redact(call.idempotency_key);
    record.body = state_.Redact(call.body);
    record.status = std::to_string(reply.status);
    record.fault = kFaultNames[static_cast<int>(fault)];
    state_.Record(std::move(record));
  }

  EmulatorState& state_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(EmulatorState& state) : state_(state) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(state_);
  }

 private:
  EmulatorState& state_;
};

}  // namespace

RestServer::RestServer(EmulatorState& state) : state_(state) {}

RestServer::~RestServer() {
  Stop();
}

void RestServer::Start() {
  const EmulatorConfig& config = state_.config();
  const Poco::Net::SocketAddress address(config.rest_listen.host,
                                         static_cast<Poco::UInt16>(config.rest_listen.port));

  // A TLS listener verifies client certificates only with --tls-client-ca.
  // No SO_REUSEPORT: a second emulator on a taken port must fail, not share it.
  Poco::Net::ServerSocket socket;
  if (config.tls()) {
    Poco::Net::Context::Params params;
    params.privateKeyFile = config.tls_key;
    params.certificateFile = config.tls_cert;
    params.caLocation = config.tls_client_ca;
    params.verificationMode = config.tls_client_ca.empty() ? Poco::Net::Context::VERIFY_NONE
                                                           : Poco::Net::Context::VERIFY_STRICT;
    params.loadDefaultCAs = false;
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::SERVER_USE, params);
    // Poco would otherwise match a client certificate's name against the
    // client's IP address; the CA signature is the check that matters here.
    context->enableExtendedCertificateVerification(false);
    socket = Poco::Net::SecureServerSocket(context);
  }
  socket.bind(address, /*reuseAddress=*/true, /*reusePort=*/false);
  socket.listen(64);
  port_ = socket.address().port();

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(32);
  params->setKeepAlive(true);
  threads_ = std::make_unique<Poco::ThreadPool>(2, 32);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(state_), *threads_, socket,
                                                    params);
  server_->start();
}

void RestServer::Stop() {
  if (!server_) {
    return;
  }

  // Poco's acceptor notices a stop only between polls of 250 ms; connecting
  // to it wakes it at once, which keeps a test suite's many stops fast.
  std::atomic<bool> stopped{false};
  std::thread waker([this, &stopped] {
    const Poco::Net::SocketAddress self(state_.config().rest_listen.host,
                                        static_cast<Poco::UInt16>(port_));
    while (!stopped) {
      try {
        Poco::Net::StreamSocket knock;
        knock.connect(self, Poco::Timespan(0, 100'000));
      } catch (const Poco::Exception&) {
        // Not listening any more: the stop is under way.
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  server_->stopAll(true);
  stopped = true;
  waker.join();
  threads_->joinAll();
  server_.reset();
}

}  // namespace influxctl::emulator
