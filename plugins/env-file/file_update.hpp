// SPDX-License-Identifier: Apache-2.0
//
// The file-system side of the env-file output: finding the real file behind
// `path`, reading it, checking its folder, and the atomic replace (a
// temporary file in the same folder, written, synced and renamed over the
// target, then the folder synced). A failed replace leaves the target as it
// was and removes its temporary file; a file size limit (RLIMIT_FSIZE) hit
// mid-write is an error, never a signal that kills the process. Errors are
// output errors naming the path; nothing here logs or quotes file contents.
// Not thread-safe: one update at a time.

#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>

namespace influxctl::env_file {

// Larger dotenv files are refused rather than read into memory.
inline constexpr std::size_t kMaxFileSize = 16 * 1024 * 1024;

// Overwrites a string's bytes before it is freed: file contents hold secrets.
void Wipe(std::string& text);

// `path`, or the file it names through symbolic links when it is one. A
// dangling link is refused: what it should create is a guess.
Result<std::string> ResolveTarget(const std::string& path);

// The folder a file lives in ("." for a bare name).
std::string FolderOf(const std::string& path);

// Fails unless `folder` exists and is a folder.
Status CheckFolder(const std::string& folder);

// The target as it is now. `exists` false: there is no file (yet).
struct ExistingFile {
  bool exists = false;
  uid_t uid = 0;
  gid_t gid = 0;
  mode_t mode = 0;  // permission bits only
  std::string text;
};

// Reads `path` if it exists: it must be a regular file this process may read
// and write, no larger than kMaxFileSize. A symbolic link is refused here
// (resolve it first).
Result<ExistingFile> ReadExisting(const std::string& path);

// The file size limit (ulimit -f) in bytes, when there is one.
std::optional<unsigned long long> FileSizeLimit();

// Proves, without leaving anything behind, that a file can be made in the
// folder of `target` and, for an existing target, given its owner and mode: a
// temporary file is created, adjusted and removed.
Status ProbeFolder(const std::string& target, const ExistingFile& like);

// Replaces `target` with `content` atomically: the new file gets the owner
// and mode of `existing`, or mode 0600 when there was none, before a byte is
// written. On failure the target is untouched and no temporary file remains.
// A failed sync of the folder after the rename only warns on `log`: the file
// already holds the new content.
Status ReplaceAtomically(const std::string& target,
                         std::string_view content,
                         const ExistingFile& existing,
                         Log& log);

}  // namespace influxctl::env_file
