// SPDX-License-Identifier: Apache-2.0
//
// The dotenv file's lock (see file_lock.hpp): flock is polled without
// blocking, so the wait ends at the timeout whatever the holder does.

#include "file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <thread>

#include <influxctl/time.hpp>

namespace influxctl::env_file {

FileLock::~FileLock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the flock
  }
}

// TODO: a lock file made by root is root's, mode 0600, so a later run as the
// dotenv file's owner cannot open it and fails until it is removed; giving
// it the target's owner when it is made would let both users share it.
Result<FileLock> FileLock::Take(const std::string& lock_path,
                                std::chrono::milliseconds timeout,
                                bool create) {
  int fd =
      ::open(lock_path.c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  if (fd < 0) {
    int error = errno;
    if (!create && error == ENOENT) {
      return FileLock(-1);
    }
    return Error::Output("cannot open the lock file " + lock_path + ": " +
                         std::generic_category().message(error));
  }
  FileLock lock(fd);
  struct stat meta {};
  if (::fstat(fd, &meta) != 0 || !S_ISREG(meta.st_mode)) {
    return Error::Output("the lock file " + lock_path + " is not a regular file; remove it");
  }

  // Another run may hold it for the length of one update; wait, within reason.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EINTR) {
      continue;
    }
    if (error != EWOULDBLOCK) {
      return Error::Output("cannot lock " + lock_path + ": " +
                           std::generic_category().message(error));
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      return Error::Output("another process holds the lock " + lock_path + " (waited " +
                           FormatGoDuration(timeout) +
                           "); try again when it is done, or raise \"lock_timeout\"");
    }
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        deadline - now, std::chrono::milliseconds(20)));
  }
  return lock;
}

}  // namespace influxctl::env_file
