// SPDX-License-Identifier: Apache-2.0
//
// Locking, reading and atomically replacing the mock's state file with plain
// POSIX calls, so that the guarantees (who holds the lock, what reached the
// disk) are visible here rather than hidden in a library. Every failure comes
// back as an Error naming the file; nothing here throws.

#include "state_file.hpp"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include <influxctl/time.hpp>

namespace influxctl::mock {
namespace {

std::string ErrnoText(int error) {
  return std::string(strerrordesc_np(error));
}

Error FileError(const std::string& path, std::string_view doing, int error) {
  return Error::Transport("mock state file " + path + ": cannot " + std::string(doing) + " (" +
                          ErrnoText(error) + ")");
}

// Writes all of `text`, going on after short writes and interruptions.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
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

StateLock::~StateLock() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

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
  Result<StateLock> lock = file.Lock();
  if (!lock.ok()) {
    return config_error(lock.error().message());
  }
  Result<MockState> state = file.Read();
  if (!state.ok()) {
    return config_error(state.error().message());
  }
  return file;
}

Result<StateLock> StateFile::Lock() const {
  int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return FileError(path_, "open its lock file " + lock_path_, errno);
  }
  StateLock lock(fd);

  // Polling rather than a blocking flock, so that a run stuck while holding
  // the lock makes the others fail after the timeout instead of hanging.
  const auto deadline = std::chrono::steady_clock::now() + lock_timeout_;
  auto pause = std::chrono::microseconds(50);
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      return lock;
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EWOULDBLOCK) {
      return FileError(path_, "lock " + lock_path_, errno);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error::Transport("mock state file " + path_ + ": another run has held its lock (" +
                              lock_path_ + ") for longer than the timeout (" +
                              FormatGoDuration(lock_timeout_) +
                              "); if no run is using it, that run is stuck");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
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
  const std::string text = state.ToJson();

  // The temporary file sits in the same folder so that rename is atomic.
  std::string temp_path = path_ + ".tmp-XXXXXX";
  int fd = ::mkostemp(temp_path.data(), O_CLOEXEC);
  if (fd < 0) {
    return FileError(path_, "create a temporary file beside it", errno);
  }
  auto fail = [&](std::string_view doing) {
    Error error = FileError(path_, doing, errno);
    ::unlink(temp_path.c_str());
    return error;
  };
  if (!WriteAll(fd, text) || ::fsync(fd) != 0) {
    Error error = fail("write " + temp_path);
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) {
    return fail("write " + temp_path);
  }
  if (::rename(temp_path.c_str(), path_.c_str()) != 0) {
    return fail("replace it");
  }

  // The folder's fsync makes the rename itself durable. Its failure is not
  // reported: the new state is already what every later call sees, and
  // failing now would report a change that took effect as one that did not.
  int folder_fd = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder_fd >= 0) {
    ::fsync(folder_fd);
    ::close(folder_fd);
  }
  return Status::Ok();
}

}  // namespace influxctl::mock
