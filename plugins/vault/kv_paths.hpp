// SPDX-License-Identifier: Apache-2.0
//
// Where a KV secret lives in Vault's API. A KV version 2 secret is written at
// <mount>/data/<path> and described at <mount>/metadata/<path>; a version 1
// secret is written at <mount>/<path>. Policies and capabilities-self name
// these logical paths; requests go to /v1/ followed by the same path with
// every segment percent-encoded. Mount, path and namespace are checked here
// (no empty or dot segments, no control characters), so what the profile
// names is exactly what is written. Plain values.

#pragma once

#include <string>
#include <string_view>

#include <influxctl/error.hpp>

namespace influxctl::vault {

class KvPaths {
 public:
  // `mount` and `path` as the profile writes them; slashes at either end are dropped.
  static Result<KvPaths> Make(std::string_view mount, std::string_view path, int kv_version);

  const std::string& mount() const { return mount_; }
  const std::string& path() const { return path_; }
  int kv_version() const { return kv_version_; }

  // Logical paths, as policies write them: "secret/data/influx/prod".
  std::string WritePath() const;
  std::string MetadataPath() const;  // KV version 2 only

  // Request targets: "/v1/secret/data/influx/prod".
  std::string WriteTarget() const { return ApiTarget(WritePath()); }
  std::string MetadataTarget() const { return ApiTarget(MetadataPath()); }
  // Vault's own mount lookup for this secret, as the vault CLI uses it.
  std::string MountInfoTarget() const {
    return ApiTarget("sys/internal/ui/mounts/" + mount_ + "/" + path_);
  }

  // "/v1/" + `logical_path` with each segment percent-encoded.
  static std::string ApiTarget(std::string_view logical_path);

 private:
  KvPaths(std::string mount, std::string path, int kv_version)
      : mount_(std::move(mount)), path_(std::move(path)), kv_version_(kv_version) {}

  std::string mount_;
  std::string path_;
  int kv_version_;
};

// A Vault namespace ("team-a" or "org/team-a") with slashes at either end
// dropped, checked like a path. `key` names the setting in messages.
Result<std::string> CleanLogicalPath(std::string_view text, std::string_view key);

}  // namespace influxctl::vault
