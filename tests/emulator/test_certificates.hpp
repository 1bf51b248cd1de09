// SPDX-License-Identifier: Apache-2.0
//
// Throwaway PKI for TLS tests, made at test time with the openssl command
// (EC P-256 keys, valid for two days, about 25 ms in all): a CA; a server
// certificate for DNS:localhost and IP:127.0.0.1; one for DNS:other.example
// (to test name checks); and a client certificate. Server certificates for
// other names are made on request. All are signed by the CA and written as
// PEM files into a folder the caller owns. Throws std::runtime_error with
// openssl's output when a step fails.

#pragma once

#include <string>

namespace influxctl::testing {

struct TestCertificates {
  std::string dir;  // every file below lives here
  std::string ca_cert, ca_key;
  std::string server_cert, server_key;          // localhost, 127.0.0.1
  std::string wrong_name_cert, wrong_name_key;  // other.example
  std::string client_cert, client_key;          // CN=influxctl-test-client
};

// Creates `dir` when it is missing.
TestCertificates MakeTestCertificates(const std::string& dir);

struct CertificateFiles {
  std::string cert, key;
};

// A server certificate for DNS:`dns_name` alone, signed by the CA of `certs`
// and written into certs.dir as <dns_name>.pem and <dns_name>.key: for a test
// that reaches a local server under a name other than localhost, such as a
// host only a proxy can reach.
CertificateFiles MakeServerCertificate(const TestCertificates& certs, const std::string& dns_name);

}  // namespace influxctl::testing
