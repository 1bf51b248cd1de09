// SPDX-License-Identifier: Apache-2.0
//
// The file-system side of the env-file output before the file is replaced:
// finding the real file behind `path`, checking its folder, and reading it.
// The lock and the atomic replace are the SDK's (influxctl/atomic_file.hpp).
// Errors are output errors naming the path; nothing here logs or quotes file
// contents.

#pragma once

#include <cstddef>
#include <string>

#include <influxctl/error.hpp>

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
  std::string text;
};

// Reads `path` if it exists: it must be a regular file this process may read
// and write, no larger than kMaxFileSize. A symbolic link is refused here
// (resolve it first).
Result<ExistingFile> ReadExisting(const std::string& path);

}  // namespace influxctl::env_file
