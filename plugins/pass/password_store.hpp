// SPDX-License-Identifier: Apache-2.0
//
// What the pass output knows about a password store on disk, read the way
// pass 1.7 reads it: an entry NAME is the file <store>/NAME.gpg, and the keys
// it is encrypted to come from PASSWORD_STORE_KEY, else from the .gpg-id file
// nearest to the entry, walking up to the store's root. Only metadata is read
// here: nothing is decrypted, no key is needed. Pure functions of the file
// system, safe from any thread.

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

namespace influxctl::pass {

// "" when `entry` is a valid entry name, else why not: a name is a relative
// path of non-empty parts, none of them "." or "..", not starting with '-',
// without control characters.
std::string EntryNameProblem(std::string_view entry);

// The store pass uses when PASSWORD_STORE_DIR is not set: ~/.password-store.
// Empty when HOME is not set either.
std::string DefaultStoreFolder();

// <store>/<entry>.gpg
std::filesystem::path EntryFile(const std::filesystem::path& store, std::string_view entry);

// The .gpg-id file pass would use for `entry`, or nullopt when the store is
// not initialised for it.
std::optional<std::filesystem::path> FindGpgIdFile(const std::filesystem::path& store,
                                                   std::string_view entry);

// The key ids in a .gpg-id file: one a line, '#' comments and blank lines skipped.
Result<std::vector<std::string>> ReadGpgIds(const std::filesystem::path& gpg_id_file);

// Words of a whitespace-separated list, as pass splits PASSWORD_STORE_KEY.
std::vector<std::string> SplitWords(std::string_view text);

// Whether the entry's file can be created: each part of its folder that
// exists is a folder, and the deepest existing one is writable.
Status CheckEntryFolderWritable(const std::filesystem::path& store, std::string_view entry);

}  // namespace influxctl::pass
