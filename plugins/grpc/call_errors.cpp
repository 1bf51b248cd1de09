// SPDX-License-Identifier: Apache-2.0
//
// Status codes to user errors (see call_errors.hpp). gRPC describes a failed
// connection as "failed to connect to all addresses; last error: UNKNOWN:
// ipv4:127.0.0.1:443: Connection refused"; the part after the address is what
// a user can act on, so that part is kept and a hint added for the causes
// users meet most: nothing listening, an untrusted or misnamed certificate,
// TLS on one side only, a name that does not resolve.

#include "call_errors.hpp"

#include <influxctl/time.hpp>

namespace influxctl::grpc_plugin {
namespace {

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// "failed to connect to all addresses; last error: UNKNOWN: ipv4:1.2.3.4:443:
// Connection refused" -> "Connection refused". Anything else is kept whole.
std::string ConnectDetail(const std::string& message) {
  std::string_view rest = message;
  if (auto last = rest.find("last error: "); last != std::string_view::npos) {
    rest.remove_prefix(last + 12);
    // A status code name in capitals, then ": ".
    if (auto colon = rest.find(": "); colon != std::string_view::npos && colon > 0 &&
                                      rest.substr(0, colon).find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == std::string::npos) {
      rest.remove_prefix(colon + 2);
    }
    // The address gRPC tried: "ipv4:1.2.3.4:443: " or "ipv6:[::1]:443: ".
    if (rest.starts_with("ipv4:") || rest.starts_with("ipv6:")) {
      std::size_t from = rest.starts_with("ipv6:[") ? rest.find("]:") : 5;
      auto colon = from == std::string_view::npos ? from : rest.find(": ", from);
      if (colon != std::string_view::npos) {
        rest.remove_prefix(colon + 2);
      }
    }
  }
  return rest.empty() ? message : std::string(rest);
}

std::string ConnectHint(const std::string& detail, const CallSite& site) {
  const TlsConfig& tls = site.connection.tls;
  if (Contains(detail, "certificate verify failed")) {
    return tls.ca.empty()
               ? "; the server's certificate is not signed by a CA this machine trusts: set "
                 "[profile.tls] ca to the CA certificate that signed it"
               : "; the server's certificate is not signed by the CA in " + tls.ca +
                     " ([profile.tls] ca)";
  }
  if (Contains(detail, "Peer name") && Contains(detail, "not in peer certificate")) {
    return "; the server's certificate is not issued for this host name: connect by a name the "
           "certificate lists, or set the transport's tls_server_name to one of them";
  }
  if (Contains(detail, "wrong version number") || Contains(detail, "WRONG_VERSION_NUMBER")) {
    return "; the server does not speak TLS on this port; if it serves plaintext on purpose "
           "(tests only), set [profile.tls] disable = true";
  }
  if (tls.disable && Contains(detail, "Socket closed")) {
    return "; the server closed the connection, perhaps because it expects TLS and "
           "[profile.tls] disable = true sends plaintext";
  }
  if (!tls.disable && tls.cert.empty() && Contains(detail, "Socket closed")) {
    return "; the server closed the connection while it was being set up; if it requires a "
           "client certificate, set [profile.tls] cert and key";
  }
  if (Contains(detail, "Connection refused")) {
    return "; nothing is listening there: check host and port, and that the cluster is up";
  }
  if (Contains(detail, "DNS resolution failed")) {
    return "; check the profile's host";
  }
  return "";
}

std::string ServerMessage(const grpc::Status& status) {
  return status.error_message().empty() ? std::string(StatusCodeName(status.error_code()))
                                        : status.error_message();
}

std::string AfterRetries(int retries) {
  if (retries == 0) {
    return "";
  }
  return " (after " + std::to_string(retries) + (retries == 1 ? " retry)" : " retries)");
}

Error ConnectFailure(const CallFailure& failure, const CallSite& site, int retries) {
  std::string detail = ConnectDetail(failure.status.error_message());
  return Error::Transport("cannot connect to " + std::string(site.authority) + ": " + detail +
                          ConnectHint(detail, site) + AfterRetries(retries));
}

Error DeadlineFailure(const CallFailure& failure, const CallSite& site) {
  std::string timeout = FormatGoDuration(site.connection.timeout);
  std::string raise = "; if the cluster is only slow, raise the limit, e.g. --timeout " +
                      FormatGoDuration(site.connection.timeout * 2);
  if (!failure.reached_server) {
    return Error::Transport("cannot connect to " + std::string(site.authority) +
                            " within --timeout " + timeout +
                            ": no answer to the connection attempt (packets dropped by a "
                            "firewall, a wrong address, or a server that never answers)" +
                            raise);
  }
  return Error::Transport("no answer from " + std::string(site.authority) + " to the " +
                          std::string(CallName(site.call)) + " within --timeout " + timeout +
                          raise);
}

Error ServerFailure(const CallFailure& failure, const CallSite& site, int retries) {
  const grpc::Status& status = failure.status;
  std::string message = ServerMessage(status);
  std::string call(CallName(site.call));
  std::string id(site.token_id);
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
      return Error::Server("the cluster rejected the management token from " +
                           site.connection.credential_source + ": " + message +
                           "; check that it is complete, not expired or revoked, and issued for "
                           "this cluster");
    case grpc::StatusCode::PERMISSION_DENIED:
      return Error::Server("the management token from " + site.connection.credential_source +
                           " is not allowed to " + call + " management tokens: " + message);
    case grpc::StatusCode::NOT_FOUND:
      if (site.call == Call::kRevoke) {
        return Error::Server("token " + id + " not found: " + message +
                             "; \"influxctl management list\" shows the ids that exist");
      }
      return Error::Server("the cluster found nothing to " + call + " tokens in: " + message +
                           "; check the profile's account_id and cluster_id");
    case grpc::StatusCode::FAILED_PRECONDITION:
      if (site.call == Call::kRevoke) {
        return Error::Server("token " + id + " cannot be revoked: " + message +
                             " (a token that is already revoked stays revoked)");
      }
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return Error::Server("the cluster refused the " + call + " request: " + message);
    case grpc::StatusCode::UNIMPLEMENTED:
      return Error::Server(std::string(site.authority) +
                           " does not serve the management-token gRPC service (" + message +
                           "); check the port, or use the rest transport if the cluster has "
                           "no gRPC endpoint");
    case grpc::StatusCode::UNAVAILABLE:
      return Error::Server("the cluster is unavailable: " + message + AfterRetries(retries) +
                           "; try again later");
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return Error::Server("the cluster is refusing calls for now (RESOURCE_EXHAUSTED): " +
                           message + AfterRetries(retries) + "; wait a little and try again");
    default:
      break;
  }
  return Error::Server("the cluster failed the " + call + " with " +
                       std::string(StatusCodeName(status.error_code())) + ": " + message +
                       AfterRetries(retries));
}

// A create the server may have carried out before its answer was lost: the
// token would exist with a secret nobody holds, so the user must look.
std::string UncertainOutcome(const CallFailure& failure, const CallSite& site) {
  if (site.call != Call::kCreate || !failure.reached_server) {
    return "";
  }
  switch (failure.status.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNAVAILABLE:
      break;
    default:
      return "";
  }
  return "\nthe cluster may have created the token before the failure; \"influxctl management "
         "list\" shows it, and a token nobody holds should be revoked";
}

}  // namespace

