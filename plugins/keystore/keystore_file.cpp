// SPDX-License-Identifier: Apache-2.0
//
// The keystore file's system calls (see keystore_file.hpp). Every error
// starts "keystore <path>:" and names what was being done and the system's
// reason, and says the file was left as it was when that is so.

#include "keystore_file.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

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

}  // namespace

Result<FileLock> LockKeystore(const std::string& path, std::chrono::milliseconds timeout) {
  Result<FileLock> lock = FileLock::Acquire(path + ".lock", timeout, "lock_timeout");
  if (!lock.ok()) {
    return lock.error().WithContext("keystore " + path);
  }
  return lock;
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
  Result<std::string> target = ResolveTarget(path);
  if (!target.ok()) {
    return target.error();
  }

  // Only root may give a file away: an owner this process may not keep is
  // no reason to refuse a keystore it may otherwise write.
  Status replaced = ReplaceFile(target.value(), text, {.require_same_owner = false});
  if (!replaced.ok()) {
    return replaced.error().WithContext("keystore " + path);
  }
  return Status::Ok();
}

}  // namespace influxctl::keystore
