// SPDX-License-Identifier: Apache-2.0
//
// One exchange with Vault on Poco (see vault_http.hpp). Each exchange opens
// its own session with every timeout set to the time left, and a
// SocketCutoff that ends the connection when the deadline passes, whatever
// Poco is doing. The session is opened to the address's host by name; with
// tls_server_name the TLS layer is told that name instead, for SNI, while
// OpenSSL checks the certificate against it (tls_setup.cpp).
//
// TODO: the cutoff can only hold a socket once Poco has connected it, so
// name lookup (getaddrinfo, not bounded at all) and the TCP and TLS
// handshakes are bounded by Poco's connect timeout, set to the time left,
// not by the cutoff; a Vault that stalls in the handshake can stretch a step
// to about twice its timeout. Bounding it exactly needs a socket this code
// creates and connects itself.

#include "vault_http.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>

#include <algorithm>
#include <istream>
#include <memory>
#include <ostream>
#include <utility>
#include <vector>

#include "tls_setup.hpp"

namespace influxctl::vault {
namespace {

// No KV, lookup or capabilities answer comes near this.
constexpr std::size_t kMaxAnswerBytes = 4 * 1024 * 1024;

enum class Stage { kConnect, kSend, kReceive };

// A Poco session that hands its connected socket to the cutoff, says when it
// got that far, and, for TLS with tls_server_name, names the server itself.
template <typename Base>
class HeldSession : public Base {
 public:
  template <typename... Args>
  HeldSession(SocketCutoff& cutoff, Stage& stage, std::string server_name, Args&&... args)
      : Base(std::forward<Args>(args)...),
        cutoff_(cutoff),
        stage_(stage),
        server_name_(std::move(server_name)) {}

 protected:
  void connect(const Poco::Net::SocketAddress& address) override {
    if (!server_name_.empty()) {
      // Poco names the server after the session's host only when no name is set yet.
      Poco::Net::SecureStreamSocket(this->socket()).setPeerHostName(server_name_);
    }
    Base::connect(address);
    cutoff_.Hold(static_cast<int>(this->socket().impl()->sockfd()));
    stage_ = Stage::kSend;
  }

 private:
  SocketCutoff& cutoff_;
  Stage& stage_;
  std::string server_name_;
};

Poco::Timespan TimeLeft(const Deadline& deadline) {
  // Never zero: Poco reads a zero timeout as "wait forever".
  auto left = std::max<std::int64_t>(deadline.Left().count(), 1);
  return Poco::Timespan(left * 1000);
}

WireProblem Problem(WireFailure kind, bool request_sent, std::string detail) {
  return WireProblem{kind, request_sent, std::move(detail)};
}

// Sorts a Poco exception into what the caller needs to know.
WireProblem Classify(const Poco::Exception& error, Stage stage, bool cut_off) {
  WireProblem problem = Problem(WireFailure::kOther, stage == Stage::kReceive, error.displayText());
  std::string refused_certificate = TakeVerifyFailure();
  if (cut_off || dynamic_cast<const Poco::TimeoutException*>(&error) != nullptr) {
    problem.kind = WireFailure::kTimeout;
  } else if (!refused_certificate.empty()) {
    problem.kind = WireFailure::kCertificate;
    problem.detail = refused_certificate;
  } else if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&error) != nullptr) {
    problem.kind = WireFailure::kRefused;
  } else if (dynamic_cast<const Poco::Net::ConnectionResetException*>(&error) != nullptr ||
             dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&error) != nullptr) {
    problem.kind = WireFailure::kReset;
  } else if (dynamic_cast<const Poco::Net::DNSException*>(&error) != nullptr) {
    problem.kind = WireFailure::kResolve;
  } else if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&error) != nullptr ||
             dynamic_cast<const Poco::Net::InvalidCertificateException*>(&error) != nullptr) {
    problem.kind = WireFailure::kCertificate;
  } else if (dynamic_cast<const Poco::Net::SSLException*>(&error) != nullptr) {
    problem.kind = WireFailure::kTls;
  } else if (dynamic_cast<const Poco::Net::NoMessageException*>(&error) != nullptr) {
    problem.kind = WireFailure::kClosed;
  }
  return problem;
}

// Overwrites a string that held a secret before its memory is given back.
void Wipe(std::string& text) {
  std::fill(text.begin(), text.end(), '\0');
  text.clear();
}

}  // namespace

VaultHttp::VaultHttp(const VaultOptions& options, Poco::Net::Context::Ptr tls, Log& log)
    : options_(options), tls_(std::move(tls)), log_(log) {}

