// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's KV engines (see kv_engine.hpp). Check-and-set follows
// Vault's rule: a write with cas succeeds only when cas equals the key's
// current version, where a key never written is at version 0.

#include "kv_engine.hpp"

#include <time.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace influxctl::fake_vault {

std::optional<std::string> KvEngine::AddMount(std::string_view spec) {
  std::size_t equals = spec.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return "a mount is PATH=1, PATH=2 or PATH=2:cas_required, not \"" + std::string(spec) + "\"";
  }
  KvMount mount;
  mount.path = std::string(spec.substr(0, equals));
  while (!mount.path.empty() && mount.path.back() == '/') {
    mount.path.pop_back();
  }
  std::string_view kind = spec.substr(equals + 1);
  if (kind == "1" || kind == "2") {
    mount.version = kind == "1" ? 1 : 2;
  } else if (kind == "2:cas_required") {
    mount.version = 2;
    mount.cas_required = true;
  } else {
    return "mount " + mount.path + ": the kind is 1, 2 or 2:cas_required, not \"" +
           std::string(kind) + "\"";
  }
  mount.accessor = "kv_" + std::to_string(0x5eed0000 + mounts_.size());
  std::string path = mount.path;
  mounts_[path] = std::move(mount);
  return std::nullopt;
}

KvMount* KvEngine::Find(const std::string& full_path, std::string* rest) {
  KvMount* best = nullptr;
  for (auto& [path, mount] : mounts_) {
    bool inside = full_path == path || full_path.rfind(path + "/", 0) == 0;
    if (inside && (best == nullptr || path.size() > best->path.size())) {
      best = &mount;
    }
  }
  if (best != nullptr && rest != nullptr) {
    *rest = full_path.size() > best->path.size() ? full_path.substr(best->path.size() + 1) : "";
  }
  return best;
}

KvWrite KvEngine::WriteV2(KvMount& mount,
                          const std::string& key,
                          Poco::JSON::Object::Ptr data,
                          std::optional<std::int64_t> cas) {
  KvWrite outcome;
  auto found = mount.secrets.find(key);
  const std::int64_t current = found == mount.secrets.end() ? 0 : found->second.current_version;
  const bool required =
      mount.cas_required || (found != mount.secrets.end() && found->second.cas_required);
  if (required && !cas) {
    outcome.result = KvWrite::Result::kCasRequired;
    return outcome;
  }
  if (cas && *cas != current) {
    outcome.result = KvWrite::Result::kCasMismatch;
    return outcome;
  }
  KvSecret& secret = mount.secrets[key];
  outcome.created_time = Now();
  outcome.version = current + 1;
  secret.current_version = outcome.version;
  secret.versions[outcome.version] = StoredVersion{std::move(data), outcome.created_time};
  if (secret.created_time.empty()) {
    secret.created_time = outcome.created_time;
  }
  secret.updated_time = outcome.created_time;
  return outcome;
}

std::string KvEngine::Now() {
  auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  std::time_t seconds = static_cast<std::time_t>(nanos / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<long long>(nanos % 1'000'000'000));
  return text;
}

}  // namespace influxctl::fake_vault
