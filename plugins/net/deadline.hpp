// SPDX-License-Identifier: Apache-2.0
//
// The one deadline a network call has (name lookup, connect, proxy tunnel,
// TLS handshake, request and answer, and any retries), and a watch that
// enforces it on a socket. Poco's timeouts apply to each send and receive
// separately, so a peer that trickles bytes could outlast them; the watch
// shuts the socket down when the deadline passes, which ends any blocked
// read or write at once. It works on its own duplicate of the descriptor, so
// it can never touch a descriptor the session has closed and the system has
// reused. One watch serves one call, from one thread; its background thread
// lives exactly as long as the watch.

#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace influxctl::net {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // A timeout beyond a century is held at a century, so that the deadline
  // cannot overflow the clock.
  static Deadline After(std::chrono::milliseconds timeout) {
    constexpr std::chrono::milliseconds kCentury = std::chrono::hours(24 * 365 * 100);
    return Deadline(Clock::now() + std::min(timeout, kCentury));
  }

  Clock::time_point at() const { return at_; }
  bool Passed() const { return Clock::now() >= at_; }
  // Time left, never negative.
  std::chrono::milliseconds Left() const {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now());
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
  }

 private:
  explicit Deadline(Clock::time_point at) : at_(at) {}
  Clock::time_point at_;
};

class DeadlineWatch {
 public:
  explicit DeadlineWatch(Deadline deadline);
  ~DeadlineWatch();
  DeadlineWatch(const DeadlineWatch&) = delete;
  DeadlineWatch& operator=(const DeadlineWatch&) = delete;

  // Watches the socket `fd` (duplicated here) until Release or the deadline.
  void Watch(int fd);
  // Stops watching and closes the duplicate; the connection closes once the
  // session has closed its own descriptor too.
  void Release();
  // True once the deadline has passed; a socket watched then was shut down.
  bool Fired() const;

 private:
  void Run();

  Deadline deadline_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int fd_ = -1;
  bool fired_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace influxctl::net
