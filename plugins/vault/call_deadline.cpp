// SPDX-License-Identifier: Apache-2.0
//
// The socket cutoff (see call_deadline.hpp): a helper thread waits for the
// deadline or for the cutoff's end, whichever comes first, and shuts the held
// socket down in the first case.

#include "call_deadline.hpp"

#include <sys/socket.h>
#include <unistd.h>

namespace influxctl::vault {

SocketCutoff::SocketCutoff(Deadline deadline)
    : deadline_(deadline), waiter_([this] { WaitForDeadline(); }) {}

SocketCutoff::~SocketCutoff() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  waiter_.join();
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

void SocketCutoff::Hold(int fd) {
  int own = fd >= 0 ? ::dup(fd) : -1;
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    ::close(fd_);
  }
  fd_ = own;
  if (fired_ && fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);  // connected only after the deadline: end it now
  }
}

bool SocketCutoff::Fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

void SocketCutoff::WaitForDeadline() {
  std::unique_lock lock(mutex_);
  if (wake_.wait_until(lock, deadline_.at(), [this] { return done_; })) {
    return;
  }
  fired_ = true;
  if (fd_ >= 0) {
    ::shutdown(fd_, SHUT_RDWR);
  }
}

}  // namespace influxctl::vault
