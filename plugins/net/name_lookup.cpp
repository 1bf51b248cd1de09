// SPDX-License-Identifier: Apache-2.0
//
// Bounded name lookup (see name_lookup.hpp). The lookup runs on a thread of
// its own, which the caller joins once it is done. When the deadline passes
// first, the thread is left to finish on its own: getaddrinfo cannot be
// interrupted. It then holds only the shared state it frees, and no memory
// of the caller's.

#include "name_lookup.hpp"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace influxctl::net {
namespace {

// What the lookup thread hands back; owned jointly by it and the caller.
struct LookupResult {
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  int status = 0;
  addrinfo* list = nullptr;

  ~LookupResult() {
    if (list != nullptr) {
      freeaddrinfo(list);
    }
  }
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
                     "cannot resolve " + host + ": " + gai_strerror(code), Step::kLookup};
}

}  // namespace

std::variant<std::vector<Poco::Net::SocketAddress>, HttpFailure> LookUp(const std::string& host,
                                                                        std::uint16_t port,
                                                                        const Deadline& deadline) {
  const std::string service = std::to_string(port);

  // An address needs no lookup, and is used whatever addresses this machine
  // has (AI_ADDRCONFIG would refuse ::1 on a host with no global IPv6).
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* list = nullptr;
  if (getaddrinfo(host.c_str(), service.c_str(), &hints, &list) == 0) {
    std::vector<Poco::Net::SocketAddress> addresses = Addresses(list);
    freeaddrinfo(list);
    return addresses;
  }

  // A name: looked up on its own thread, waited for until the deadline.
  hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
  auto result = std::make_shared<LookupResult>();
  std::thread lookup([result, host, service, hints] {
    addrinfo* found = nullptr;
    int status = getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    std::lock_guard lock(result->mutex);
    result->status = status;
    result->list = found;
    result->done = true;
    result->finished.notify_all();
  });
  {
    std::unique_lock lock(result->mutex);
    if (!result->finished.wait_until(lock, deadline.at(), [&] { return result->done; })) {
      lock.unlock();
      lookup.detach();
      return HttpFailure{FailureKind::kTimeout, false, false,
                         "the name " + host + " was still being looked up", Step::kLookup};
    }
  }
  lookup.join();

  if (result->status != 0) {
    return NotResolved(host, result->status);
  }
  std::vector<Poco::Net::SocketAddress> addresses = Addresses(result->list);
  if (addresses.empty()) {
    return NotResolved(host, EAI_NONAME);
  }
  return addresses;
}

}  // namespace influxctl::net
