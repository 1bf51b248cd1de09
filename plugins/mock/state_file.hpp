// SPDX-License-Identifier: Apache-2.0
//
// The state file that lets separate runs share one mock cluster. Every update
// is a read-modify-write under an exclusive flock on a sibling lock file
// ("<state>.lock"): a sibling, because the state file itself is replaced on
// every write and a lock on a replaced inode would protect nothing. Writes
// are atomic (a temporary file in the same folder, fsync, rename, fsync of the
// folder), so a crash leaves the old state or the new one, never a torn file;
// a new file is made 0600 and an existing one keeps its mode. The lock and the
// replacement are the SDK's (influxctl/atomic_file.hpp).
// Any number of processes and threads may update one file at once, each
// through its own StateFile; one StateFile is used by one thread at a time.

#pragma once

#include <chrono>
#include <string>

#include <influxctl/atomic_file.hpp>
#include <influxctl/error.hpp>

#include "mock_state.hpp"

namespace influxctl::mock {

class StateFile {
 public:
  // Checks that `path` can serve as a state file: its folder exists, the lock
  // can be taken, and a file already there holds valid state. Errors are
  // config errors that name the state_file setting. Waiting for the lock
  // gives up after `lock_timeout`, on every call as here.
  static Result<StateFile> Open(std::string path, std::chrono::milliseconds lock_timeout);

  const std::string& path() const { return path_; }

  // Runs `change(MockState&)` on the current state under the lock and writes
  // the result back. Errors are transport errors naming the file; when one
  // comes back the file is as it was.
  template <typename Change>
  Status Update(Change&& change) {
    Result<FileLock> lock = Lock();
    if (!lock.ok()) {
      return lock.error();
    }
    Result<MockState> state = Read();
    if (!state.ok()) {
      return state.error();
    }
    change(state.value());
    return Write(state.value());
  }

 private:
  StateFile(std::string path, std::chrono::milliseconds lock_timeout);

  Result<FileLock> Lock() const;
  Result<MockState> Read() const;
  Status Write(const MockState& state) const;

  std::string path_;
  std::string lock_path_;
  std::string folder_;
  std::chrono::milliseconds lock_timeout_;
};

}  // namespace influxctl::mock
