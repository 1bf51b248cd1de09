// SPDX-License-Identifier: Apache-2.0
//
// ReplaceFile and CheckReplaceable (see influxctl/atomic_file.hpp), with
// plain POSIX calls so that what reached the disk, and when, is visible
// here. Every descriptor is opened close-on-exec, and every temporary file is
// removed on every failure path by the guard that created it.

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include <influxctl/atomic_file.hpp>

namespace influxctl {
namespace {

// "<what>: <the system's words for error><tail>".
Error SystemError(const std::string& what, int error, const std::string& tail = "") {
  return Error::Output(what + ": " + std::generic_category().message(error) + tail);
}

std::string OctalMode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

std::string FolderOf(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return folder.empty() ? "." : folder.string();
}

// The regular file at `path` now, if there is one: what its replacement keeps.
std::optional<struct stat> ExistingFile(const std::string& path) {
  struct stat meta {};
  if (::lstat(path.c_str(), &meta) != 0 || !S_ISREG(meta.st_mode)) {
    return std::nullopt;
  }
  return meta;
}

// A temporary file that is closed and removed unless Commit() is called.
class TempFile {
 public:
  // Creates "<folder>/.<name>.tmp-XXXXXX" next to `target`: hidden, and in
  // the same folder so that the rename stays within one file system.
  static Result<TempFile> Create(const std::string& target) {
    std::string path = (std::filesystem::path(FolderOf(target)) /
                        ("." + std::filesystem::path(target).filename().string() + ".tmp-XXXXXX"))
                           .string();
    int fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0) {
      int error = errno;
      return SystemError("cannot create a file in the folder " + FolderOf(target), error,
                         " (a temporary file is written there, then renamed over " + target + ")");
    }
    return TempFile(std::move(path), fd);
  }

  TempFile(TempFile&& other) noexcept
      : path_(std::move(other.path_)),
        fd_(std::exchange(other.fd_, -1)),
        committed_(std::exchange(other.committed_, true)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    if (!committed_) {
      ::unlink(path_.c_str());
    }
  }

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

  // Closes the descriptor; 0, or the errno of a delayed write error.
  int Close() {
    int result = ::close(std::exchange(fd_, -1));
    return result == 0 ? 0 : errno;
  }
  void Commit() { committed_ = true; }

 private:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_;
  bool committed_ = false;
};

// Gives the temporary file the owner and permission bits of the file it will
// replace, or the mode for a new file. Owner first: a chown may clear mode
// bits that a chmod has set.
Status GiveModeAndOwner(const TempFile& temp,
                        const std::string& target,
                        const std::optional<struct stat>& existing,
                        const ReplaceOptions& options) {
  if (!existing) {
    if (::fchmod(temp.fd(), options.new_file_mode) != 0) {
      int error = errno;
      return SystemError("cannot set mode " + OctalMode(options.new_file_mode) +
                             " on a new file next to " + target,
                         error);
    }
    return Status::Ok();
  }
  struct stat made {};
  if (::fstat(temp.fd(), &made) != 0) {
    int error = errno;
    return SystemError("cannot inspect a temporary file next to " + target, error);
  }
  if ((made.st_uid != existing->st_uid || made.st_gid != existing->st_gid) &&
      ::fchown(temp.fd(), existing->st_uid, existing->st_gid) != 0 && options.require_same_owner) {
    int error = errno;
    return SystemError("cannot give the new " + target + " the owner of the old one (uid " +
                           std::to_string(existing->st_uid) + ", gid " +
                           std::to_string(existing->st_gid) + ")",
                       error, "; run as that user or as root");
  }
  mode_t mode = existing->st_mode & 07777;
  if (::fchmod(temp.fd(), mode) != 0) {
    int error = errno;
    return SystemError(
        "cannot give the new " + target + " the mode " + OctalMode(mode) + " of the old one",
        error);
  }
  return Status::Ok();
}

// Blocks SIGXFSZ in this thread while alive, so that a write past the file
// size limit fails with EFBIG, which is reported and cleaned up after,
// instead of killing the process half-way with the new token in nobody's
// hands. A signal the failed write left pending is consumed before the old
// mask comes back. Thread-local, unlike changing the signal's action.
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

// write() until all of `content` is written; 0 or errno.
int WriteAll(int fd, std::string_view content) {
  FileSizeSignalBlock block;
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return written < 0 ? errno : EIO;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

}  // namespace

std::optional<unsigned long long> FileSizeLimit() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return std::nullopt;
  }
  return static_cast<unsigned long long>(limit.rlim_cur);
}

Status CheckReplaceable(const std::string& path, const ReplaceOptions& options) {
  Result<TempFile> temp = TempFile::Create(path);
  if (!temp.ok()) {
    return temp.error();
  }
  // Returning destroys the guard, which removes the probe.
  return GiveModeAndOwner(temp.value(), path, ExistingFile(path), options);
}

Status ReplaceFile(const std::string& path,
                   std::string_view content,
                   const ReplaceOptions& options) {
  Result<TempFile> made = TempFile::Create(path);
  if (!made.ok()) {
    return made.error();
  }
  TempFile& temp = made.value();
  const std::string left_alone = "; " + path + " was left as it was";

  // Owner and mode before the first byte: the content is never readable by
  // anyone the final file would not let read it.
  // TODO: extended attributes and ACLs of the old file are not carried over;
  // copying them needs libacl or xattr calls.
  Status given = GiveModeAndOwner(temp, path, ExistingFile(path), options);
  if (!given.ok()) {
    return Error::Output(given.error().message() + left_alone);
  }

  // Written in full and on the disk before it takes the target's name.
  if (int error = WriteAll(temp.fd(), content); error != 0) {
    std::string hint;
    if (auto limit = FileSizeLimit(); error == EFBIG && limit) {
      hint = " (the file size limit, ulimit -f, is " + std::to_string(*limit) + " bytes)";
    }
    return SystemError("cannot write the new " + path + " to " + temp.path(), error,
                       hint + left_alone);
  }
  if (::fsync(temp.fd()) != 0) {
    int error = errno;
    return SystemError("cannot sync " + temp.path(), error, left_alone);
  }
  if (int error = temp.Close(); error != 0) {
    return SystemError("cannot write " + temp.path(), error, left_alone);
  }
  if (::rename(temp.path().c_str(), path.c_str()) != 0) {
    int error = errno;
    return SystemError("cannot rename " + temp.path() + " to " + path, error, left_alone);
  }
  temp.Commit();

  // The rename is durable once the folder is synced. The file holds the new
  // content either way, so a failure here is reported, not undone: failing
  // now would report a change that took effect as one that did not.
  std::string folder = FolderOf(path);
  int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if ((folder_fd < 0 || ::fsync(folder_fd) != 0) && options.log != nullptr) {
    int error = errno;
    options.log->Warning("could not sync the folder " + folder + " after replacing " + path + ": " +
                         std::generic_category().message(error) +
                         "; the file is updated, but a crash now could undo that");
  }
  if (folder_fd >= 0) {
    ::close(folder_fd);
  }
  return Status::Ok();
}

}  // namespace influxctl
