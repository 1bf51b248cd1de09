// SPDX-License-Identifier: Apache-2.0
//
// Updating a local file so that readers, crashes and a full disk see the old
// content or the new, never a mix, and so that runs updating the same file
// take turns: what the plugins that write files share. A lock is an exclusive
// flock on a sibling lock file, "<file>.lock" by convention, that is never
// replaced or removed: a lock on the file itself would be lost when the file
// is replaced, and removing a lock file another process holds would break
// the lock. A replacement is a temporary file in the target's folder, given
// its final mode before a byte is written, written in full, fsynced, renamed
// over the target and made durable by an fsync of the folder. A write past
// the file size limit (ulimit -f) is an error, never a signal that kills the
// process. Errors are output errors naming the path, what failed and what to
// do; nothing here throws, logs file contents, or leaves a temporary file
// behind. Every call may run on any thread; a FileLock belongs to one thread
// at a time, and two FileLocks on one lock file exclude each other even
// within one process.

#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>

namespace influxctl {

// An exclusive lock on a lock file, held until the object is destroyed.
class FileLock {
 public:
  // Waits up to `timeout` for the lock on `lock_path`, creating the lock file
  // (mode 0600) when it is missing. A lock file that is a symbolic link or
  // not a regular file is refused. `timeout_setting` is what the user raises
  // to wait longer, such as "lock_timeout"; the timeout error names it.
  static Result<FileLock> Acquire(const std::string& lock_path,
                                  std::chrono::milliseconds timeout,
                                  std::string_view timeout_setting);

  // The same, except that a missing lock file is not created: the result
  // then holds no lock. For a preflight, which must leave nothing behind.
  static Result<FileLock> AcquireIfExists(const std::string& lock_path,
                                          std::chrono::milliseconds timeout,
                                          std::string_view timeout_setting);

  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&&) = delete;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  bool held() const { return fd_ >= 0; }

 private:
  explicit FileLock(int fd) : fd_(fd) {}

  int fd_ = -1;
};

struct ReplaceOptions {
  // Permission bits of the file when there was none before. An existing
  // regular file's permission bits always carry over to its replacement.
  mode_t new_file_mode = 0600;

  // An existing file's owner and group carry over too. True: when this
  // process may not give them (only root may give a file away), the
  // replacement fails. False: the new file is then this process's.
  bool require_same_owner = true;

  // Warned on when the folder cannot be synced after the rename: the file
  // already holds the new content, so that is not an error. May be null.
  Log* log = nullptr;
};

// Replaces the file at `path` with `content`, or creates it. `path` is used
// as named: a symbolic link there is replaced, not followed, so pass the
// link's target to update the file behind it. On an error the file is as it
// was and no temporary file remains. Does not lock: take a FileLock first
// when other runs may update the same file.
Status ReplaceFile(const std::string& path,
                   std::string_view content,
                   const ReplaceOptions& options = {});

// Proves, leaving nothing behind, that ReplaceFile(path, ..., options) could
// make its temporary file now and give it the owner and mode it would get: a
// temporary file is created, adjusted and removed. Nothing is written.
Status CheckReplaceable(const std::string& path, const ReplaceOptions& options = {});

// The file size limit (ulimit -f) in bytes, when there is one. A file larger
// than this cannot be written by ReplaceFile.
std::optional<unsigned long long> FileSizeLimit();

}  // namespace influxctl
