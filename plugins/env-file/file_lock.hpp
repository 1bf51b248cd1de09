// SPDX-License-Identifier: Apache-2.0
//
// The lock that serialises runs writing one dotenv file: an exclusive flock
// on the sibling file "<file>.lock", held from before the file is read until
// after it is replaced, so a run never writes back a file read before another
// run's replace. Waiting is bounded by a timeout. The lock file is never
// removed: removing a lock file another process may hold would break the
// lock. Not thread-safe: one FileLock per thread.

#pragma once

#include <chrono>
#include <string>

#include <influxctl/error.hpp>

namespace influxctl::env_file {

// An exclusive flock on a lock file, held until the object is destroyed.
class FileLock {
 public:
  // Waits up to `timeout` for the lock. With `create` false a missing lock
  // file is not created and the result is an unlocked FileLock.
  static Result<FileLock> Take(const std::string& lock_path,
                               std::chrono::milliseconds timeout,
                               bool create);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  ~FileLock();

  bool held() const { return fd_ >= 0; }

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace influxctl::env_file
