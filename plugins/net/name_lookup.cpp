// SPDX-License-Identifier: Apache-2.0
//
// Bounded name lookup (see name_lookup.hpp). When the deadline passes first,
// the lookup is cancelled; if the resolver has already started it, it cannot
// be stopped, and its request block is left to it and never freed: a few
// hundred bytes, once, on a call that is failing anyway.

#include "name_lookup.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <memory>

namespace influxctl::net {
namespace {

// What getaddrinfo_a reads and writes while the lookup runs; it must stay
// where it is until the lookup is over.
struct PendingLookup {
  std::string host;
  std::string service;
  addrinfo hints{};
  gaicb request{};
};

std::vector<Poco::Net::SocketAddress> Addresses(const addrinfo* list) {
  std::vector<Poco::Net::SocketAddress> addresses;
  for (const addrinfo* entry = list; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family == AF_INET || entry->ai_family == AF_INET6) {
      addresses.emplace_back(entry->ai_addr, static_cast<poco_socklen_t>(entry->ai_addrlen));
    }
  }
  std::stable_partition(addresses.begin(), addresses.end(), [](const auto& address) {
    return address.family() == Poco::Net::SocketAddress::IPv4;
  });
  return addresses;
}

HttpFailure NotResolved(const std::string& host, int code) {
  return HttpFailure{FailureKind::kResolve, false, false,
                     "cannot resolve " + host + ": " + gai_strerror(code)};
}

}  // namespace

std::variant<std::vector<Poco::Net::SocketAddress>, HttpFailure> LookUp(const std::string& host,
                                                                        std::uint16_t port,
                                                                        const Deadline& deadline) {
  auto lookup = std::make_unique<PendingLookup>();
  lookup->host = host;
  lookup->service = std::to_string(port);
  lookup->hints.ai_family = AF_UNSPEC;
  lookup->hints.ai_socktype = SOCK_STREAM;
  lookup->hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;

  // An address needs no lookup, and is used whatever addresses this machine
  // has (AI_ADDRCONFIG would refuse ::1 on a host with no global IPv6).
  addrinfo numeric = lookup->hints;
  numeric.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* list = nullptr;
  if (getaddrinfo(host.c_str(), lookup->service.c_str(), &numeric, &list) == 0) {
    std::vector<Poco::Net::SocketAddress> addresses = Addresses(list);
    freeaddrinfo(list);
    return addresses;
  }

  // A name: looked up in the background, waited for until the deadline.
  lookup->request.ar_name = lookup->host.c_str();
  lookup->request.ar_service = lookup->service.c_str();
  lookup->request.ar_request = &lookup->hints;
  gaicb* requests[] = {&lookup->request};
  if (int started = getaddrinfo_a(GAI_NOWAIT, requests, 1, nullptr); started != 0) {
    return NotResolved(host, started);
  }
  while (gai_error(&lookup->request) == EAI_INPROGRESS) {
    auto left = deadline.Left();
    if (left.count() <= 0) {
      if (gai_cancel(&lookup->request) == EAI_NOTCANCELED) {
        (void)lookup.release();  // the resolver still writes into it
      } else if (lookup->request.ar_result != nullptr) {
        freeaddrinfo(lookup->request.ar_result);
      }
      return HttpFailure{FailureKind::kTimeout, false, false,
                         "the name " + host + " was still being looked up"};
    }
    timespec wait{static_cast<time_t>(left.count() / 1000),
                  static_cast<long>(left.count() % 1000) * 1'000'000};
    gai_suspend(requests, 1, &wait);  // returns early on completion or a signal
  }

  int status = gai_error(&lookup->request);
  if (status != 0) {
    return NotResolved(host, status);
  }
  std::vector<Poco::Net::SocketAddress> addresses = Addresses(lookup->request.ar_result);
  freeaddrinfo(lookup->request.ar_result);
  if (addresses.empty()) {
    return NotResolved(host, EAI_NONAME);
  }
  return addresses;
}

}  // namespace influxctl::net
