// SPDX-License-Identifier: Apache-2.0
//
// The TLS module (see tls_layer.hpp): the one place that links Poco NetSSL
// and OpenSSL. A layer trusts the system store, or only the `ca` file as
// curl's --cacert does; offers the client certificate if one is set; speaks
// TLS 1.2 at least; and has OpenSSL check the server's certificate against
// the expected name during the handshake (RFC 6125 rules, IP addresses
// compared as addresses). Poco's own check after the handshake stays off: it
// skips loopback hosts and compares IP hosts by resolving the certificate's
// names. A verify callback keeps, in the layer, the first reason a chain was
// refused, so the error can say why. With `insecure` nothing is verified and
// the plugin warns.

#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <boost/dll/alias.hpp>
#include <fstream>
#include <mutex>

#include "tls_layer.hpp"

namespace influxctl::net {
namespace {

// Where a context keeps the verdict of its certificate checks: an int that
// belongs to the layer using the context.
int VerdictIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// Runs for every certificate of the chain; keeps OpenSSL's verdict and the
// first reason it refused.
int KeepFirstVerifyError(int preverified, X509_STORE_CTX* store) {
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* verdict =
      ssl == nullptr ? nullptr
                     : static_cast<int*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), VerdictIndex()));
  if (preverified == 0 && verdict != nullptr && *verdict == X509_V_OK) {
    *verdict = X509_STORE_CTX_get_error(store);
  }
  return preverified;
}

// The alerts a server sends when it will not take this client's
// certificate, as OpenSSL words them.
bool IsClientCertificateAlert(const std::string& text) {
  for (const char* alert : {"alert certificate required", "alert bad certificate",
                            "alert unknown ca", "alert certificate unknown"}) {
    if (text.find(alert) != std::string::npos) {
      return true;
    }
  }
  return false;
}

bool IsIpAddress(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

// An HTTP session over a TLS socket. A server that closes the connection
// without TLS's closing message ends the answer there, as in Poco's own HTTPS
// session (which cannot take a connected socket); a cut-short answer is still
// caught by its Content-Length.
class TlsSession final : public Poco::Net::HTTPClientSession {
 public:
  explicit TlsSession(const Poco::Net::SecureStreamSocket& socket) : HTTPClientSession(socket) {}

 protected:
  int read(char* buffer, std::streamsize length) override {
    try {
      return HTTPClientSession::read(buffer, length);
    } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException&) {
      return 0;
    }
  }
};

class PocoTlsLayer final : public TlsLayer {
 public:
  PocoTlsLayer(Poco::Net::Context::Ptr context, std::string server_name)
      : context_(std::move(context)), server_name_(std::move(server_name)) {
    SSL_CTX_set_ex_data(context_->sslContext(), VerdictIndex(), &verdict_);
  }

  std::unique_ptr<Poco::Net::HTTPClientSession> Open(
      const Poco::Net::StreamSocket& socket) override {
    // attach() sends the name as SNI and runs the handshake on the socket.
    Poco::Net::SecureStreamSocket secure =
        Poco::Net::SecureStreamSocket::attach(socket, server_name_, context_);
    return std::make_unique<TlsSession>(secure);
  }

  std::optional<TlsFailure> Explain(const Poco::Exception& error) override {
    int verdict = verdict_;
    verdict_ = X509_V_OK;
    if (verdict != X509_V_OK) {
      return TlsFailure{true, false, X509_verify_cert_error_string(verdict)};
    }
    if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&error) != nullptr ||
        dynamic_cast<const Poco::Net::InvalidCertificateException*>(&error) != nullptr) {
      return TlsFailure{true, false, error.displayText()};
    }
    if (dynamic_cast<const Poco::Net::SSLException*>(&error) != nullptr) {
      return TlsFailure{false, IsClientCertificateAlert(error.displayText()), error.displayText()};
    }
    return std::nullopt;
  }

  void ForgetVerdict() override { verdict_ = X509_V_OK; }

 private:
  Poco::Net::Context::Ptr context_;
  std::string server_name_;
  int verdict_ = X509_V_OK;  // the first reason a chain was refused
};

Result<std::unique_ptr<TlsLayer>> MakeTlsLayer(const TlsSetup& setup) {
  static std::once_flag initialized;
  std::call_once(initialized, [] { Poco::Net::initializeSSL(); });
  const TlsConfig& tls = setup.files;
  const std::pair<const std::string*, const char*> files[] = {
      {&tls.ca, "ca"}, {&tls.cert, "cert"}, {&tls.key, "key"}};

  // Every file first, so that the message names the setting, not Poco's words.
  for (auto [path, key] : files) {
    if (!path->empty() && !std::ifstream(*path, std::ios::binary)) {
      return Error::Config(setup.configured_in + " setting " + key + ": the file " + *path +
                           " cannot be read; check that it exists and is readable by this user");
    }
  }

  Poco::Net::Context::Params params;
  params.verificationMode =
      tls.insecure ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_RELAXED;
  params.caLocation = tls.ca;
  params.loadDefaultCAs = tls.ca.empty();  // a private CA replaces the system store
  params.certificateFile = tls.cert;
  params.privateKeyFile = tls.key.empty() ? tls.cert : tls.key;
  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(false);
  } catch (const Poco::Exception& e) {
    std::string named;
    for (auto [path, key] : files) {
      if (!path->empty()) {
        named += (named.empty() ? "" : ", ") + std::string(key) + " = " + *path;
      }
    }
    return Error::Config(setup.configured_in + ": the TLS files could not be used (" +
                         (named.empty() ? std::string("system trust store") : named) +
                         "): " + e.displayText() +
                         "; ca must hold PEM certificates, cert a PEM certificate and key its "
                         "unencrypted PEM private key");
  }

  // The name the certificate must carry.
  if (!tls.insecure) {
    const std::string& name = setup.server_name;
    X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(context->sslContext());
    X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    int set = IsIpAddress(name) ? X509_VERIFY_PARAM_set1_ip_asc(verify, name.c_str())
                                : X509_VERIFY_PARAM_set1_host(verify, name.c_str(), name.size());
    if (set != 1) {
      return Error::Config(setup.configured_in + ": the server name \"" + name +
                           "\" cannot be checked against a TLS certificate; give the server's "
                           "DNS name or IP address");
    }
    SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER, &KeepFirstVerifyError);
  }
  return std::unique_ptr<TlsLayer>(std::make_unique<PocoTlsLayer>(context, setup.server_name));
}

}  // namespace
}  // namespace influxctl::net

BOOST_DLL_ALIAS(influxctl::net::MakeTlsLayer, influxctl_make_tls_layer_v1)
