// SPDX-License-Identifier: Apache-2.0
//
// Plugin settings: the schema a plugin declares (SettingSpec) and the checked
// values the engine hands it (Settings). The engine validates a profile's
// plugin table against the schema and fills in defaults before the plugin
// sees it, so a plugin reads required and defaulted keys without checking.
// Settings is an immutable value once built.

#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace influxctl {

enum class SettingType {
  kString,
  kInteger,
  kBoolean,
  kDuration,    // written as a Go duration string: "250ms", "1m0s"
  kPath,        // a string; relative paths are resolved against the config file's folder
  kStringList,  // an array of strings
};

std::string_view SettingTypeName(SettingType type);

// One key of a plugin's schema. All members are views of static storage in
// the plugin, so a descriptor can be a constant.
struct SettingSpec {
  std::string_view key;
  SettingType type;
  bool required = false;
  // The default as it would be written in TOML, without quotes for strings:
  // "0", "false", "250ms", "create". Empty: no default.
  std::string_view default_value;
  std::string_view help;
};

using SettingValue = std::
    variant<std::string, std::int64_t, bool, std::chrono::milliseconds, std::vector<std::string>>;

class Settings {
 public:
  Settings() = default;

  void Set(std::string key, SettingValue value) { values_[std::move(key)] = std::move(value); }
  bool Has(std::string_view key) const { return values_.find(key) != values_.end(); }

  // Unset keys (optional, without default) read as nullopt. Paths read as String.
  std::optional<std::string> String(std::string_view key) const { return Get<std::string>(key); }
  std::optional<std::int64_t> Integer(std::string_view key) const { return Get<std::int64_t>(key); }
  std::optional<bool> Boolean(std::string_view key) const { return Get<bool>(key); }
  std::optional<std::chrono::milliseconds> Duration(std::string_view key) const {
    return Get<std::chrono::milliseconds>(key);
  }
  std::optional<std::vector<std::string>> StringList(std::string_view key) const {
    return Get<std::vector<std::string>>(key);
  }

  const std::map<std::string, SettingValue, std::less<>>& values() const { return values_; }

 private:
  template <typename T>
  std::optional<T> Get(std::string_view key) const {
    auto it = values_.find(key);
    if (it == values_.end()) {
      return std::nullopt;
    }
    const T* value = std::get_if<T>(&it->second);
    return value != nullptr ? std::optional<T>(*value) : std::nullopt;
  }

  std::map<std::string, SettingValue, std::less<>> values_;
};

}  // namespace influxctl
