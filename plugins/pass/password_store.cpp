// SPDX-License-Identifier: Apache-2.0
//
// Password store layout (see password_store.hpp).

#include "password_store.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

namespace influxctl::pass {
namespace {

namespace fs = std::filesystem;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && IsSpace(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

// The entry's folder inside the store ("" for an entry at the root).
fs::path EntryFolder(std::string_view entry) {
  return fs::path(std::string(entry)).parent_path();
}

// `path` without "." parts or a trailing separator, so folders compare equal.
fs::path Normal(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) {
    normal = normal.parent_path();
  }
  return normal;
}

}  // namespace

std::string EntryNameProblem(std::string_view entry) {
  if (entry.empty()) {
    return "it is empty";
  }
  if (entry.front() == '/') {
    return "it starts with \"/\"; it is a path inside the store, not a file path";
  }
  if (entry.front() == '-') {
    return "it starts with \"-\", which pass would read as an option";
  }
  for (char c : entry) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "it holds a control character";
    }
  }
  std::string_view rest = entry;
  while (true) {
    auto slash = rest.find('/');
    std::string_view part = rest.substr(0, slash);
    if (part.empty()) {
      return "it has an empty part (\"//\" or a trailing \"/\")";
    }
    if (part == "." || part == "..") {
      return "it has a \"" + std::string(part) + "\" part";
    }
    if (slash == std::string_view::npos) {
      return "";
    }
    rest.remove_prefix(slash + 1);
  }
}

std::string DefaultStoreFolder() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    return "";
  }
  return (fs::path(home) / ".password-store").string();
}

fs::path EntryFile(const fs::path& store, std::string_view entry) {
  return store / (std::string(entry) + ".gpg");
}

std::optional<fs::path> FindGpgIdFile(const fs::path& store, std::string_view entry) {
  const fs::path root = Normal(store);
  fs::path folder = Normal(root / EntryFolder(entry));
  std::error_code error;
  while (true) {
    fs::path candidate = folder / ".gpg-id";
    if (fs::is_regular_file(candidate, error)) {
      return candidate;
    }
    // The entry's name has no ".." part, so walking up always meets the root.
    if (folder == root || !folder.has_relative_path() || folder.parent_path() == folder) {
      return std::nullopt;
    }
    folder = folder.parent_path();
  }
}

Result<std::vector<std::string>> ReadGpgIds(const fs::path& gpg_id_file) {
  std::ifstream in(gpg_id_file);
  if (!in) {
    return Error::Output("cannot read " + gpg_id_file.string());
  }
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(in, line)) {
    std::string_view id(line);
    id = Trimmed(id.substr(0, id.find('#')));
    if (!id.empty()) {
      ids.emplace_back(id);
    }
  }
  return ids;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && IsSpace(text[start])) {
      ++start;
    }
    std::size_t end = start;
    while (end < text.size() && !IsSpace(text[end])) {
      ++end;
    }
    if (end > start) {
      words.emplace_back(text.substr(start, end - start));
    }
    start = end;
  }
  return words;
}

Status CheckEntryFolderWritable(const fs::path& store, std::string_view entry) {
  // Walk down from the store: pass runs `mkdir -p` for whatever is missing.
  fs::path deepest = store;
  std::error_code error;
  for (const fs::path& part : EntryFolder(entry)) {
    fs::path next = deepest / part;
    if (!fs::exists(next, error)) {
      break;
    }
    if (!fs::is_directory(next, error)) {
      return Error::Output(next.string() + " is not a folder, so the entry cannot be created " +
                           "below it; choose another entry name");
    }
    deepest = next;
  }
  if (::access(deepest.c_str(), W_OK | X_OK) != 0) {
    return Error::Output("cannot write to " + deepest.string() +
                         " (permission denied); fix its permissions or choose another store");
  }
  return Status::Ok();
}

}  // namespace influxctl::pass
