// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's API (see fake_vault.hpp): the lock, the request log,
// the admin calls, and routing as Vault routes: health, the token's own
// lookup and capabilities, the mount lookup, then the KV mount the
// (namespaced) path lies in (kv_routes.cpp).

#include "fake_vault.hpp"

#include <Poco/JSON/Array.h>

#include <ctime>
#include <sstream>

#include "vault_replies.hpp"

namespace influxctl::fake_vault {

using Poco::JSON::Array;
using Poco::JSON::Object;

ApiReply ErrorReply(int status, const std::string& reason) {
  return Errors(status, {reason});
}

FakeVault::FakeVault(AccessPolicy policy, KvEngine kv, FaultRules faults, bool sealed)
    : policy_(std::move(policy)), kv_(std::move(kv)), faults_(std::move(faults)), sealed_(sealed) {}

FaultDecision FakeVault::FaultFor(const ApiCall& call) {
  std::lock_guard lock(mutex_);
  return faults_.Next(call.method, call.path);
}

void FakeVault::Record(const ApiCall& call, int status, const std::string& fault) {
  std::lock_guard lock(mutex_);
  Object::Ptr entry = new Object;
  entry->set("seq", static_cast<int>(requests_.size()) + 1);
  entry->set("method", call.method);
  entry->set("path", call.path);
  entry->set("namespace", call.vault_namespace);
  entry->set("token_present", !call.token.empty());
  entry->set("status", status);
  entry->set("fault", fault);
  requests_.push_back(Json(entry));
}

void FakeVault::WriteAsAnotherClient(const ApiCall& call) {
  std::lock_guard lock(mutex_);
  std::string rest;
  KvMount* mount = kv_.Find(Prefixed(call.vault_namespace, call.path.substr(4)), &rest);
  if (mount != nullptr && mount->version == 2 && rest.rfind("data/", 0) == 0) {
    Object::Ptr data = new Object;
    data->set("written_by", "another client");
    kv_.WriteV2(*mount, rest.substr(5), data, std::nullopt);
  }
}

ApiReply FakeVault::Admin(const std::string& method,
                          const std::string& path,
                          const std::string& body) {
  std::lock_guard lock(mutex_);
  if (path == "/_fake/requests" && method == "GET") {
    std::string list;
    for (const std::string& entry : requests_) {
      list += (list.empty() ? "" : ",") + entry;
    }
    return ApiReply{200, "{\"requests\":[" + list + "]}"};
  }
  if (path == "/_fake/faults" && method == "DELETE") {
    faults_.Clear();
    return ApiReply{204, ""};
  }
  if (path == "/_fake/faults" && method == "POST") {
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty()) {
        continue;
      }
      if (std::optional<std::string> problem = faults_.Add(line)) {
        return Errors(400, {*problem});
      }
    }
    return ApiReply{204, ""};
  }
  return NoRoute(path);
}

ApiReply FakeVault::Serve(const ApiCall& call) {
  std::lock_guard lock(mutex_);
  const std::string path = call.path.substr(4);  // after "/v1/"
  if (path == "sys/health") {
    return Health();
  }
  if (sealed_) {
    return Errors(503, {"Vault is sealed"});
  }
  if (call.token.empty() || !policy_.KnowsToken(call.token)) {
    return BadToken();
  }
  if (path == "auth/token/lookup-self" && (call.method == "GET" || call.method == "POST")) {
    return LookupSelf(call);
  }
  if (path == "sys/capabilities-self" && IsWrite(call.method)) {
    return CapabilitiesSelf(call);
  }
  const std::string mounts_prefix = "sys/internal/ui/mounts/";
  if (path.rfind(mounts_prefix, 0) == 0 && call.method == "GET") {
    return MountInfo(call, path.substr(mounts_prefix.size()));
  }
  if (path.rfind("sys/", 0) == 0 || path.rfind("auth/", 0) == 0) {
    return NoRoute(path);
  }
  return Kv(call, Prefixed(call.vault_namespace, path));
}

