// SPDX-License-Identifier: Apache-2.0
//
// The keystore file on disk: reading it, replacing it atomically, locking it
// against concurrent runs, and checking without side effects that it could
// be written. The lock and the replacement are the SDK's
// (influxctl/atomic_file.hpp): an exclusive flock on "<path>.lock", a sibling
// that is never replaced or removed, and a temporary file in the same folder
// (created 0600, or given the old file's mode and, where allowed, owner),
// written in full, fsynced, renamed over the file and made durable by an
// fsync of the folder, so a crash or a full disk leaves the old file or the
// new one, never a torn one, and never a temporary file behind. A path that
// is a symbolic link is followed: the file it points at is replaced, the
// link stays.

#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/atomic_file.hpp>
#include <influxctl/error.hpp>

namespace influxctl::keystore {

// Waits up to `timeout` for the lock on "<path>.lock", creating that file
// (0600) when missing.
Result<FileLock> LockKeystore(const std::string& path, std::chrono::milliseconds timeout);

// The file's text; nullopt when nothing is at `path`.
Result<std::optional<std::string>> ReadKeystoreFile(const std::string& path);

// Whether a keystore could be written at `path` now: its folder exists and
// is writable, what is there is a regular file (or a link to one), and an
// existing lock file can be opened. Touches nothing.
Status CheckKeystoreWritable(const std::string& path);

// Replaces the file at `path` (or creates it, mode 0600) with `text`. On an
// error the file is as it was and no temporary file is left.
Status ReplaceKeystoreFile(const std::string& path, std::string_view text);

}  // namespace influxctl::keystore
