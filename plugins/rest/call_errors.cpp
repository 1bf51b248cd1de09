// SPDX-License-Identifier: Apache-2.0
//
// User-facing messages for failed REST calls (see call_errors.hpp).

#include "call_errors.hpp"

#include <influxctl/time.hpp>

#include "redaction.hpp"
#include "token_json.hpp"

namespace influxctl::rest {
namespace {

std::string HostPort(const RestOptions& options) {
  return options.Origin().substr(options.scheme.size() + 3);
}

std::string Action(const CallSubject& subject) {
  switch (subject.kind) {
    case CallKind::kCreate:
      return "create a management token";
    case CallKind::kList:
      return "list management tokens";
    case CallKind::kRevoke:
      return "revoke management token " + subject.token_id;
  }
  return "call the management API";
}

std::string RetryNote(const CallSubject& subject) {
  if (subject.retries == 0) {
    return "";
  }
  return " (after " + std::to_string(subject.retries) +
         (subject.retries == 1 ? " retry)" : " retries)");
}

// For a create whose request may have reached the server.
std::string MaybeCreatedNote(const net::HttpFailure& failure, const CallSubject& subject) {
  if (subject.kind != CallKind::kCreate || !failure.request_sent) {
    return "";
  }
  return "; the cluster may have created the token anyway: run \"influxctl management list\" "
         "and revoke any token you did not receive";
}

std::string ProxyName(const RestOptions& options) {
  return "the proxy " + options.proxy->Display() + " (from " + options.proxy->variable + ")";
}

std::string NoProxyHint(const RestOptions& options) {
  return "check " + options.proxy->variable + ", or add " + options.host +
         " to NO_PROXY to connect directly";
}

// A TLS server hangs up on plain HTTP, and that looks like any other reset.
std::string PlainHttpHint(const RestOptions& options) {
  return options.tls.disable ? "; if the server speaks HTTPS, remove disable = true from "
                               "[profile.tls]"
                             : "";
}

// What the call was waiting for when the deadline passed, and what to do.
std::string TimeoutMessage(const net::HttpFailure& failure,
                           const RestOptions& options,
                           const std::string& where,
                           const std::string& request) {
  const std::string within = " within the " + FormatGoDuration(options.timeout) + " timeout";
  const bool via_proxy = failure.via_proxy && options.proxy;
  switch (failure.step) {
    case net::Step::kLookup:
      return "looking up " + (via_proxy ? "the host name of " + ProxyName(options) : options.host) +
             " did not finish" + within +
             "; the DNS server may be slow or unreachable: check the network and "
             "/etc/resolv.conf, or allow more time with --timeout";
    case net::Step::kConnect:
      return "connecting to " + (via_proxy ? ProxyName(options) : where) + " did not succeed" +
             within + " (" + failure.detail +
             "); the host may be down, or a firewall may drop the packets: check host and port "
             "in the profile, or allow more time with --timeout";
    case net::Step::kTunnel:
      return ProxyName(options) + " did not open a tunnel to " + where + within + "; " +
             NoProxyHint(options);
    case net::Step::kHandshake:
      // A plain-HTTP server can sit on a TLS handshake without ever answering it.
      return "the TLS handshake with " + where + " did not finish" + within +
             "; if the server speaks plain HTTP, set disable = true in [profile.tls], "
             "otherwise allow more time with --timeout";
    case net::Step::kSend:
    case net::Step::kReceive:
      break;
  }
  return "no complete answer from " + where + " to " + request + within +
         "; the cluster may be slow or unreachable: check the network, or allow more "
         "time with --timeout";
}

}  // namespace

Error FailureError(const net::HttpFailure& failure,
                   const RestOptions& options,
                   const CallSubject& subject) {
  const std::string where = HostPort(options);
  const std::string request = subject.method + " " + subject.url;
  const std::string retried = RetryNote(subject);
  std::string message;
  switch (failure.kind) {
    case net::FailureKind::kRefused:
      message = failure.via_proxy
                    ? ProxyName(options) + " refused the connection" + retried + "; " +
                          NoProxyHint(options)
                    : "connection to " + where + " was refused" + retried +
                          ": nothing is listening there; check host and port in the profile "
                          "and that the cluster is running";
      break;
    case net::FailureKind::kResolve:
      message = failure.via_proxy
                    ? "the host name of " + ProxyName(options) + " could not be resolved (" +
                          failure.detail + "); " + NoProxyHint(options)
                    : "the host name " + options.host + " could not be resolved (" +
                          failure.detail + "); check host in the profile";
      break;
    case net::FailureKind::kReset:
      message = "the connection to " + where + " was reset" + retried + " (" + failure.detail +
                ")" + (failure.via_proxy ? " through " + ProxyName(options) : "") +
                PlainHttpHint(options);
      break;
    case net::FailureKind::kTimeout:
      message = TimeoutMessage(failure, options, where, request) + retried;
      break;
    case net::FailureKind::kCertificate:
      if (failure.detail == "hostname mismatch" || failure.detail == "IP address mismatch") {
        message = "the TLS certificate presented by " + where + " is not valid for the name " +
                  options.host + " (" + failure.detail +
                  "); set host in the profile to a name the certificate carries";
      } else {
        message = "the TLS certificate presented by " + where + " could not be verified (" +
                  failure.detail + "); " +
                  (options.tls.ca.empty()
                       ? "if the cluster uses a private certificate authority, set ca in "
                         "[profile.tls] to its certificate file"
                       : "check that ca = " + options.tls.ca +
                             " in [profile.tls] is the authority that signed it");
      }
      break;
    case net::FailureKind::kTls:
      message = "the TLS connection to " + where + " failed (" + failure.detail + "); " +
                (failure.step == net::Step::kHandshake && !failure.request_sent &&
                         failure.detail.find("certificate") != std::string::npos
                     ? "the server wants a client certificate it trusts: set cert and key in "
                       "[profile.tls]"
                     : "if the server speaks plain HTTP, set disable = true in [profile.tls]");
      break;
    case net::FailureKind::kProxy:
      message = ProxyName(options) + " would not open a tunnel to " + where + " (" +
                failure.detail + "); " + NoProxyHint(options);
      break;
    case net::FailureKind::kClosed:
      message =
          where + " closed the connection without answering " + request + PlainHttpHint(options);
      break;
    case net::FailureKind::kTruncated:
      message =
          "the answer from " + where + " to " + request + " was cut short (" + failure.detail + ")";
      break;
    case net::FailureKind::kTooLarge:
      message = "the answer from " + where + " to " + request + " is too large (" + failure.detail +
                ") to be a management API answer";
      break;
    case net::FailureKind::kOther:
      message = request + " failed" + retried + ": " + failure.detail;
      break;
  }
  return Error::Transport("cannot " + Action(subject) + ": " + message +
                          MaybeCreatedNote(failure, subject));
}

std::string DescribeAnswer(const net::HttpResponse& response, const Secret& credential) {
  std::string text = "HTTP " + std::to_string(response.status);
  if (!response.reason.empty()) {
    text += " " + PrintableExcerpt(response.reason, 80);
  }
  if (std::optional<ServerProblem> problem = ParseServerProblem(response.body)) {
    std::string said = PrintableExcerpt(RedactBody(problem->message, credential), 500);
    text += ": " + (said.empty() ? std::string("(no message)") : said);
    if (problem->code && *problem->code != response.status) {
      text += " (code " + std::to_string(*problem->code) + ")";
    }
  } else if (!response.body.empty()) {
    std::string excerpt = PrintableExcerpt(RedactBody(response.body, credential));
    if (!excerpt.empty()) {
      text += ": " + excerpt;
    }
  }
  return text;
}

Error ResponseError(const net::HttpResponse& response,
                    const RestOptions& options,
                    const CallSubject& subject,
                    const Secret& credential) {
  const std::string answer = DescribeAnswer(response, credential);
  const std::string request = subject.method + " " + subject.url;
  const std::string retried = RetryNote(subject);
  const int status = response.status;
  const std::string cannot = "cannot " + Action(subject) + ": ";

  // Only a proxy that forwards plain HTTP answers with its own 407.
  if (status == 407 && options.proxy) {
    return Error::Transport(cannot + ProxyName(options) + " wants credentials (" + answer +
                            "); put them in " + options.proxy->variable +
                            " as http://USER:PASSWORD@HOST:PORT, or add " + options.host +
                            " to NO_PROXY to connect directly");
  }
  if (status == 401) {
    return Error::Server(cannot + "the cluster rejected the credential (" + answer +
                         "); it came from " + options.credential_source +
                         ": check that it is a valid, unexpired management token for this "
                         "cluster");
  }
  if (status == 403) {
    return Error::Server(cannot + "the credential from " + options.credential_source +
                         " is not allowed to do this (" + answer +
                         "); use a management token with the rights to manage tokens");
  }
  if (status == 404 && subject.kind == CallKind::kRevoke) {
    return Error::Server(cannot + "no management token with id \"" + subject.token_id +
                         "\" exists on this cluster (" + answer +
                         "); run \"influxctl management list\" to see the ids");
  }
  if (status == 404) {
    return Error::Server(cannot + request + " was not found (" + answer +
                         "); check host, port, product and account_id in the profile");
  }
  if (status == 409 && subject.kind == CallKind::kRevoke) {
    return Error::Server(cannot + "the cluster refused to revoke it (" + answer +
                         "); it may be revoked already: run \"influxctl management list\"");
  }
  if (status == 429 || status == 502 || status == 503 || status == 504) {
    return Error::Server(cannot + "the cluster is unavailable or busy (" + answer + ")" + retried +
                         "; try again later");
  }
  if (status >= 500) {
    return Error::Server(cannot + "the cluster failed on " + request + " (" + answer + ")");
  }
  if (status >= 400) {
    return Error::Server(cannot + "the cluster refused " + request + " (" + answer + ")");
  }
  if (status >= 300) {
    std::string location = response.Header("Location").value_or("nowhere");
    return Error::Transport(cannot + request + " was redirected to " +
                            PrintableExcerpt(location, 200) + " (" + answer +
                            "), which this transport does not follow; point host, port and "
                            "base_path at the management API itself");
  }
  return Error::Transport(cannot + "the cluster answered " + request + " with " + answer +
                          ", which the management API does not use for this call");
}

}  // namespace influxctl::rest
