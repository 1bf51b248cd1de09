// SPDX-License-Identifier: Apache-2.0
//
// The time a step (preflight, or delivery) may take, and a cutoff that holds
// one connection to it. Poco's socket timeouts restart with every read and
// write, so a Vault that answers a byte at a time could outlast them; the
// cutoff shuts the connection's socket down when the deadline passes, which
// ends whatever Poco is blocked in. It works on its own duplicate of the
// socket descriptor, so it never touches a descriptor the session has
// already closed and the system has handed out again. One cutoff serves one
// connection from one thread; its helper thread lives as long as it does.

#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace influxctl::vault {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  static Deadline In(std::chrono::milliseconds budget) { return Deadline(Clock::now() + budget); }

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

class SocketCutoff {
 public:
  explicit SocketCutoff(Deadline deadline);
  ~SocketCutoff();
  SocketCutoff(const SocketCutoff&) = delete;
  SocketCutoff& operator=(const SocketCutoff&) = delete;

  // Holds the connected socket `fd` (a duplicate of it) to the deadline.
  void Hold(int fd);
  // True once the deadline has passed while the cutoff was alive.
  bool Fired() const;

 private:
  void WaitForDeadline();

  const Deadline deadline_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  int fd_ = -1;
  bool fired_ = false;
  bool done_ = false;
  std::thread waiter_;
};

}  // namespace influxctl::vault
