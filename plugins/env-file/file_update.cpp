// SPDX-License-Identifier: Apache-2.0
//
// The env-file output's file-system side (see file_update.hpp). Every file
// descriptor is opened close-on-exec, and nothing follows a symbolic link it
// was not asked to.

#include "file_update.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace influxctl::env_file {
namespace {

// "<what>: <the system's words for error><tail>".
Error SystemError(const std::string& what, int error, const std::string& tail = "") {
  return Error::Output(what + ": " + std::generic_category().message(error) + tail);
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
  return existing;
}

}  // namespace influxctl::env_file
