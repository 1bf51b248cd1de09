// SPDX-License-Identifier: Apache-2.0
//
// Vault's answers and the messages for failed exchanges (see vault_answers.hpp).

#include "vault_answers.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <influxctl/time.hpp>

#include "tls_loader.hpp"

namespace influxctl::vault {
namespace {

// "1 error occurred:\n\t* permission denied\n\n" -> {"permission denied"}.
std::vector<std::string> Unwrap(const std::string& reason) {
  std::vector<std::string> items;
  if (reason.find(" occurred:") == std::string::npos) {
    items.push_back(reason);
    return items;
  }
  std::size_t at = 0;
  while ((at = reason.find("* ", at)) != std::string::npos) {
    at += 2;
    std::size_t end = reason.find('\n', at);
    std::string item = reason.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!item.empty()) {
      items.push_back(item);
    }
    if (end == std::string::npos) {
      break;
    }
    at = end;
  }
  if (items.empty()) {
    items.push_back(reason);
  }
  return items;
}

std::string Advice(const VaultOptions& options) {
  return options.tls.ca.empty()
             ? "if Vault uses a private certificate authority, set ca = \"FILE\" in this "
               "[[profile.output]] to its certificate"
             : "check that ca = " + options.tls.ca + " is the authority that signed it";
}

}  // namespace

Poco::JSON::Object::Ptr ParseJsonObject(const std::string& body) {
  if (body.empty()) {
    return nullptr;
  }
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed = parser.parse(body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      return parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const Poco::Exception&) {
    // Not JSON: the caller treats the body as text.
  }
  return nullptr;
}

std::vector<std::string> VaultErrors(const std::string& body) {
  std::vector<std::string> reasons;
  Poco::JSON::Object::Ptr object = ParseJsonObject(body);
  if (object.isNull() || !object->isArray("errors")) {
    return reasons;
  }
  Poco::JSON::Array::Ptr errors = object->getArray("errors");
  for (std::size_t i = 0; i < errors->size(); ++i) {
    Poco::Dynamic::Var item = errors->get(static_cast<unsigned>(i));
    if (item.isString()) {
      for (std::string& reason : Unwrap(item.extract<std::string>())) {
        reasons.push_back(std::move(reason));
      }
    }
  }
  return reasons;
}

bool ErrorsMention(const std::vector<std::string>& errors, std::string_view phrase) {
  for (const std::string& reason : errors) {
    if (reason.find(phrase) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string DescribeAnswer(const net::HttpResponse& answer, SecretList secrets) {
  std::string text = "HTTP " + std::to_string(answer.status);
  if (!answer.reason.empty()) {
    text += " " + PrintableText(answer.reason, 80);
  }
  std::vector<std::string> reasons = VaultErrors(answer.body);
  std::string said;
  for (const std::string& reason : reasons) {
    said += (said.empty() ? "" : "; ") + reason;
  }
  if (reasons.empty() && ParseJsonObject(answer.body).isNull()) {
    said = answer.body;  // not Vault's JSON: a proxy's page, perhaps
  }
  said = PrintableText(WithoutSecrets(said, secrets), 400);
  return said.empty() ? text : text + ": " + said;
}

Error WireError(const net::HttpFailure& problem,
                const VaultOptions& options,
                std::string_view doing,
                std::string_view request,
                bool delivering) {
  const std::string origin = options.address.Origin();
  std::string why;
  switch (problem.kind) {
    case net::FailureKind::kRefused:
      why = "the connection to " + origin +
            " was refused: nothing is listening there; check address and that Vault is running";
      break;
    case net::FailureKind::kResolve:
      why = "the host name " + options.address.host + " could not be resolved (" + problem.detail +
            "); check address";
      break;
    case net::FailureKind::kReset:
      why = "the connection to " + origin + " was reset (" + problem.detail + ")";
      break;
    case net::FailureKind::kTimeout:
      why = "no complete answer from " + origin + " to " + std::string(request) + " within the " +
            FormatGoDuration(options.timeout) + " timeout (stopped " +
            std::string(net::DescribeStep(problem.step)) +
            "); Vault may be slow or unreachable: check the network, or allow more time "
            "with timeout = \"30s\" in this [[profile.output]]";
      break;
    case net::FailureKind::kCertificate:
      if (problem.detail == "hostname mismatch" || problem.detail == "IP address mismatch") {
        why = "Vault's TLS certificate at " + origin + " is not valid for the name " +
              options.ServerName() + " (" + problem.detail +
              "); use a name the certificate carries in address, or set tls_server_name to it";
      } else {
        why = "Vault's TLS certificate at " + origin + " could not be verified (" + problem.detail +
              "); " + Advice(options);
      }
      break;
    case net::FailureKind::kTls:
      why = "the TLS connection to " + origin + " failed (" + problem.detail +
            "); if this Vault serves plain HTTP, write address with http://";
      break;
    case net::FailureKind::kClosed:
      why = origin + " closed the connection without answering " + std::string(request);
      break;
    case net::FailureKind::kTruncated:
      why = "the answer from " + origin + " to " + std::string(request) + " was cut short (" +
            problem.detail + ")";
      break;
    case net::FailureKind::kTooLarge:
      why = "the answer from " + origin + " to " + std::string(request) + " is too large (" +
            problem.detail + ") to be Vault's";
      break;
    case net::FailureKind::kProxy:  // the vault output never uses a proxy
    case net::FailureKind::kOther:
      why = std::string(request) + " failed: " + problem.detail;
      break;
  }
  if (delivering && problem.request_sent) {
    why += "; the write had been sent, so Vault may hold the token anyway";
  }
  return Error::Output(options.Where() + ": " + std::string(doing) + " failed: " + why);
}

Error UnexpectedAnswer(const net::HttpResponse& answer,
                       const VaultOptions& options,
                       std::string_view doing,
                       std::string_view request,
                       SecretList secrets) {
  const std::string said = DescribeAnswer(answer, secrets);
  std::string advice;
  if (answer.status == 503 || answer.status == 501) {
    advice = "; Vault is sealed, not initialized or unavailable: unseal it or try again later";
  } else if (answer.status == 429 || answer.status == 473) {
    advice =
        "; Vault is busy or answered from a standby node: try again later, or point "
        "address at the active node";
  } else if (answer.status >= 500) {
    advice = "; Vault failed on its side: look at its logs, or try again later";
  } else if (answer.status >= 300 && answer.status < 400) {
    advice = "; redirects are not followed: point address at the Vault node itself";
  }
  return Error::Output(options.Where() + ": " + std::string(doing) + " failed: Vault answered " +
                       std::string(request) + " with " + said + advice);
}

}  // namespace influxctl::vault
