// SPDX-License-Identifier: Apache-2.0
//
// Builds the Poco TLS context of a REST transport instance (see
// tls_context.hpp). Poco's own post-handshake name check is turned off: it
// skips loopback hosts and compares IP hosts by resolving the names in the
// certificate. OpenSSL checks the name during the handshake instead, and a
// verify callback records why a check failed so the error can say it.

#include "tls_context.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/NetSSL.h>
#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <mutex>

namespace influxctl::rest {
namespace {

thread_local int last_verify_error = X509_V_OK;

// Runs for every certificate of the chain; keeps OpenSSL's verdict and
// remembers the first reason for refusing.
int RecordVerifyResult(int preverified, X509_STORE_CTX* store) {
  if (preverified == 0 && last_verify_error == X509_V_OK) {
    last_verify_error = X509_STORE_CTX_get_error(store);
  }
  return preverified;
}

bool IsIpAddress(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

Status CheckReadable(const std::string& path, std::string_view key) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error::Config("[profile.tls] " + std::string(key) + " file " + path +
                         " cannot be read; check that it exists and is readable by this user");
  }
  return Status::Ok();
}

}  // namespace

Result<Poco::Net::Context::Ptr> MakeTlsContext(const TlsConfig& tls, const std::string& host) {
  static std::once_flag initialized;
  std::call_once(initialized, [] { Poco::Net::initializeSSL(); });

  // Every file first, so that the message names the key rather than Poco's words.
  for (auto [path, key] : {std::pair{&tls.ca, "ca"}, {&tls.cert, "cert"}, {&tls.key, "key"}}) {
    if (!path->empty()) {
      if (Status readable = CheckReadable(*path, key); !readable.ok()) {
        return readable.error();
      }
    }
  }

  Poco::Net::Context::Params params;
  params.verificationMode =
      tls.insecure ? Poco::Net::Context::VERIFY_NONE : Poco::Net::Context::VERIFY_RELAXED;
  // A private CA replaces the system store, as curl's --cacert does.
  params.caLocation = tls.ca;
  params.loadDefaultCAs = tls.ca.empty();
  params.certificateFile = tls.cert;
  params.privateKeyFile = tls.key.empty() ? tls.cert : tls.key;

  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    context->enableExtendedCertificateVerification(false);
  } catch (const Poco::Exception& e) {
    std::string files;
    for (auto [path, key] : {std::pair{&tls.ca, "ca"}, {&tls.cert, "cert"}, {&tls.key, "key"}}) {
      if (!path->empty()) {
        files += (files.empty() ? "" : ", ") + std::string(key) + " = " + *path;
      }
    }
    return Error::Config("the TLS files in [profile.tls] could not be used (" +
                         (files.empty() ? std::string("system trust store") : files) +
                         "): " + e.displayText() +
                         "; ca must hold PEM certificates, cert a PEM certificate and key its "
                         "unencrypted PEM private key");
  }
  if (tls.insecure) {
    return context;
  }

  // The name the certificate must carry: the host the profile names.
  X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(context->sslContext());
  X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  int set = IsIpAddress(host) ? X509_VERIFY_PARAM_set1_ip_asc(verify, host.c_str())
                              : X509_VERIFY_PARAM_set1_host(verify, host.c_str(), host.size());
  if (set != 1) {
    return Error::Config("the host \"" + host +
                         "\" in the profile cannot be checked against a TLS certificate; write "
                         "the cluster's DNS name or IP address");
  }
  SSL_CTX_set_verify(context->sslContext(), SSL_VERIFY_PEER, &RecordVerifyResult);
  return context;
}

std::string TakeCertificateFailure() {
  int error = last_verify_error;
  last_verify_error = X509_V_OK;
  return error == X509_V_OK ? std::string() : X509_verify_cert_error_string(error);
}

}  // namespace influxctl::rest
