// SPDX-License-Identifier: Apache-2.0
//
// The env-file output's file-system side (see file_update.hpp). Every file
// descriptor is opened close-on-exec, nothing follows a symbolic link it was
// not asked to, and every temporary file is removed on every failure path by
// the guard that created it.

#include "file_update.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace influxctl::env_file {
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

// "<folder>/.<name>.influxctl-XXXXXX": hidden, next to the target, so the
// rename stays within one file system.
std::string TempTemplate(const std::string& target) {
  std::filesystem::path path(target);
  return (std::filesystem::path(FolderOf(target)) /
          ("." + path.filename().string() + ".influxctl-XXXXXX"))
      .string();
}

// A temporary file that is closed and removed unless Commit() is called.
class TempFile {
 public:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
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

  // Closes the descriptor, reporting what close() says (a delayed write error).
  int Close() {
    int result = ::close(fd_);
    fd_ = -1;
    return result;
  }
  void Commit() { committed_ = true; }

 private:
  std::string path_;
  int fd_;
  bool committed_ = false;
};

// Creates a temporary file next to `target`, mode 0600 at most.
Result<std::unique_ptr<TempFile>> MakeTempFile(const std::string& target) {
  std::string path = TempTemplate(target);
  int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    return SystemError(
        "cannot create a file in the folder " + FolderOf(target), error,
        " (the env-file output writes a temporary file there and renames it over " + target + ")");
  }
  return std::make_unique<TempFile>(std::move(path), fd);
}

// Gives a new file the owner and permission bits the target had.
Status MatchOwnerAndMode(int fd, const std::string& target, const ExistingFile& existing) {
  struct stat made {};
  if (::fstat(fd, &made) != 0) {
    int error = errno;
    return SystemError("cannot inspect a temporary file next to " + target, error);
  }
  if ((made.st_uid != existing.uid || made.st_gid != existing.gid) &&
      ::fchown(fd, existing.uid, existing.gid) != 0) {
    int error = errno;
    return SystemError("cannot give the new " + target + " the owner of the old one (uid " +
                           std::to_string(existing.uid) + ", gid " + std::to_string(existing.gid) +
                           ")",
                       error, "; run as that user or as root, or change \"path\"");
  }
  if (::fchmod(fd, existing.mode) != 0) {
    int error = errno;
    return SystemError("cannot give the new " + target + " the mode " + OctalMode(existing.mode) +
                           " of the old one",
                       error);
  }
  return Status::Ok();
}

// While alive, a write past the file size limit fails with EFBIG instead of
// raising SIGXFSZ, whose default action would kill the process mid-delivery
// and leave the new token with nobody.
class IgnoreFileSizeSignal {
 public:
  IgnoreFileSizeSignal() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    restore_ = ::sigaction(SIGXFSZ, &ignore, &previous_) == 0;
  }
  IgnoreFileSizeSignal(const IgnoreFileSizeSignal&) = delete;
  IgnoreFileSizeSignal& operator=(const IgnoreFileSizeSignal&) = delete;
  ~IgnoreFileSizeSignal() {
    if (restore_) {
      ::sigaction(SIGXFSZ, &previous_, nullptr);
    }
  }

 private:
  struct sigaction previous_ {};
  bool restore_ = false;
};

// write() until all of `content` is written; 0 or errno.
int WriteAll(int fd, std::string_view content) {
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

void Wipe(std::string& text) {
  text.resize(text.capacity());
  ::explicit_bzero(text.data(), text.size());
  text.clear();
}

std::string FolderOf(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return folder.empty() ? "." : folder.string();
}

Result<std::string> ResolveTarget(const std::string& path) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) {
    int error = errno;
    if (error == ENOENT) {
      return path;  // a new file; its folder is checked on its own
    }
    if (error == ENOTDIR) {
      return Error::Output("cannot use " + path +
                           ": a part of the path before the file name is not a folder");
    }
    return SystemError("cannot look at " + path, error);
  }
  if (!S_ISLNK(link.st_mode)) {
    return path;
  }
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) {
    int error = errno;
    if (error == ENOENT) {
      return Error::Output(path +
                           " is a symbolic link to a file that does not exist; create that file "
                           "(or remove the link), or change \"path\"");
    }
    return SystemError("cannot follow the symbolic link " + path, error);
  }
  std::string resolved(real);
  ::free(real);
  return resolved;
}

Status CheckFolder(const std::string& folder) {
  struct stat meta {};
  if (::stat(folder.c_str(), &meta) != 0) {
    int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return Error::Output("the folder " + folder +
                           " does not exist; create it, or change \"path\" to a file in a folder "
                           "that exists");
    }
    return SystemError("cannot look at the folder " + folder, error);
  }
  if (!S_ISDIR(meta.st_mode)) {
    return Error::Output(folder + " is not a folder; change \"path\"");
  }
  return Status::Ok();
}

