// SPDX-License-Identifier: Apache-2.0
//
// The deadline watch (see deadline.hpp): a thread that sleeps until the
// deadline or until it is told to stop, and shuts the watched socket down if
// the deadline comes first.

#include "deadline.hpp"

#include <sys/socket.h>
#include <unistd.h>

namespace influxctl::net {

DeadlineWatch::DeadlineWatch(Deadline deadline) : deadline_(deadline), thread_([this] { Run(); }) {}

DeadlineWatch::~DeadlineWatch() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  Release();
}

void DeadlineWatch::Watch(int fd) {
  int duplicate = fd >= 0 ? ::dup(fd) : -1;
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = duplicate;
  if (fired_ && fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);  // connected after the deadline: end it at once
  }
}

void DeadlineWatch::Release() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

bool DeadlineWatch::Fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

void DeadlineWatch::Run() {
  std::unique_lock lock(mutex_);
  if (changed_.wait_until(lock, deadline_.at(), [this] { return stopping_; })) {
    return;
  }
  fired_ = true;
  if (fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);
  }
}

}  // namespace influxctl::net