VaultOutcome VaultHttp::Send(const VaultRequest& request,
                             const Secret& vault_token,
                             const Deadline& deadline,
                             const Secret* also_secret) {
  if (deadline.Passed()) {
    return Problem(WireFailure::kTimeout, false, "no time was left to start " + request.target);
  }
  const auto started = Deadline::Clock::now();
  const bool trace = log_.Enabled(LogLevel::kTrace);
  Stage stage = Stage::kConnect;

  // Declared before the session, so the session (and its socket) goes first.
  SocketCutoff cutoff(deadline);
  TakeVerifyFailure();
  try {
    // The session, to the address's host by name.
    const VaultAddress& address = options_.address;
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (tls_.isNull()) {
      session = std::make_unique<HeldSession<Poco::Net::HTTPClientSession>>(
          cutoff, stage, "", address.host, address.port);
    } else {
      session = std::make_unique<HeldSession<Poco::Net::HTTPSClientSession>>(
          cutoff, stage, options_.tls_server_name, address.host, address.port, tls_);
    }
    // An empty proxy also overrides any process-wide Poco proxy setting.
    session->setProxyConfig(Poco::Net::HTTPClientSession::ProxyConfig());
    session->setKeepAlive(false);
    session->setTimeout(TimeLeft(deadline), TimeLeft(deadline), TimeLeft(deadline));

    // The request, with what every Vault call carries.
    Poco::Net::HTTPRequest http(request.method, request.target, Poco::Net::HTTPMessage::HTTP_1_1);
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Host", address.Authority()},
        {"User-Agent", "influxctl-vault/" + std::string(kVaultPluginVersion)},
        {"Accept", "application/json"},
        {"X-Vault-Request", "true"},
    };
    if (!options_.vault_namespace.empty()) {
      headers.emplace_back("X-Vault-Namespace", options_.vault_namespace);
    }
    if (!request.body.empty()) {
      headers.emplace_back("Content-Type", "application/json");
    }
    for (const auto& [name, value] : headers) {
      http.set(name, value);
    }
    http.set("X-Vault-Token", vault_token.Reveal());
    headers.emplace_back("X-Vault-Token", Secret::kRedacted);
    http.setKeepAlive(false);
    if (!request.body.empty() || request.method == "POST") {
      http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }
    if (trace) {
      log_.Trace("> " + request.method + " " + address.Origin() + request.target + " HTTP/1.1");
      for (const auto& [name, value] : headers) {
        log_.Trace("> " + name + ": " + RedactHeader(name, value));
      }
      const std::string& shown = request.trace_body.empty() ? request.body : request.trace_body;
      if (!shown.empty()) {
        log_.Trace("> " + WithoutSecrets(shown, {&vault_token, also_secret}));
      }
    }

    // Send: connecting happens here, bounded by the time left.
    std::ostream& out = session->sendRequest(http);
    http.set("X-Vault-Token", std::string(vault_token.size(), '\0'));  // overwritten in place
    out << request.body;
    out.flush();
    if (!out.good()) {
      if (const Poco::Exception* error = session->networkException()) {
        return Classify(*error, stage, cutoff.Fired());
      }
      return Problem(WireFailure::kReset, false, "the request could not be written");
    }
    stage = Stage::kReceive;

    // Receive: the status line, headers and the whole body within the time left.
    session->socket().setReceiveTimeout(TimeLeft(deadline));
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    VaultAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    answer.reason = response.getReason();
    char buffer[16 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      answer.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (answer.body.size() > kMaxAnswerBytes) {
        Wipe(answer.body);
        return Problem(WireFailure::kTooLarge, true,
                       "more than " + std::to_string(kMaxAnswerBytes) + " bytes");
      }
    }
    if (trace) {
      auto took =
          std::chrono::duration_cast<std::chrono::milliseconds>(Deadline::Clock::now() - started);
      log_.Trace("< " + std::to_string(answer.status) + " " + answer.reason + " (" +
                 std::to_string(took.count()) + " ms)");
      for (const auto& [name, value] : response) {
        log_.Trace("< " + name + ": " + RedactHeader(name, value));
      }
      if (!answer.body.empty()) {
        log_.Trace("< " + RedactAnswerBody(answer.body, {&vault_token, also_secret}));
      }
    }
    if (cutoff.Fired()) {
      Wipe(answer.body);
      return Problem(WireFailure::kTimeout, true, "while reading the answer");
    }
    if (in.bad()) {
      Wipe(answer.body);
      if (const Poco::Exception* error = session->networkException()) {
        return Classify(*error, stage, cutoff.Fired());
      }
      return Problem(WireFailure::kTruncated, true, "reading the body failed");
    }
    if (response.hasContentLength() &&
        static_cast<Poco::Int64>(answer.body.size()) < response.getContentLength64()) {
      std::string detail = "got " + std::to_string(answer.body.size()) + " of the " +
                           std::to_string(response.getContentLength64()) + " bytes announced";
      Wipe(answer.body);
      return Problem(WireFailure::kTruncated, true, detail);
    }
    return answer;
  } catch (const Poco::Exception& error) {
    return Classify(error, stage, cutoff.Fired());
  } catch (const std::exception& error) {
    return Problem(cutoff.Fired() ? WireFailure::kTimeout : WireFailure::kOther,
                   stage == Stage::kReceive, error.what());
  }
}

}  // namespace influxctl::vault
