// SPDX-License-Identifier: Apache-2.0
//
// KV paths and request targets (see kv_paths.hpp).

#include "kv_paths.hpp"

namespace influxctl::vault {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

Result<std::string> CleanLogicalPath(std::string_view text, std::string_view key) {
  const std::string setting = "vault output setting " + std::string(key);
  while (!text.empty() && text.front() == '/') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == '/') {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return Error::Config(setting + " is empty; name it like \"influx/prod\"");
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return Error::Config(setting + " holds a control character; remove it");
    }
  }
  std::string_view rest = text;
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") {
      return Error::Config(setting + " \"" + std::string(text) +
                           "\" has an empty, \".\" or \"..\" segment; write each folder once, "
                           "like \"influx/prod\"");
    }
    if (slash == std::string_view::npos) {
      break;
    }
    rest = rest.substr(slash + 1);
  }
  return std::string(text);
}

Result<KvPaths> KvPaths::Make(std::string_view mount, std::string_view path, int kv_version) {
  Result<std::string> clean_mount = CleanLogicalPath(mount, "mount");
  if (!clean_mount.ok()) {
    return clean_mount.error();
  }
  Result<std::string> clean_path = CleanLogicalPath(path, "path");
  if (!clean_path.ok()) {
    return clean_path.error();
  }
  return KvPaths(std::move(clean_mount).value(), std::move(clean_path).value(), kv_version);
}

std::string KvPaths::WritePath() const {
  return kv_version_ == 2 ? mount_ + "/data/" + path_ : mount_ + "/" + path_;
}

std::string KvPaths::MetadataPath() const {
  return mount_ + "/metadata/" + path_;
}

std::string KvPaths::ApiTarget(std::string_view logical_path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string target = "/v1/";
  for (unsigned char c : logical_path) {
    if (IsUnreserved(c) || c == '/') {
      target += static_cast<char>(c);
    } else {
      target += '%';
      target += kHex[c >> 4];
      target += kHex[c & 0xf];
    }
  }
  return target;
}

}  // namespace influxctl::vault
