// SPDX-License-Identifier: Apache-2.0
//
// The profile schema: which keys an influxctl config file and its [[profile]]
// tables may hold, what each means, and how they become a Profile. Every
// [[profile]] in the file is checked, not only the one asked for, so a typo
// anywhere is reported the first time the file is used. The strict reading
// itself (positions, unknown keys, types) is toml_reader.hpp's.

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <influxctl/profile.hpp>

#include "toml_reader.hpp"

namespace influxctl {
namespace {

constexpr std::string_view kProfileKeys[] = {
    "name",       "product", "host", "port",      "account_id", "cluster_id", "database",  "token",
    "mgmt_token", "tls",     "auth", "transport", "output",     "defaults",   "show_token"};
constexpr std::string_view kTopLevelKeys[] = {"profile", "plugin_paths"};
constexpr std::string_view kTlsKeys[] = {"disable", "insecure", "ca", "cert", "key"};
constexpr std::string_view kAuthKeys[] = {"oauth2", "token"};
constexpr std::string_view kOauth2Keys[] = {"client_id", "scopes", "parameters", "device_url",
                                            "token_url"};
constexpr std::string_view kAuthTokenKeys[] = {"token_file"};
constexpr std::string_view kDefaultsKeys[] = {"description", "expires_at", "expires_in", "format"};
constexpr std::string_view kProducts[] = {"clustered", "dedicated"};

// The profile schema read from one parsed file. Holds the file's reader,
// which knows its name for messages and its folder for relative paths.
class ProfileReader {
 public:
  explicit ProfileReader(TomlReader reader) : toml_(std::move(reader)) {}

  // A [profile.transport] or [[profile.output]] table: `plugin` and the
  // engine's own keys are read here, the rest kept raw for the plugin's schema.
  Result<PluginConfig> ReadPluginTable(const toml::table& table,
                                       std::string_view table_name) const {
    PluginConfig config;
    config.where = toml_.Where(table);
    for (auto&& [key, node] : table) {
      std::string name(key.str());
      std::string where = toml_.Where(key.source());
      if (name == "plugin") {
        Status status = toml_.ReadString(table, "plugin", config.plugin);
        if (!status.ok()) {
          return status.error();
        }
        continue;
      }
      if (name == "required" && table_name != "[profile.transport]") {
        Status status = toml_.ReadBool(table, "required", config.required);
        if (!status.ok()) {
          return status.error();
        }
        continue;
      }
      RawSetting raw{name, std::string(), where};
      if (node.is_string()) {
        raw.value = node.as_string()->get();
      } else if (node.is_integer()) {
        raw.value = node.as_integer()->get();
      } else if (node.is_boolean()) {
        raw.value = node.as_boolean()->get();
      } else if (node.is_array()) {
        std::vector<std::string> list;
        Status status = toml_.ReadStringList(node, name, list);
        if (!status.ok()) {
          return status.error();
        }
        raw.value = std::move(list);
      } else {
        return Error::Config(where + ": setting \"" + name + "\" in " + std::string(table_name) +
                             " is " + std::string(TypeName(node.type())) +
                             "; plugin settings are strings, integers, booleans or lists of "
                             "strings");
      }
      config.settings.push_back(std::move(raw));
    }
    if (config.plugin.empty()) {
      return Error::Config(config.where + ": " + std::string(table_name) +
                           " needs a \"plugin\" key naming the plugin, such as plugin = \"mock\"; "
                           "run \"influxctl plugins list\" to see them");
    }
    return config;
  }

  Status ReadTls(const toml::table& tls, TlsConfig& out) const {
    Status status = toml_.CheckKeys(tls, kTlsKeys, "[profile.tls]");
    for (auto [key, field] : std::initializer_list<std::pair<const char*, std::string*>>{
             {"ca", &out.ca}, {"cert", &out.cert}, {"key", &out.key}}) {
      if (status.ok()) {
        status = toml_.ReadString(tls, key, *field);
        *field = toml_.ResolvePath(*field);
      }
    }
    if (status.ok()) {
      status = toml_.ReadBool(tls, "disable", out.disable);
    }
    if (status.ok()) {
      status = toml_.ReadBool(tls, "insecure", out.insecure);
    }
    return status;
  }

