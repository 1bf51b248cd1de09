// SPDX-License-Identifier: Apache-2.0
//
// Checking, locking, reading and replacing the mock's state file. Reading is
// plain POSIX calls; the lock and the atomic replacement are the SDK's
// (influxctl/atomic_file.hpp). Every failure comes back as an Error naming
// the file; nothing here throws.

#include "state_file.hpp"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace influxctl::mock {
namespace {

std::string ErrnoText(int error) {
  return std::string(strerrordesc_np(error));
}

Error FileError(const std::string& path, std::string_view doing, int error) {
  return Error::Transport("mock state file " + path + ": cannot " + std::string(doing) + " (" +
                          ErrnoText(error) + ")");
}

// The SDK's output error about the lock or the replacement, as the
// transport error every failure of this file is.
Error FileError(const std::string& path, const Error& cause) {
  return Error::Transport("mock state file " + path + ": " + cause.message());
}

bool ReadAll(int fd, std::string* text) {
  char buffer[64 * 1024];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    if (got == 0) {
      return true;
    }
    text->append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

StateFile::StateFile(std::string path, std::chrono::milliseconds lock_timeout)
    : path_(std::move(path)), lock_path_(path_ + ".lock"), lock_timeout_(lock_timeout) {
  std::filesystem::path folder = std::filesystem::path(path_).parent_path();
  folder_ = folder.empty() ? "." : folder.string();
}

Result<StateFile> StateFile::Open(std::string path, std::chrono::milliseconds lock_timeout) {
  StateFile file(std::move(path), lock_timeout);
  auto config_error = [&file](std::string_view problem) {
    return Error::Config("mock transport setting state_file: " + std::string(problem));
  };

  // Checked here so that a typo in the folder is a config error before the
  // first call, not a transport error in the middle of a harness.
  struct stat info {};
  if (::stat(file.folder_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return config_error("folder " + file.folder_ + " (of " + file.path_ +
                        ") does not exist; create it, or point state_file elsewhere");
  }
  if (::stat(file.path_.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return config_error(file.path_ + " is a folder; point state_file at a file in it, such as " +
                        file.path_ + "/state.json");
  }

  // Take the lock and read once, so an unreadable or corrupt file is refused
  // now, with the setting named.
  Result<FileLock> lock = file.Lock();
  if (!lock.ok()) {
    return config_error(lock.error().message());
  }
  Result<MockState> state = file.Read();
  if (!state.ok()) {
    return config_error(state.error().message());
  }
  return file;
}

Result<FileLock> StateFile::Lock() const {
  // Waiting is bounded by the command's own --timeout, so that a run stuck
  // while holding the lock makes the others fail instead of hanging.
  Result<FileLock> lock = FileLock::Acquire(lock_path_, lock_timeout_, "--timeout");
  if (!lock.ok()) {
    return FileError(path_, lock.error());
  }
  return lock;
}

Result<MockState> StateFile::Read() const {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return MockState();  // no run has created a token yet
    }
    return FileError(path_, "open it", errno);
  }
  std::string text;
  bool read_ok = ReadAll(fd, &text);
  int read_errno = errno;
  ::close(fd);
  if (!read_ok) {
    return FileError(path_, "read it", read_errno);
  }

  // An empty file is how a harness says "start afresh" (`: > state.json`);
  // this code never writes one.
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return MockState();
  }
  std::string problem;
  std::optional<MockState> state = MockState::FromJson(text, &problem);
  if (!state) {
    return Error::Transport("mock state file " + path_ + " is corrupt: " + problem +
                            "; restore it, or delete it to start again with no tokens");
  }
  return std::move(*state);
}

Status StateFile::Write(const MockState& state) const {
  // The file holds only mock tokens: an owner this process may not keep is
  // no reason to fail a call, so the file then becomes this process's.
  Status replaced = ReplaceFile(path_, state.ToJson(), {.require_same_owner = false});
  if (!replaced.ok()) {
    return FileError(path_, replaced.error());
  }
  return Status::Ok();
}

}  // namespace influxctl::mock