Result<ExistingFile> ReadExisting(const std::string& path) {
  struct stat meta {};
  if (::lstat(path.c_str(), &meta) != 0) {
    int error = errno;
    if (error == ENOENT) {
      return ExistingFile{};
    }
    return SystemError("cannot look at " + path, error);
  }
  if (S_ISDIR(meta.st_mode)) {
    return Error::Output(path + " is a folder, not a file; set \"path\" to a file in it, e.g. " +
                         (std::filesystem::path(path) / ".env").string());
  }
  if (!S_ISREG(meta.st_mode)) {
    return Error::Output(path +
                         " is not a regular file; the env-file output only updates plain "
                         "files, so change \"path\"");
  }

  // It must be writable too: a file this process may not write is not to be
  // changed, even though a rename could replace it. Asked with access(), not
  // by opening it for writing, which would tell inotify watchers it changed.
  if (::faccessat(AT_FDCWD, path.c_str(), R_OK | W_OK, AT_EACCESS) != 0) {
    int error = errno;
    return SystemError("cannot update " + path, error,
                       "; the env-file output only updates a file this user may read and write");
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    return SystemError("cannot open " + path, error);
  }
  ExistingFile existing;
  int error = 0;
  if (::fstat(fd, &meta) != 0) {
    error = errno;
  } else if (!S_ISREG(meta.st_mode)) {
    ::close(fd);  // replaced by something else since the lstat above
    return Error::Output(path + " is not a regular file; change \"path\"");
  } else if (static_cast<unsigned long long>(meta.st_size) > kMaxFileSize) {
    ::close(fd);
    return Error::Output(path + " is larger than " + std::to_string(kMaxFileSize >> 20) +
                         " MiB, too large for a dotenv file; the env-file output refuses it");
  }
  if (error == 0) {
    existing.text.reserve(static_cast<std::size_t>(meta.st_size) + 256);
    char buffer[8192];
    while (true) {
      ssize_t got = ::read(fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) {
        continue;
      }
      if (got < 0) {
        error = errno;
      }
      if (got <= 0) {
        break;
      }
      existing.text.append(buffer, static_cast<std::size_t>(got));
      if (existing.text.size() > kMaxFileSize) {
        error = EFBIG;
        break;
      }
    }
    ::explicit_bzero(buffer, sizeof buffer);
  }
  ::close(fd);
  if (error != 0) {
    Wipe(existing.text);
    return SystemError("cannot read " + path, error);
  }
  existing.exists = true;
  existing.uid = meta.st_uid;
  existing.gid = meta.st_gid;
  existing.mode = meta.st_mode & 07777;
  return existing;
}

std::optional<unsigned long long> FileSizeLimit() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
    return std::nullopt;
  }
  return static_cast<unsigned long long>(limit.rlim_cur);
}

Status ProbeFolder(const std::string& target, const ExistingFile& like) {
  auto temp = MakeTempFile(target);
  if (!temp.ok()) {
    return temp.error();
  }
  if (like.exists) {
    return MatchOwnerAndMode(temp.value()->fd(), target, like);
  }
  return Status::Ok();  // the guard removes the probe
}

Status ReplaceAtomically(const std::string& target,
                         std::string_view content,
                         const ExistingFile& existing,
                         Log& log) {
  IgnoreFileSizeSignal ignore_file_size_signal;
  auto made = MakeTempFile(target);
  if (!made.ok()) {
    return made.error();
  }
  TempFile& temp = *made.value();
  const std::string left_alone = "; " + target + " was left as it was";

  // Owner and mode before the first byte: the secret is never readable by
  // anyone the final file would not let read it.
  // TODO: extended attributes and ACLs of the old file are not carried over
  // (docs/env-file.md says so); copying them needs libacl or xattr calls.
  if (existing.exists) {
    Status matched = MatchOwnerAndMode(temp.fd(), target, existing);
    if (!matched.ok()) {
      return Error::Output(matched.error().message() + left_alone);
    }
  } else if (::fchmod(temp.fd(), 0600) != 0) {
    int error = errno;
    return SystemError("cannot set mode 0600 on a new file next to " + target, error, left_alone);
  }

  if (int error = WriteAll(temp.fd(), content); error != 0) {
    std::string hint;
    if (auto limit = FileSizeLimit(); error == EFBIG && limit) {
      hint = " (the file size limit, ulimit -f, is " + std::to_string(*limit) + " bytes)";
    }
    return SystemError("cannot write the new " + target + " to " + temp.path(), error,
                       hint + left_alone);
  }
  if (::fsync(temp.fd()) != 0) {
    int error = errno;
    return SystemError("cannot sync " + temp.path(), error, left_alone);
  }
  if (temp.Close() != 0) {
    int error = errno;
    return SystemError("cannot write " + temp.path(), error, left_alone);
  }
  if (::rename(temp.path().c_str(), target.c_str()) != 0) {
    int error = errno;
    return SystemError("cannot rename " + temp.path() + " to " + target, error, left_alone);
  }
  temp.Commit();

  // The rename is durable once the folder is synced. The file holds the new
  // content either way, so a failure here is reported, not undone.
  std::string folder = FolderOf(target);
  int folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder_fd < 0 || ::fsync(folder_fd) != 0) {
    int error = errno;
    log.Warning("could not sync the folder " + folder + " after replacing " + target + ": " +
                std::generic_category().message(error) +
                "; the file is updated, but a crash now could undo that");
  }
  if (folder_fd >= 0) {
    ::close(folder_fd);
  }
  return Status::Ok();
}

}  // namespace influxctl::env_file
