// SPDX-License-Identifier: Apache-2.0
//
// Test certificates through the openssl command (see test_certificates.hpp).
// OpenSSL 3's `req -x509 -CA` makes and signs a certificate in one step.

#include "emulator/test_certificates.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace influxctl::testing {
namespace {

// Runs openssl with `args`; throws with its output when it fails.
void OpenSsl(const std::vector<std::string>& args) {
  Poco::Pipe output;
  Poco::ProcessHandle process = Poco::Process::launch("openssl", args, nullptr, &output, &output);
  Poco::PipeInputStream in(output);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  if (const int code = process.wait(); code != 0) {
    std::ostringstream command;
    command << "openssl";
    for (const std::string& arg : args) {
      command << " " << arg;
    }
    throw std::runtime_error(command.str() + " failed with " + std::to_string(code) + ":\n" + text);
  }
}

// A new P-256 key and a certificate for `subject`: self-signed when `ca_cert`
// is empty (then a CA), else signed by the CA, with `extensions`.
void MakeCertificate(const std::string& cert,
                     const std::string& key,
                     const std::string& subject,
                     const std::string& ca_cert,
                     const std::string& ca_key,
                     const std::vector<std::string>& extensions) {
  std::vector<std::string> args{
      "req",    "-x509",   "-newkey", "ec",   "-pkeyopt", "ec_paramgen_curve:P-256",
      "-nodes", "-keyout", key,       "-out", cert,       "-days",
      "2",      "-subj",   subject};
  if (!ca_cert.empty()) {
    args.insert(args.end(), {"-CA", ca_cert, "-CAkey", ca_key});
  }
  for (const std::string& extension : extensions) {
    args.insert(args.end(), {"-addext", extension});
  }
  OpenSsl(args);
}

}  // namespace

TestCertificates MakeTestCertificates(const std::string& dir) {
  std::filesystem::create_directories(dir);
  TestCertificates certs;
  certs.dir = dir;
  certs.ca_cert = dir + "/ca.pem";
  certs.ca_key = dir + "/ca.key";
  certs.server_cert = dir + "/server.pem";
  certs.server_key = dir + "/server.key";
  certs.wrong_name_cert = dir + "/wrong-name.pem";
  certs.wrong_name_key = dir + "/wrong-name.key";
  certs.client_cert = dir + "/client.pem";
  certs.client_key = dir + "/client.key";

  const std::string leaf = "basicConstraints=critical,CA:FALSE";
  MakeCertificate(certs.ca_cert, certs.ca_key, "/CN=influxctl test CA", "", "",
                  {"basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"});
  MakeCertificate(
      certs.server_cert, certs.server_key, "/CN=localhost", certs.ca_cert, certs.ca_key,
      {leaf, "subjectAltName=DNS:localhost,IP:127.0.0.1", "extendedKeyUsage=serverAuth"});
  MakeCertificate(certs.wrong_name_cert, certs.wrong_name_key, "/CN=other.example", certs.ca_cert,
                  certs.ca_key,
                  {leaf, "subjectAltName=DNS:other.example", "extendedKeyUsage=serverAuth"});
  MakeCertificate(certs.client_cert, certs.client_key, "/CN=influxctl-test-client", certs.ca_cert,
                  certs.ca_key, {leaf, "extendedKeyUsage=clientAuth"});
  return certs;
}

CertificateFiles MakeServerCertificate(const TestCertificates& certs, const std::string& dns_name) {
  CertificateFiles files{certs.dir + "/" + dns_name + ".pem", certs.dir + "/" + dns_name + ".key"};
  MakeCertificate(files.cert, files.key, "/CN=" + dns_name, certs.ca_cert, certs.ca_key,
                  {"basicConstraints=critical,CA:FALSE", "subjectAltName=DNS:" + dns_name,
                   "extendedKeyUsage=serverAuth"});
  return files;
}

}  // namespace influxctl::testing
