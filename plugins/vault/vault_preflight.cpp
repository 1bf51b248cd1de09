// SPDX-License-Identifier: Apache-2.0
//
// The vault output's preflight (see vault_output.hpp): everything Vault can
// tell about the coming write, asked with reads only. A check Vault will not
// answer for this token (it may not look up the mount, say) is skipped with a
// debug line rather than failing a write that would work; what Vault does
// answer must allow the write. All steps share one deadline.

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "secret_body.hpp"
#include "vault_answers.hpp"
#include "vault_output.hpp"

namespace influxctl::vault {
namespace {

bool Has(const std::vector<std::string>& capabilities, std::string_view wanted) {
  return std::find(capabilities.begin(), capabilities.end(), wanted) != capabilities.end();
}

std::string Listed(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return "[" + text + "]";
}

std::vector<std::string> Strings(const Poco::JSON::Array::Ptr& array) {
  std::vector<std::string> items;
  for (std::size_t i = 0; !array.isNull() && i < array->size(); ++i) {
    Poco::Dynamic::Var item = array->get(static_cast<unsigned>(i));
    if (item.isString()) {
      items.push_back(item.extract<std::string>());
    }
  }
  return items;
}

// capabilities-self puts each path's list at the top level and, on newer
// Vaults, under "data" too.
std::optional<std::vector<std::string>> CapabilitiesOf(const Poco::JSON::Object::Ptr& reply,
                                                       const std::string& path) {
  for (Poco::JSON::Object::Ptr scope :
       {reply, reply->isObject("data") ? reply->getObject("data") : nullptr}) {
    if (!scope.isNull() && scope->isArray(path)) {
      return Strings(scope->getArray(path));
    }
  }
  return std::nullopt;
}

std::string VersionText(std::int64_t version) {
  return version == 0 ? "does not exist yet" : "is at version " + std::to_string(version);
}

}  // namespace

Status VaultOutput::Preflight() {
  // The Vault token, read now, so a missing one costs nothing.
  Result<VaultToken> token = ReadVaultToken(options_.token_file);
  if (!token.ok()) {
    return Error::Output(options_.Where() + ": " + token.error().message());
  }
  vault_token_ = std::move(token).value();
  const net::Deadline deadline = net::Deadline::After(options_.timeout);

  // Vault answers, and the token is valid.
  if (Status known = CheckVaultToken(deadline); !known.ok()) {
    return known;
  }

  // The mount is a KV engine of the version the profile says.
  if (Status mount = CheckMount(deadline); !mount.ok()) {
    return mount;
  }

  // What the token may do on the secret's paths, and what the secret is now.
  Result<Capabilities> capabilities = ReadCapabilities(deadline);
  if (!capabilities.ok()) {
    return capabilities.error();
  }
  Result<SecretState> state = ReadSecretState(capabilities.value(), deadline);
  if (!state.ok()) {
    return state.error();
  }

  // The write will be accepted: check-and-set holds, and the policy allows it.
  if (Status cas = CheckCheckAndSet(state.value()); !cas.ok()) {
    return cas;
  }
  if (Status allowed = CheckWriteCapability(capabilities.value(), state.value()); !allowed.ok()) {
    return allowed;
  }
  log_.Debug("preflight passed: " + Target() + ", Vault token from " + vault_token_->source);
  return Status::Ok();
}

Status VaultOutput::CheckVaultToken(const net::Deadline& deadline) {
  VaultRequest request = VaultRequest::Get("/v1/auth/token/lookup-self");
  const std::string doing = "checking the Vault token from " + vault_token_->source;
  Result<net::HttpResponse> sent = Exchange(request, deadline, doing);
  if (!sent.ok()) {
    return sent.error();
  }
  net::HttpResponse& answer = sent.value();
  Status verdict = Status::Ok();
  if (answer.status == 200) {
    // Worth a debug line: which policies, and how long the token lives.
    Poco::JSON::Object::Ptr reply = ParseJsonObject(answer.body);
    if (!reply.isNull() && reply->isObject("data") && log_.Enabled(LogLevel::kDebug)) {
      Poco::JSON::Object::Ptr data = reply->getObject("data");
      std::string ttl = data->has("ttl") ? data->get("ttl").toString() : "?";
      log_.Debug("Vault token from " + vault_token_->source + " accepted: policies " +
                 Listed(Strings(data->getArray("policies"))) + ", ttl " +
                 (ttl == "0" ? std::string("none") : ttl + "s"));
    }
  } else if (answer.status == 403 || answer.status == 401) {
    verdict = Error::Output(
        options_.Where() + ": Vault refused the token from " + vault_token_->source + " (" +
        DescribeAnswer(answer, {&vault_token_->value}) +
        "); it may have expired or been revoked, or belong to another Vault or namespace: log "
        "in again (vault login) and export VAULT_TOKEN, or renew the token in token_file");
  } else {
    verdict = Failed(answer, doing, request);
  }
  // The lookup's answer carries the token itself.
  std::fill(answer.body.begin(), answer.body.end(), '\0');
  return verdict;
}

Status VaultOutput::CheckMount(const net::Deadline& deadline) {
  VaultRequest request = VaultRequest::Get(options_.paths.MountInfoTarget());
  Result<net::HttpResponse> sent = Exchange(request, deadline, "looking up the mount");
  if (!sent.ok()) {
    return sent.error();
  }
  const net::HttpResponse& answer = sent.value();
  Poco::JSON::Object::Ptr reply = ParseJsonObject(answer.body);
  if (answer.status != 200 || reply.isNull() || !reply->isObject("data")) {
    log_.Debug("the mount of " + options_.paths.WritePath() + " could not be looked up (" +
               DescribeAnswer(answer, {&vault_token_->value}) +
               "); its engine and KV version are not checked");
    return Status::Ok();
  }
  Poco::JSON::Object::Ptr data = reply->getObject("data");
  const std::string type = data->optValue<std::string>("type", "");
  std::string mounted_at = data->optValue<std::string>("path", "");
  while (!mounted_at.empty() && mounted_at.back() == '/') {
    mounted_at.pop_back();
  }
  int version = 1;
  if (data->isObject("options") && data->getObject("options")->has("version")) {
    version = data->getObject("options")->get("version").toString() == "2" ? 2 : 1;
  }

  const std::string where = options_.Where() + ": ";
  if (!mounted_at.empty() && mounted_at != options_.paths.mount()) {
    return Error::Output(where + "the secrets engine serving " + options_.paths.mount() + "/" +
                         options_.paths.path() + " is mounted at \"" + mounted_at +
                         "\", not at \"" + options_.paths.mount() + "\"; set mount = \"" +
                         mounted_at + "\" and path to the rest");
  }
  if (type != "kv" && type != "generic") {
    return Error::Output(where + "the mount " + options_.paths.mount() + " is a \"" + type +
                         "\" secrets engine, not a KV one; point mount at a KV secrets engine");
  }
  if (version != options_.paths.kv_version()) {
    return Error::Output(where + "the mount " + options_.paths.mount() + " is KV version " +
                         std::to_string(version) +
                         ", but kv_version = " + std::to_string(options_.paths.kv_version()) +
                         "; set kv_version = " + std::to_string(version) +
                         " in this [[profile.output]]");
  }
  return Status::Ok();
}

Result<VaultOutput::Capabilities> VaultOutput::ReadCapabilities(const net::Deadline& deadline) {
  const std::string write_path = options_.paths.WritePath();
  const std::string metadata_path = options_.paths.MetadataPath();
  const bool v2 = options_.paths.kv_version() == 2;
  VaultRequest request =
      VaultRequest::Post("/v1/sys/capabilities-self",
                         "{\"paths\":[" + JsonString(write_path) +
                             (v2 ? "," + JsonString(metadata_path) : std::string()) + "]}");
  Result<net::HttpResponse> sent = Exchange(request, deadline, "checking the token's capabilities");
  if (!sent.ok()) {
    return sent.error();
  }
  const net::HttpResponse& answer = sent.value();
  Capabilities capabilities;
  Poco::JSON::Object::Ptr reply = ParseJsonObject(answer.body);
  if (answer.status == 200 && !reply.isNull()) {
    std::optional<std::vector<std::string>> write = CapabilitiesOf(reply, write_path);
    std::optional<std::vector<std::string>> metadata = CapabilitiesOf(reply, metadata_path);
    if (write) {
      capabilities.known = true;
      capabilities.write = *write;
      capabilities.metadata = metadata.value_or(std::vector<std::string>());
      log_.Debug("Vault token capabilities: " + write_path + " " + Listed(*write) +
                 (v2 ? ", " + metadata_path + " " + Listed(capabilities.metadata) : ""));
      return capabilities;
    }
  }
  if (answer.status >= 500) {
    return Failed(answer, "checking the token's capabilities", request);
  }
  log_.Debug("the token's capabilities could not be read (" +
             DescribeAnswer(answer, {&vault_token_->value}) +
             "); whether it may write is found out at delivery");
  return capabilities;
}

Result<VaultOutput::SecretState> VaultOutput::ReadSecretState(const Capabilities& capabilities,
                                                              const net::Deadline& deadline) {
  SecretState state;
  if (options_.paths.kv_version() != 2) {
    return state;
  }
  const bool may_read = !capabilities.known || Has(capabilities.metadata, "read") ||
                        Has(capabilities.metadata, "root");
  if (!may_read) {
    if (options_.cas) {
      log_.Warning("the Vault token may not read " + options_.paths.MetadataPath() +
                   ", so cas = " + std::to_string(*options_.cas) +
                   " cannot be checked before the token is created; a conflict will cost a "
                   "revoke. Grant \"read\" on that path to check it in advance");
    }
    return state;
  }

  VaultRequest request = VaultRequest::Get(options_.paths.MetadataTarget());
  const std::string doing = "reading the secret's metadata";
  Result<net::HttpResponse> sent = Exchange(request, deadline, doing);
  if (!sent.ok()) {
    return sent.error();
  }
  const net::HttpResponse& answer = sent.value();
  Poco::JSON::Object::Ptr reply = ParseJsonObject(answer.body);
  if (answer.status == 404) {
    state.known = true;  // no metadata: the secret was never written
  } else if (answer.status == 200 && !reply.isNull() && reply->isObject("data")) {
    Poco::JSON::Object::Ptr data = reply->getObject("data");
    state.known = true;
    state.current_version = data->optValue<std::int64_t>("current_version", 0);
    state.cas_required = data->optValue<bool>("cas_required", false);
  } else if (answer.status >= 500) {
    return Failed(answer, doing, request);
  } else {
    log_.Debug("the secret's metadata could not be read (" +
               DescribeAnswer(answer, {&vault_token_->value}) +
               "); check-and-set is checked "
               "at delivery only");
  }
  if (state.known) {
    log_.Debug("the secret " + options_.paths.WritePath() + " " +
               VersionText(state.current_version));
  }
  return state;
}

Status VaultOutput::CheckCheckAndSet(const SecretState& state) const {
  if (!state.known) {
    return Status::Ok();
  }
  const std::string where = options_.Where() + ": ";
  if (options_.cas && *options_.cas != state.current_version) {
    std::string expected = *options_.cas == 0
                               ? "cas = 0 allows the write only while the secret does not exist"
                               : "cas = " + std::to_string(*options_.cas) +
                                     " allows the write only while the secret is at version " +
                                     std::to_string(*options_.cas);
    std::string fix = state.current_version == 0
                          ? "set cas = 0 to write it only while it does not exist"
                          : "set cas = " + std::to_string(state.current_version) +
                                " to replace version " + std::to_string(state.current_version);
    return Error::Output(where + "check-and-set would fail: " + expected + ", and it " +
                         VersionText(state.current_version) + "; " + fix +
                         ", or drop cas to write a new version regardless");
  }
  if (state.cas_required && !options_.cas) {
    return Error::Output(where +
                         "the secret requires check-and-set (cas_required), and this "
                         "output sets no cas; set cas = " +
                         std::to_string(state.current_version) + " in this [[profile.output]]");
  }
  return Status::Ok();
}

Status VaultOutput::CheckWriteCapability(const Capabilities& capabilities,
                                         const SecretState& state) const {
  if (!capabilities.known) {
    return Status::Ok();
  }
  const std::vector<std::string>& granted = capabilities.write;
  if (Has(granted, "root")) {
    return Status::Ok();
  }
  // Vault asks for "create" when the secret does not exist and "update" when it does.
  const bool exists = state.known && state.current_version > 0;
  const bool absent = state.known && state.current_version == 0;
  bool allowed =
      !Has(granted, "deny") && (exists   ? Has(granted, "update")
                                : absent ? Has(granted, "create")
                                         : Has(granted, "create") || Has(granted, "update"));
  if (allowed) {
    return Status::Ok();
  }
  std::string needed = exists ? "\"update\" (the secret exists)"
                       : absent
                           ? "\"create\" (the secret does not exist yet)"
                           : "\"create\" (for a new secret) or \"update\" (for an existing one)";
  return Error::Output(
      options_.Where() + ": the Vault token from " + vault_token_->source + " may not write " +
      options_.paths.WritePath() + ": its capabilities there are " + Listed(granted) +
      " (sys/capabilities-self), and the write needs " + needed +
      "; grant it in the token's policy, e.g. path \"" + options_.paths.WritePath() +
      "\" { capabilities = [\"create\", "
      "\"update\"] }");
}

}  // namespace influxctl::vault