  Status ReadAuth(const toml::table& auth, Profile& profile) const {
    Status status = toml_.CheckKeys(auth, kAuthKeys, "[profile.auth]");
    if (!status.ok()) {
      return status;
    }
    auto oauth2 = toml_.ReadTable(auth, "oauth2", "[profile.auth.oauth2]");
    if (!oauth2.ok()) {
      return oauth2.error();
    }
    if (const toml::table* table = oauth2.value()) {
      // Accepted so existing files load; the device flow itself is not here yet.
      status = toml_.CheckKeys(*table, kOauth2Keys, "[profile.auth.oauth2]");
      std::string ignored;
      for (auto* key : {"client_id", "device_url", "token_url"}) {
        if (status.ok()) {
          status = toml_.ReadString(*table, key, ignored);
        }
      }
      if (status.ok() && table->get("scopes") != nullptr) {
        std::vector<std::string> scopes;
        status = toml_.ReadStringList(*table->get("scopes"), "scopes", scopes);
      }
      if (status.ok()) {
        auto parameters = toml_.ReadTable(*table, "parameters", "[profile.auth.oauth2.parameters]");
        status = parameters.status();
      }
      if (!status.ok()) {
        return status;
      }
      profile.has_oauth2 = true;
    }
    auto token = toml_.ReadTable(auth, "token", "[profile.auth.token]");
    if (!token.ok()) {
      return token.error();
    }
    if (const toml::table* table = token.value()) {
      status = toml_.CheckKeys(*table, kAuthTokenKeys, "[profile.auth.token]");
      if (status.ok()) {
        status = toml_.ReadString(*table, "token_file", profile.token_file);
        profile.token_file = toml_.ResolvePath(profile.token_file);
      }
    }
    return status;
  }

  Status ReadDefaults(const toml::table& defaults, CommandDefaults& out) const {
    out.where = toml_.Where(defaults);
    Status status = toml_.CheckKeys(defaults, kDefaultsKeys, "[profile.defaults]");
    if (status.ok()) {
      status = toml_.ReadOptionalString(defaults, "description", out.description);
    }
    if (status.ok()) {
      status = toml_.ReadOptionalString(defaults, "expires_at", out.expires_at);
    }
    if (status.ok()) {
      status = toml_.ReadOptionalString(defaults, "expires_in", out.expires_in);
    }
    if (status.ok()) {
      status = toml_.ReadOptionalString(defaults, "format", out.format);
    }
    if (status.ok() && out.expires_at && out.expires_in) {
      return Error::Config(out.where +
                           ": [profile.defaults] sets both expires_at and expires_in; "
                           "keep one");
    }
    return status;
  }

  Result<Profile> ReadProfile(const toml::table& table) const {
    Profile profile;
    Status status = toml_.CheckKeys(table, kProfileKeys, "[[profile]]");
    if (status.ok()) {
      status = toml_.ReadString(table, "name", profile.name);
    }
    if (status.ok() && profile.name.empty()) {
      return Error::Config(toml_.Where(table) +
                           ": a [[profile]] needs a name, such as name = \"default\"");
    }

    // The connection, as influxctl documents it.
    std::string ignored;
    std::string mgmt_token;
    // The port is a string in influxctl's files; the example says so.
    struct StringKey {
      const char* key;
      std::string* field;
      const char* example = "";
    };
    for (const StringKey& read :
         std::initializer_list<StringKey>{{"product", &profile.product},
                                          {"host", &profile.host},
                                          {"port", &profile.port, "\"443\""},
                                          {"account_id", &profile.account_id},
                                          {"cluster_id", &profile.cluster_id},
                                          {"database", &ignored},
                                          {"token", &ignored},
                                          {"mgmt_token", &mgmt_token}}) {
      if (status.ok()) {
        status = toml_.ReadString(table, read.key, *read.field, read.example);
      }
    }
    profile.mgmt_token = Secret(std::move(mgmt_token));
    if (status.ok()) {
      status = toml_.ReadBool(table, "show_token", profile.show_token);
    }
    if (status.ok()) {
      bool known = false;
      for (std::string_view product : kProducts) {
        known = known || product == profile.product;
      }
      if (!known) {
        return Error::Config(toml_.Where(*table.get("product")) + ": product \"" + profile.product +
                             "\" is not one of clustered, dedicated");
      }
    }
    if (!status.ok()) {
      return status.error();
    }

    // Nested tables: tls, auth, and this project's transport, outputs and defaults.
    auto tls = toml_.ReadTable(table, "tls", "[profile.tls]");
    if (!tls.ok()) {
      return tls.error();
    }
    if (tls.value() != nullptr) {
      status = ReadTls(*tls.value(), profile.tls);
    }
    auto auth = status.ok() ? toml_.ReadTable(table, "auth", "[profile.auth]") : status.error();
    if (!auth.ok()) {
      return auth.error();
    }
    if (auth.value() != nullptr) {
      status = ReadAuth(*auth.value(), profile);
    }
    auto defaults =
        status.ok() ? toml_.ReadTable(table, "defaults", "[profile.defaults]") : status.error();
    if (!defaults.ok()) {
      return defaults.error();
    }
    if (defaults.value() != nullptr) {
      status = ReadDefaults(*defaults.value(), profile.defaults);
    }
    auto transport =
        status.ok() ? toml_.ReadTable(table, "transport", "[profile.transport]") : status.error();
    if (!transport.ok()) {
      return transport.error();
    }
    if (transport.value() != nullptr) {
      auto config = ReadPluginTable(*transport.value(), "[profile.transport]");
      if (!config.ok()) {
        return config.error();
      }
      profile.transport = std::move(config).value();
    } else {
      profile.transport.plugin = "grpc";
      profile.transport.where = toml_.Where(table);
    }
    if (const toml::node* outputs = table.get("output")) {
      const toml::array* array = outputs->as_array();
      if (array == nullptr || !array->is_array_of_tables()) {
        return Error::Config(toml_.Where(*outputs) +
                             ": \"output\" must be written as [[profile.output]] tables");
      }
      for (const toml::node& output : *array) {
        auto config = ReadPluginTable(*output.as_table(), "[[profile.output]]");
        if (!config.ok()) {
          return config.error();
        }
        profile.outputs.push_back(std::move(config).value());
      }
    }
    if (!status.ok()) {
      return status.error();
    }
    return profile;
  }

