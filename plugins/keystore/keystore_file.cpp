// SPDX-License-Identifier: Apache-2.0
//
// The keystore file's system calls (see keystore_file.hpp). Every error names
// the file, what was being done and the system's reason, and says the file
// was left as it was when that is so.

#include "keystore_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <thread>

#include <influxctl/time.hpp>

namespace influxctl::keystore {
namespace {

// A keystore holds tokens, a few hundred bytes each; anything this large is
// not one, and reading it whole would only waste memory.
constexpr off_t kMaxKeystoreSize = off_t{64} * 1024 * 1024;

Error FileError(const std::string& path, std::string_view doing, int error) {
  return Error::Output("keystore " + path + ": cannot " + std::string(doing) + ": " +
                       ::strerror(error));
}

std::string FolderOf(const std::string& path) {
  std::string folder = std::filesystem::path(path).parent_path().string();
  return folder.empty() ? "." : folder;
}

// The file a write replaces: `path` itself, or what a symbolic link there
// points at.
Result<std::string> ResolveTarget(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
    return path;
  }
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) {
    return Error::Output("keystore " + path +
                         " is a symbolic link to a file that does not exist (" + ::strerror(errno) +
                         "); fix the link or point path at a file");
  }
  return std::string(resolved);
}

// Blocks SIGXFSZ in this thread while a file is written, so that a write past
// the file size limit (ulimit -f) fails with EFBIG, which this code reports
// and cleans up after, instead of killing the process half-way through with
// a temporary file left and the new token in nobody's hands. The signal a
// failed write left pending is consumed before the old mask comes back.
class FileSizeSignalBlock {
 public:
  FileSizeSignalBlock() {
    sigemptyset(&signal_);
    sigaddset(&signal_, SIGXFSZ);
    pthread_sigmask(SIG_BLOCK, &signal_, &previous_);
  }
  ~FileSizeSignalBlock() {
    if (!sigismember(&previous_, SIGXFSZ)) {
      sigset_t pending;
      if (sigpending(&pending) == 0 && sigismember(&pending, SIGXFSZ)) {
        struct timespec no_wait {};
        sigtimedwait(&signal_, nullptr, &no_wait);
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  FileSizeSignalBlock(const FileSizeSignalBlock&) = delete;
  FileSizeSignalBlock& operator=(const FileSizeSignalBlock&) = delete;

 private:
  sigset_t signal_;
  sigset_t previous_;
};

bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

KeystoreLock::~KeystoreLock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the flock
  }
}

Result<KeystoreLock> LockKeystore(const std::string& path, std::chrono::milliseconds timeout) {
  const std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0) {
    return FileError(path, "open its lock file " + lock_path, errno);
  }
  KeystoreLock lock(fd);

  // Polling, so that a run stuck while holding the lock makes this one fail
  // after the timeout instead of hanging with a token nobody holds.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      return lock;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EWOULDBLOCK) {
      return FileError(path, "lock " + lock_path, errno);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error::Output("keystore " + path + ": another run has held its lock (" + lock_path +
                           ") for longer than lock_timeout (" + FormatGoDuration(timeout) +
                           "); if no influxctl is running, that run is stuck");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

Result<std::optional<std::string>> ReadKeystoreFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) {
      return std::optional<std::string>();
    }
    return FileError(path, "open it", errno);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Error::Output("keystore " + path + " is not a regular file; point path at a file");
  }
  if (info.st_size > kMaxKeystoreSize) {
    ::close(fd);
    return Error::Output("keystore " + path + " is larger than 64 MiB, so it is not a keystore");
  }
  std::string text;
  char buffer[64 * 1024];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      int error = errno;
      ::close(fd);
      return FileError(path, "read it", error);
    }
    if (got == 0) {
      break;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return std::optional<std::string>(std::move(text));
}

Status CheckKeystoreWritable(const std::string& path) {
  Result<std::string> target = ResolveTarget(path);
  if (!target.ok()) {
    return target.error();
  }

  // The folders that get new files: the target's (temporary file) and the
  // path's own (lock file); the same unless path is a link elsewhere.
  for (const std::string& folder : {FolderOf(target.value()), FolderOf(path)}) {
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      return Error::Output("keystore " + path + ": folder " + folder +
                           " does not exist; create it first");
    }
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
      return FileError(path, "write in folder " + folder, errno);
    }
  }

  struct stat info {};
  if (::stat(target.value().c_str(), &info) == 0) {
    if (!S_ISREG(info.st_mode)) {
      return Error::Output("keystore " + path + " is not a regular file; point path at a file");
    }
    if (::access(target.value().c_str(), R_OK) != 0) {
      return FileError(path, "read it", errno);
    }
  }
  const std::string lock_path = path + ".lock";
  if (::access(lock_path.c_str(), F_OK) == 0 && ::access(lock_path.c_str(), R_OK | W_OK) != 0) {
    return FileError(path, "open its lock file " + lock_path, errno);
  }
  return Status::Ok();
}

Status ReplaceKeystoreFile(const std::string& path, std::string_view text) {
  Result<std::string> resolved = ResolveTarget(path);
  if (!resolved.ok()) {
    return resolved.error();
  }
  const std::string& target = resolved.value();
  const std::string folder = FolderOf(target);
  struct stat existing {};
  const bool exists = ::stat(target.c_str(), &existing) == 0;

  // mkostemp creates the file 0600; an existing keystore's mode (and, where
  // allowed, owner) carries over to its replacement.
  std::string temp_path =
      folder + "/." + std::filesystem::path(target).filename().string() + ".tmp-XXXXXX";
  int fd = ::mkostemp(temp_path.data(), O_CLOEXEC);
  if (fd < 0) {
    return FileError(path, "create a temporary file in " + folder, errno);
  }
  auto fail = [&](std::string_view doing, int error) {
    ::unlink(temp_path.c_str());
    return Error::Output("keystore " + path + ": cannot " + std::string(doing) + ": " +
                         ::strerror(error) + "; the keystore was left as it was");
  };
  if (exists) {
    if (::fchmod(fd, existing.st_mode & 07777) != 0) {
      int error = errno;
      ::close(fd);
      return fail("give the new file the old one's mode", error);
    }
    if (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid()) {
      // Best effort: only root may give a file away.
      [[maybe_unused]] int ignored = ::fchown(fd, existing.st_uid, existing.st_gid);
    }
  }

  bool written = false;
  int write_error = 0;
  {
    FileSizeSignalBlock block;
    written = WriteAll(fd, text) && ::fsync(fd) == 0;
    write_error = errno;
  }
  if (!written) {
    ::close(fd);
    return fail("write " + temp_path, write_error);
  }
  if (::close(fd) != 0) {
    return fail("write " + temp_path, errno);
  }
  if (::rename(temp_path.c_str(), target.c_str()) != 0) {
    return fail("rename " + temp_path + " over it", errno);
  }

  // The folder's fsync makes the rename durable. Its failure is not
  // reported: the new file is already what every reader sees, and failing
  // now would report a change that took effect as one that did not.
  int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder_fd >= 0) {
    ::fsync(folder_fd);
    ::close(folder_fd);
  }
  return Status::Ok();
}

}  // namespace influxctl::keystore