ApiReply FakeVault::Health() const {
  Object::Ptr body = new Object;
  body->set("initialized", true);
  body->set("sealed", sealed_);
  body->set("standby", false);
  body->set("performance_standby", false);
  body->set("replication_performance_mode", "disabled");
  body->set("replication_dr_mode", "disabled");
  body->set("server_time_utc", static_cast<Poco::Int64>(std::time(nullptr)));
  body->set("version", "1.15.0+fake");
  body->set("cluster_name", "influxctl-fake-vault");
  return ApiReply{sealed_ ? 503 : 200, Json(body)};
}

ApiReply FakeVault::LookupSelf(const ApiCall& call) const {
  Object::Ptr data = new Object;
  Array::Ptr policies = new Array;
  for (const std::string& name : policy_.PoliciesOf(call.token)) {
    policies->add(name);
  }
  data->set("accessor", "accessor-of-" + std::to_string(std::hash<std::string>()(call.token)));
  data->set("creation_time", static_cast<Poco::Int64>(std::time(nullptr)));
  data->set("creation_ttl", 0);
  data->set("display_name", "token");
  data->set("entity_id", "");
  data->set("expire_time", Poco::Dynamic::Var());
  data->set("explicit_max_ttl", 0);
  data->set("id", call.token);
  data->set("meta", Poco::Dynamic::Var());
  data->set("num_uses", 0);
  data->set("orphan", true);
  data->set("path", "auth/token/create");
  data->set("policies", policies);
  data->set("renewable", false);
  data->set("ttl", 0);
  data->set("type", "service");
  return Envelope(data);
}

ApiReply FakeVault::CapabilitiesSelf(const ApiCall& call) const {
  Object::Ptr request = ParseObject(call.body);
  if (request.isNull()) {
    return Errors(400, {"failed to parse JSON input"});
  }
  std::vector<std::string> paths;
  if (request->isArray("paths")) {
    Array::Ptr list = request->getArray("paths");
    for (std::size_t i = 0; i < list->size(); ++i) {
      paths.push_back(list->get(static_cast<unsigned>(i)).toString());
    }
  } else if (request->has("path")) {
    paths.push_back(request->get("path").toString());
  }
  if (paths.empty()) {
    return Errors(400, {"missing paths"});
  }

  // Each path's list at the top level and under "data", as Vault answers.
  Object::Ptr body = new Object;
  Object::Ptr data = new Object;
  for (const std::string& path : paths) {
    Array::Ptr granted = new Array;
    for (const std::string& capability :
         policy_.Capabilities(call.token, Prefixed(call.vault_namespace, path))) {
      granted->add(capability);
    }
    body->set(path, granted);
    data->set(path, granted);
    if (paths.size() == 1) {
      body->set("capabilities", granted);
      data->set("capabilities", granted);
    }
  }
  body->set("data", data);
  return ApiReply{200, Json(body)};
}

ApiReply FakeVault::MountInfo(const ApiCall& call, const std::string& path) {
  const std::string full = Prefixed(call.vault_namespace, path);
  KvMount* mount = kv_.Find(full, nullptr);
  if (mount == nullptr) {
    return Errors(400, {"no mount found for path \"" + path + "\""});
  }
  if (!policy_.MaySeeAnythingUnder(call.token, mount->path + "/")) {
    return Denied();
  }
  Object::Ptr data = new Object;
  Object::Ptr options = new Object;
  options->set("version", std::to_string(mount->version));
  std::string relative = mount->path;
  if (!call.vault_namespace.empty()) {
    relative = relative.substr(call.vault_namespace.size() + 1);
  }
  data->set("accessor", mount->accessor);
  data->set("config", Object::Ptr(new Object));
  data->set("description", "");
  data->set("external_entropy_access", false);
  data->set("local", false);
  data->set("options", options);
  data->set("path", relative + "/");
  data->set("seal_wrap", false);
  data->set("type", "kv");
  return Envelope(data);
}

}  // namespace influxctl::fake_vault
