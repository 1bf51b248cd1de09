// SPDX-License-Identifier: Apache-2.0
//
// Builds the TLS context of a vault output (see tls_setup.hpp). Poco's own
// name check after the handshake is switched off because it skips loopback
// hosts; OpenSSL's check, bound to the expected name, replaces it. A verify
// callback keeps the first reason a chain was refused, per thread, so the
// error can say why.

#include "tls_setup.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetSSL.h>
#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <mutex>

namespace influxctl::vault {
namespace {

thread_local int first_verify_error = X509_V_OK;

int KeepFirstVerifyError(int preverified, X509_STORE_CTX* store) {
  if (preverified == 0 && first_verify_error == X509_V_OK) {
    first_verify_error = X509_STORE_CTX_get_error(store);
  }
  return preverified;
}

bool IsIpAddress(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

}  // namespace

std::string ExpectedServerName(const VaultOptions& options) {
  return options.tls_server_name.empty() ? options.address.host : options.tls_server_name;
}

Result<Poco::Net::Context::Ptr> MakeVaultTlsContext(const VaultOptions& options) {
  static std::once_flag ssl_ready;
  std::call_once(ssl_ready, [] { Poco::Net::initializeSSL(); });
  const TlsConfig& tls = options.tls;

  // Each file must be readable; the message names the setting, not Poco's words.
  for (auto [path, key] : {std::pair{&tls.ca, "ca"}, {&tls.cert, "cert"}, {&tls.key, "key"}}) {
    if (!path->empty() && !std::ifstream(*path, std::ios::binary)) {
      return Error::Config("vault output setting " + std::string(key) + ": the file " + *path +
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
    return Error::Config(
        "vault output: the TLS files (ca, cert, key) could not be used: " + e.displayText() +
        "; ca must hold PEM certificates, cert a PEM certificate and key its "
        "unencrypted PEM private key");
  }
  if (tls.insecure) {
    return context;
  }

  // The name the certificate must carry.
  const std::string name = ExpectedServerName(options);
  X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(context->sslContext());
  X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  int set = IsIpAddress(name) ? X509_VERIFY_PARAM_set1_ip_asc(verify, name.c_str())
                              : X509_VERIFY_PARAM_set1_host(verify, name.c_str(), name.size());
  if (set != 1) {
    return Error::Config("vault output: \"" + name +
                         "\" cannot be checked against a TLS certificate; give a DNS name or an "
                         "IP address in address or tls_server_name");
  }
  SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER, &KeepFirstVerifyError);
  return context;
}

std::string TakeVerifyFailure() {
  int error = first_verify_error;
  first_verify_error = X509_V_OK;
  return error == X509_V_OK ? std::string() : X509_verify_cert_error_string(error);
}

}  // namespace influxctl::vault
