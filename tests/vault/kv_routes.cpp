// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's KV routes (see fake_vault.hpp): version 1 reads and
// writes, and version 2 data (with check-and-set), metadata and config. As
// in Vault, the ACL check comes first, and a write needs "create" when the
// key does not exist yet and "update" when it does.

#include <Poco/Exception.h>

#include "fake_vault.hpp"
#include "vault_replies.hpp"

namespace influxctl::fake_vault {

using Poco::JSON::Object;

namespace {

Object::Ptr VersionMetadata(std::int64_t version, const std::string& created_time) {
  Object::Ptr metadata = new Object;
  metadata->set("created_time", created_time);
  metadata->set("custom_metadata", Poco::Dynamic::Var());
  metadata->set("deletion_time", "");
  metadata->set("destroyed", false);
  metadata->set("version", version);
  return metadata;
}

}  // namespace

ApiReply FakeVault::Kv(const ApiCall& call, const std::string& full_path) {
  std::string rest;
  KvMount* mount = kv_.Find(full_path, &rest);
  if (mount == nullptr) {
    return NoRoute(full_path);
  }
  return mount->version == 2 ? KvV2(call, *mount, rest, full_path)
                             : KvV1(call, *mount, rest, full_path);
}

ApiReply FakeVault::KvV1(const ApiCall& call,
                         KvMount& mount,
                         const std::string& key,
                         const std::string& full) {
  if (key.empty()) {
    return NoRoute(full);
  }
  auto found = mount.v1_values.find(key);
  if (call.method == "GET") {
    if (!policy_.Allows(call.token, full, "read")) {
      return Denied();
    }
    if (found == mount.v1_values.end()) {
      return NotFound();
    }
    return Envelope(found->second, 2764800);
  }
  if (!IsWrite(call.method)) {
    return Errors(405, {"unsupported operation"});
  }
  const bool exists = found != mount.v1_values.end();
  if (!policy_.Allows(call.token, full, exists ? "update" : "create")) {
    return Denied();
  }
  Object::Ptr values = ParseObject(call.body);
  if (values.isNull()) {
    return Errors(400, {"failed to parse JSON input"});
  }
  if (values->size() == 0) {
    return Errors(400, {"missing data fields"});
  }
  mount.v1_values[key] = values;
  return ApiReply{204, ""};
}

ApiReply FakeVault::KvV2(const ApiCall& call,
                         KvMount& mount,
                         const std::string& rest,
                         const std::string& full) {
  const bool data_path = rest.rfind("data/", 0) == 0;
  const bool metadata_path = rest.rfind("metadata/", 0) == 0;
  if (rest == "config" && call.method == "GET") {
    if (!policy_.Allows(call.token, full, "read")) {
      return Denied();
    }
    Object::Ptr data = new Object;
    data->set("cas_required", mount.cas_required);
    data->set("delete_version_after", "0s");
    data->set("max_versions", 0);
    return Envelope(data);
  }
  if (!data_path && !metadata_path) {
    return Errors(404, {"invalid path for a versioned K/V secrets engine; use the data/ and "
                        "metadata/ endpoints"});
  }
  const std::string key = rest.substr(data_path ? 5 : 9);
  if (key.empty()) {
    return NoRoute(full);
  }
  auto found = mount.secrets.find(key);
  const bool exists = found != mount.secrets.end();

  // Reads.
  if (call.method == "GET") {
    if (!policy_.Allows(call.token, full, "read")) {
      return Denied();
    }
    if (!exists) {
      return NotFound();
    }
    const KvSecret& secret = found->second;
    if (metadata_path) {
      Object::Ptr data = new Object;
      Object::Ptr versions = new Object;
      for (const auto& [number, version] : secret.versions) {
        Object::Ptr entry = new Object;
        entry->set("created_time", version.created_time);
        entry->set("deletion_time", "");
        entry->set("destroyed", false);
        versions->set(std::to_string(number), entry);
      }
      data->set("cas_required", secret.cas_required);
      data->set("created_time", secret.created_time);
      data->set("current_version", secret.current_version);
      data->set("custom_metadata", Poco::Dynamic::Var());
      data->set("delete_version_after", "0s");
      data->set("max_versions", 0);
      data->set("oldest_version", secret.versions.empty() ? 0 : secret.versions.begin()->first);
      data->set("updated_time", secret.updated_time);
      data->set("versions", versions);
      return Envelope(data);
    }
    std::int64_t wanted = QueryNumber(call.query, "version").value_or(0);
    auto version = secret.versions.find(wanted == 0 ? secret.current_version : wanted);
    if (version == secret.versions.end()) {
      return NotFound();
    }
    Object::Ptr data = new Object;
    data->set("data", version->second.data);
    data->set("metadata", VersionMetadata(version->first, version->second.created_time));
    return Envelope(data);
  }
  if (!IsWrite(call.method)) {
    return Errors(405, {"unsupported operation"});
  }

  // Writes: metadata (cas_required), or a new version of the data.
  const bool has_versions = exists && found->second.current_version > 0;
  const bool existing = metadata_path ? exists : has_versions;
  if (!policy_.Allows(call.token, full, existing ? "update" : "create")) {
    return Denied();
  }
  Object::Ptr request = ParseObject(call.body);
  if (request.isNull()) {
    return Errors(400, {"failed to parse JSON input"});
  }
  if (metadata_path) {
    KvSecret& secret = mount.secrets[key];
    secret.cas_required = request->optValue<bool>("cas_required", secret.cas_required);
    if (secret.created_time.empty()) {
      secret.created_time = secret.updated_time = KvEngine::Now();
    }
    return ApiReply{204, ""};
  }
  if (!request->isObject("data")) {
    return Errors(400, {"no data provided"});
  }
  std::optional<std::int64_t> cas;
  if (request->isObject("options") && request->getObject("options")->has("cas")) {
    try {
      cas = request->getObject("options")->getValue<std::int64_t>("cas");
    } catch (const Poco::Exception&) {
      return Errors(400, {"error parsing cas value"});
    }
  }
  KvWrite written = kv_.WriteV2(mount, key, request->getObject("data"), cas);
  switch (written.result) {
    case KvWrite::Result::kCasMismatch:
      return Errors(400, {"check-and-set parameter did not match the current version"});
    case KvWrite::Result::kCasRequired:
      return Errors(400, {"check-and-set parameter required for this call"});
    case KvWrite::Result::kWritten:
      break;
  }
  return Envelope(VersionMetadata(written.version, written.created_time));
}

}  // namespace influxctl::fake_vault
