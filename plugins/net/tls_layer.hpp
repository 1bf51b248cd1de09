// SPDX-License-Identifier: Apache-2.0
//
// The TLS side of a plugin's connections, as one interface between the
// plugins and the TLS module (libinfluxctl-tls.so, tls_module.cpp). Only the
// module links Poco NetSSL and OpenSSL, and a plugin loads it only when a
// connection needs TLS (tls_loader.hpp), so a plain-HTTP run never pays for
// loading them. A layer is built once per plugin instance from the TLS files
// and the name the server's certificate must carry; it then runs the
// handshake on connections the plugin has already opened. A layer is used by
// one thread at a time.

#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include <memory>
#include <optional>
#include <string>

#include <influxctl/error.hpp>
#include <influxctl/transport.hpp>

namespace influxctl::net {

struct TlsSetup {
  TlsConfig files;          // ca, cert, key and insecure; `disable` is not looked at
  std::string server_name;  // sent as SNI and checked against the certificate
  // Where the files were configured, for messages: "[profile.tls]", "vault
  // output".
  std::string configured_in;
};

// Why a TLS exchange failed.
struct TlsFailure {
  bool certificate = false;  // the server's certificate was refused
  // The server ended the handshake with an alert about this client's
  // certificate (none, unknown, untrusted). Under TLS 1.3 that alert comes
  // after the request was written, but the server never read it.
  bool client_refused = false;
  std::string detail;  // OpenSSL's or Poco's words
};

class TlsLayer {
 public:
  virtual ~TlsLayer() = default;

  // Runs the TLS handshake on `socket`, connected to the server (directly or
  // through a proxy's tunnel), and returns an HTTP session over it that owns
  // the socket. Blocks within the socket's timeouts; throws Poco exceptions.
  virtual std::unique_ptr<Poco::Net::HTTPClientSession> Open(
      const Poco::Net::StreamSocket& socket) = 0;

  // What `error` says about TLS, if it is a TLS failure; the refusal of a
  // certificate is recognised also when Poco reports it as a closed socket.
  // Forgets the certificate check's verdict, so call it once per exchange.
  virtual std::optional<TlsFailure> Explain(const Poco::Exception& error) = 0;
  // Forgets any verdict left from an earlier exchange.
  virtual void ForgetVerdict() = 0;
};

// The module's one entry point, exported under kTlsLayerFactory. Reads the
// files now: an unreadable or unusable one is a kConfig error naming it. The
// name carries the interface's version: change both when anything above
// changes, so that a stale module is refused rather than called.
using TlsLayerFactory = Result<std::unique_ptr<TlsLayer>>(const TlsSetup& setup);
inline constexpr const char* kTlsLayerFactory = "influxctl_make_tls_layer_v1";

}  // namespace influxctl::net
