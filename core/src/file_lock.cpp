// SPDX-License-Identifier: Apache-2.0
//
// FileLock (see influxctl/atomic_file.hpp). flock is polled without
// blocking, so a wait ends at its timeout whatever the holder does, and a
// run stuck while holding a lock makes the others fail instead of hang.

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>
#include <utility>

#include <influxctl/atomic_file.hpp>
#include <influxctl/time.hpp>

namespace influxctl {
namespace {

// The pauses between attempts start short, so that a run follows closely on
// a brief holder, and grow to this, so that a long wait does not spin.
constexpr std::chrono::microseconds kFirstPause(50);
constexpr std::chrono::microseconds kLongestPause(5000);

std::string SystemText(int error) {
  return std::generic_category().message(error);
}

// A descriptor of `lock_path` holding the flock; -1 when the file is missing
// and `create` is false. On an error nothing stays open.
// TODO: a lock file made by root is root's, mode 0600, so a later run as the
// target's owner cannot open it and fails until it is removed; giving it the
// target's owner when it is made would let both users share it.
Result<int> LockedDescriptor(const std::string& lock_path,
                             std::chrono::milliseconds timeout,
                             std::string_view timeout_setting,
                             bool create) {
  // Never through a symbolic link: O_CREAT would make a file wherever it points.
  int fd = ::open(lock_path.c_str(),
                  O_RDWR | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  if (fd < 0) {
    int error = errno;
    if (!create && error == ENOENT) {
      return -1;
    }
    if (error == ELOOP) {
      return Error::Output("the lock file " + lock_path + " is a symbolic link; remove it");
    }
    return Error::Output("cannot open the lock file " + lock_path + ": " + SystemText(error));
  }
  struct stat meta {};
  if (::fstat(fd, &meta) != 0 || !S_ISREG(meta.st_mode)) {
    ::close(fd);
    return Error::Output("the lock file " + lock_path + " is not a regular file; remove it");
  }

  // Another run may hold it for the length of one update; wait, within reason.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::chrono::steady_clock::duration pause = kFirstPause;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) {
      continue;
    }
    if (error != EWOULDBLOCK) {
      ::close(fd);
      return Error::Output("cannot lock " + lock_path + ": " + SystemText(error));
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      ::close(fd);
      return Error::Output("another process holds the lock " + lock_path + " (waited " +
                           FormatGoDuration(timeout) + "); try again when it is done, or raise " +
                           std::string(timeout_setting));
    }
    std::this_thread::sleep_for(std::min(pause, deadline - now));
    pause = std::min<std::chrono::steady_clock::duration>(pause * 2, kLongestPause);
  }
  return fd;
}

}  // namespace

FileLock::FileLock(FileLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

FileLock::~FileLock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the flock
  }
}

Result<FileLock> FileLock::Acquire(const std::string& lock_path,
                                   std::chrono::milliseconds timeout,
                                   std::string_view timeout_setting) {
  Result<int> fd = LockedDescriptor(lock_path, timeout, timeout_setting, true);
  if (!fd.ok()) {
    return fd.error();
  }
  return FileLock(fd.value());
}

Result<FileLock> FileLock::AcquireIfExists(const std::string& lock_path,
                                           std::chrono::milliseconds timeout,
                                           std::string_view timeout_setting) {
  Result<int> fd = LockedDescriptor(lock_path, timeout, timeout_setting, false);
  if (!fd.ok()) {
    return fd.error();
  }
  return FileLock(fd.value());
}

}  // namespace influxctl
