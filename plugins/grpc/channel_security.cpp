// SPDX-License-Identifier: Apache-2.0
//
// Builds the channel credentials (see channel_security.hpp). The verified path
// uses grpc::SslCredentials, which checks the chain and the host name; the
// `insecure` path needs gRPC's TLS options API, the only one that can skip the
// check. The client key is held in a Secret while it is in this plugin's hands.

#include "channel_security.hpp"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace influxctl::grpc_plugin {
namespace {

// Reads a PEM file named by [profile.tls] `key`, checking it holds `marker`.
Result<Secret> ReadPem(std::string_view key,
                       const std::string& path,
                       std::string_view marker,
                       std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Config("[profile.tls] " + std::string(key) + ": cannot read " + path +
                         "; check that the file exists and this user can read it");
  }
  std::ostringstream text;
  text << in.rdbuf();
  Secret pem(text.str());
  if (pem.Reveal().find(marker) == std::string::npos) {
    return Error::Config("[profile.tls] " + std::string(key) + ": " + path + " holds no PEM " +
                         std::string(what) + " (no \"" + std::string(marker) +
                         "\" line); give a PEM file, not DER or a bundle in another format");
  }
  return pem;
}

constexpr std::string_view kCertificateMarker = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kPrivateKeyMarker = "PRIVATE KEY-----";

struct PemFiles {
  Secret ca;  // not secret, but one type keeps the reading code single
  Secret cert;
  Secret key;
};

Result<PemFiles> ReadPemFiles(const TlsConfig& tls) {
  if (tls.cert.empty() != tls.key.empty()) {
    return Error::Config(std::string("[profile.tls] ") + (tls.cert.empty() ? "key" : "cert") +
                         " is set without " + (tls.cert.empty() ? "cert" : "key") +
                         "; a client certificate needs both its certificate and its key");
  }
  PemFiles files;
  if (!tls.ca.empty()) {
    Result<Secret> ca = ReadPem("ca", tls.ca, kCertificateMarker, "certificate");
    if (!ca.ok()) {
      return ca.error();
    }
    files.ca = std::move(ca).value();
  }
  if (!tls.cert.empty()) {
    Result<Secret> cert = ReadPem("cert", tls.cert, kCertificateMarker, "certificate");
    if (!cert.ok()) {
      return cert.error();
    }
    Result<Secret> key = ReadPem("key", tls.key, kPrivateKeyMarker, "private key");
    if (!key.ok()) {
      return key.error();
    }
    files.cert = std::move(cert).value();
    files.key = std::move(key).value();
  }
  return files;
}

ChannelSecurity Plaintext(const TlsConfig& tls, const ClusterAddress& address, Log& log) {
  std::string ignored;
  for (auto [name, set] :
       {std::pair{"insecure", tls.insecure}, std::pair{"ca", !tls.ca.empty()},
        std::pair{"cert", !tls.cert.empty()}, std::pair{"key", !tls.key.empty()}}) {
    if (set) {
      ignored += (ignored.empty() ? "" : ", ") + std::string(name);
    }
  }
  if (!ignored.empty()) {
    log.Warning("[profile.tls] disable = true, so " + ignored +
                " has no effect: the connection is plaintext");
  }
  // On loopback the traffic never leaves the machine; anywhere else it can be read.
  if (!address.loopback) {
    log.Warning(
        "[profile.tls] disable = true: the management token and any token created "
        "travel to " +
        address.authority + " unencrypted; use TLS outside tests");
  }
  return {grpc::InsecureChannelCredentials(), true, "plaintext (TLS disabled)"};
}

ChannelSecurity Unverified(const TlsConfig& tls,
                           PemFiles files,
                           const ClusterAddress& address,
                           Log& log) {
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_verify_server_certs(false);
  options.set_certificate_verifier(std::make_shared<grpc::experimental::NoOpCertificateVerifier>());
  options.set_check_call_host(false);
  if (!files.cert.empty()) {
    std::vector<grpc::experimental::IdentityKeyCertPair> identity{
        {files.key.Reveal(), files.cert.Reveal()}};
    options.set_certificate_provider(
        std::make_shared<grpc::experimental::StaticDataCertificateProvider>(identity));
    options.watch_identity_key_cert_pairs();
  }
  log.Warning(
      "[profile.tls] insecure = true: the server's certificate is not verified, so "
      "anyone on the path to " +
      address.authority +
      " can read the management token and any token created; use it only for tests");
  std::string summary = "TLS without certificate verification";
  if (!tls.cert.empty()) {
    summary += ", client certificate " + tls.cert;
  }
  return {grpc::experimental::TlsCredentials(options), false, summary};
}

ChannelSecurity Verified(const TlsConfig& tls, PemFiles files) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = files.ca.Reveal();  // empty: the system's trust store
  options.pem_cert_chain = files.cert.Reveal();
  options.pem_private_key = files.key.Reveal();
  std::string summary = "TLS, server certificate verified against " +
                        (tls.ca.empty() ? std::string("the system trust store") : tls.ca);
  if (!tls.cert.empty()) {
    summary += ", client certificate " + tls.cert;
  }
  return {grpc::SslCredentials(options), false, summary};
}

}  // namespace

Result<ChannelSecurity> MakeChannelSecurity(const TlsConfig& tls,
                                            const ClusterAddress& address,
                                            Log& log) {
  if (tls.disable) {
    return Plaintext(tls, address, log);
  }
  Result<PemFiles> files = ReadPemFiles(tls);
  if (!files.ok()) {
    return files.error();
  }
  ChannelSecurity security = tls.insecure ? Unverified(tls, std::move(files).value(), address, log)
                                          : Verified(tls, std::move(files).value());
  if (security.credentials == nullptr) {
    return Error::Config(
        "gRPC could not set up TLS from [profile.tls]; check the ca, cert and "
        "key files");
  }
  return security;
}

}  // namespace influxctl::grpc_plugin
