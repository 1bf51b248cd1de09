// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's KV secrets engines: mounts of version 1 (one value per
// key, overwritten) and version 2 (numbered versions per key, metadata,
// check-and-set, cas_required per mount or per key), each at a full path
// that may start with a namespace ("team-a/secret"). Values are the JSON
// objects clients wrote, kept as written. Not thread-safe: the caller holds
// the fake's one lock.

#pragma once

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace influxctl::fake_vault {

struct StoredVersion {
  Poco::JSON::Object::Ptr data;
  std::string created_time;
};

struct KvSecret {
  std::map<std::int64_t, StoredVersion> versions;
  std::int64_t current_version = 0;
  bool cas_required = false;
  std::string created_time;
  std::string updated_time;
};

struct KvMount {
  std::string path;  // full path without a trailing slash: "secret", "team-a/secret"
  int version = 2;
  bool cas_required = false;
  std::string accessor;
  std::map<std::string, KvSecret> secrets;                   // version 2
  std::map<std::string, Poco::JSON::Object::Ptr> v1_values;  // version 1
};

// Outcome of a version 2 write.
struct KvWrite {
  enum class Result { kWritten, kCasMismatch, kCasRequired } result = Result::kWritten;
  std::int64_t version = 0;
  std::string created_time;
};

class KvEngine {
 public:
  // "PATH=2", "PATH=1" or "PATH=2:cas_required"; the error says what is wrong.
  std::optional<std::string> AddMount(std::string_view spec);
  bool empty() const { return mounts_.empty(); }

  // The mount `full_path` lies in (longest match), and the rest of the path after it.
  KvMount* Find(const std::string& full_path, std::string* rest);

  KvWrite WriteV2(KvMount& mount,
                  const std::string& key,
                  Poco::JSON::Object::Ptr data,
                  std::optional<std::int64_t> cas);

  // RFC 3339 with nanoseconds, as Vault writes times.
  static std::string Now();

 private:
  std::map<std::string, KvMount> mounts_;
};

}  // namespace influxctl::fake_vault