  // Checks the whole file and returns the profile called `name`.
  Result<Profile> ReadFile(const toml::table& root, std::string_view name) const {
    Status status = toml_.CheckKeys(root, kTopLevelKeys, "the top level");
    if (!status.ok()) {
      return status.error();
    }
    std::vector<std::string> plugin_paths;
    if (const toml::node* paths = root.get("plugin_paths")) {
      status = toml_.ReadStringList(*paths, "plugin_paths", plugin_paths);
      if (!status.ok()) {
        return status.error();
      }
    }

    const toml::node* profiles = root.get("profile");
    const toml::array* array = profiles != nullptr ? profiles->as_array() : nullptr;
    if (profiles != nullptr && (array == nullptr || !array->is_array_of_tables())) {
      return Error::Config(toml_.Where(*profiles) +
                           ": profiles must be written as [[profile]] tables (two brackets)");
    }

    std::optional<Profile> chosen;
    std::map<std::string, std::string> seen;  // name -> where
    std::string names;
    for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
      const toml::table& table = *array->get(i)->as_table();
      auto profile = ReadProfile(table);
      if (!profile.ok()) {
        return profile.error();
      }
      const std::string& profile_name = profile.value().name;
      auto [it, inserted] = seen.emplace(profile_name, toml_.Where(table));
      if (!inserted) {
        return Error::Config(toml_.Where(*table.get("name")) + ": duplicate profile name \"" +
                             profile_name + "\" (first defined at " + it->second +
                             "); give each [[profile]] a unique name");
      }
      names += (names.empty() ? "\"" : ", \"") + profile_name + "\"";
      if (profile_name == name) {
        chosen = std::move(profile).value();
      }
    }
    if (!chosen) {
      std::string has = names.empty() ? "it has no [[profile]] tables" : "it has " + names;
      return Error::Config("profile \"" + std::string(name) + "\" not found in " +
                           toml_.source_name() + "; " + has +
                           ". Pick one with --profile or INFLUXCTL_PROFILE");
    }
    for (const std::string& path : plugin_paths) {
      chosen->plugin_paths.emplace_back(toml_.ResolvePath(path));
    }
    return std::move(*chosen);
  }

 private:
  TomlReader toml_;
};

Result<Profile> Parse(std::string_view text,
                      std::string_view source_name,
                      const std::filesystem::path& base_dir,
                      std::string_view name) {
  TomlReader reader{std::string(source_name), base_dir};
  Result<toml::table> root = reader.Parse(text);
  if (!root.ok()) {
    return root.error();
  }
  return ProfileReader(std::move(reader)).ReadFile(root.value(), name);
}

}  // namespace

std::filesystem::path DefaultConfigPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "influxctl" / "config.toml";
  }
  // Without HOME, the account's home from the password database; never a
  // path relative to wherever the command happens to run.
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    const passwd* account = getpwuid(getuid());
    home = account != nullptr ? account->pw_dir : nullptr;
  }
  if (home == nullptr || *home == '\0') {
    return {};
  }
  return std::filesystem::path(home) / ".config" / "influxctl" / "config.toml";
}

Result<Profile> LoadProfile(const std::filesystem::path& file, std::string_view name) {
  if (file.empty()) {
    return Error::Config(
        "no config file: HOME is not set and no home folder is known; pass "
        "--config PATH or set XDG_CONFIG_HOME");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    bool exists = std::filesystem::exists(file, ec);
    return Error::Config("cannot read config file " + file.string() +
                         (exists ? ": permission denied or not a regular file" : ": no such file") +
                         "; pass --config PATH, or see configs/demo.toml for an example");
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(file, ec);
  auto profile = Parse(text.str(), file.string(), absolute.parent_path(), name);
  if (profile.ok()) {
    profile.value().source = absolute;
  }
  return profile;
}

Result<Profile> ParseProfile(std::string_view toml,
                             std::string_view source_name,
                             std::string_view name) {
  std::error_code ec;
  return Parse(toml, source_name, std::filesystem::current_path(ec), name);
}

}  // namespace influxctl