std::string_view CallName(Call call) {
  switch (call) {
    case Call::kCreate:
      return "create";
    case Call::kList:
      return "list";
    case Call::kRevoke:
      return "revoke";
  }
  return "call";
}

std::string_view StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

bool IsTlsFailure(const grpc::Status& status) {
  const std::string& message = status.error_message();
  return Contains(message, "Ssl handshake failed") || Contains(message, "Handshake failed") ||
         (Contains(message, "Peer name") && Contains(message, "not in peer certificate"));
}

bool IsRetryable(const CallFailure& failure) {
  const std::string& message = failure.status.error_message();
  switch (failure.status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      return !IsTlsFailure(failure.status) &&
             !(Contains(message, "DNS resolution failed") && Contains(message, "not found"));
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      // gRPC's own limit on an answer's size is no reason to ask again.
      return !Contains(message, "larger than max");
    case grpc::StatusCode::CANCELLED:
      // This transport never cancels a call, so the other side (or a proxy)
      // did, possibly after the work was done: asking again is how the
      // answer, and a new token's secret, is recovered.
      return true;
    default:
      return false;
  }
}

Error DescribeFailure(const CallFailure& failure, const CallSite& site, int retries) {
  const Secret& credential = site.connection.credential;
  Error error = [&] {
    if (failure.status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
      return DeadlineFailure(failure, site);
    }
    if (!failure.reached_server) {
      return ConnectFailure(failure, site, retries);
    }
    return ServerFailure(failure, site, retries);
  }();
  std::string scrubbed =
      WithoutCredential(error.message() + UncertainOutcome(failure, site), credential);
  return error.kind() == ErrorKind::kTransport ? Error::Transport(std::move(scrubbed))
                                               : Error::Server(std::move(scrubbed));
}

std::string WithoutCredential(std::string text, const Secret& credential) {
  // Very short values would also match innocent text; real tokens are long.
  const std::string& value = credential.Reveal();
  if (value.size() < 8) {
    return text;
  }
  for (auto at = text.find(value); at != std::string::npos; at = text.find(value, at)) {
    text.replace(at, value.size(), Secret::kRedacted);
  }
  return text;
}

}  // namespace influxctl::grpc_plugin
