// SPDX-License-Identifier: Apache-2.0
//
// Validation of plugin settings against their schema (see settings_schema.hpp).

#include <charconv>
#include <vector>

#include <influxctl/settings.hpp>
#include <influxctl/time.hpp>

#include "nearest_name.hpp"
#include "settings_schema.hpp"

namespace influxctl {

std::string_view SettingTypeName(SettingType type) {
  switch (type) {
    case SettingType::kString:
      return "string";
    case SettingType::kInteger:
      return "integer";
    case SettingType::kBoolean:
      return "boolean";
    case SettingType::kDuration:
      return "duration";
    case SettingType::kPath:
      return "path";
    case SettingType::kStringList:
      return "list of strings";
  }
  return "unknown";
}

namespace {

std::string_view ValueTypeName(const SettingValue& value) {
  switch (value.index()) {
    case 0:
      return "a string";
    case 1:
      return "an integer";
    case 2:
      return "a boolean";
    case 3:
      return "a duration";
    default:
      return "a list";
  }
}

std::string Expected(const SettingSpec& spec) {
  switch (spec.type) {
    case SettingType::kString:
      return "a string";
    case SettingType::kInteger:
      return "an integer";
    case SettingType::kBoolean:
      return "true or false";
    case SettingType::kDuration:
      return "a duration string such as \"250ms\" or \"1m0s\"";
    case SettingType::kPath:
      return "a path string";
    case SettingType::kStringList:
      return "a list of strings such as [\"a\", \"b\"]";
  }
  return "";
}

// Text typed on the command line, read as the declared type. Strings, paths
// and durations stay text; Convert parses durations and resolves paths.
Result<SettingValue> FromText(const SettingSpec& spec, const std::string& text) {
  switch (spec.type) {
    case SettingType::kInteger: {
      std::int64_t value = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error != std::errc() || end != text.data() + text.size()) {
        return Error::Config("must be an integer, not \"" + text + "\"");
      }
      return SettingValue(value);
    }
    case SettingType::kBoolean:
      if (text == "true" || text == "false") {
        return SettingValue(text == "true");
      }
      return Error::Config("must be true or false, not \"" + text + "\"");
    case SettingType::kStringList:
      return SettingValue(std::vector<std::string>{text});
    default:
      return SettingValue(text);
  }
}

// Converts what the profile wrote (or the default's text) to the declared type.
Result<SettingValue> Convert(const SettingSpec& spec,
                             const SettingValue& written,
                             const std::filesystem::path& base_dir) {
  const std::string* text = std::get_if<std::string>(&written);
  switch (spec.type) {
    case SettingType::kString:
      if (text != nullptr) {
        return written;
      }
      break;
    case SettingType::kPath:
      if (text != nullptr) {
        if (text->empty()) {
          return Error::Config("is empty; give a file path");
        }
        std::filesystem::path path(*text);
        return SettingValue(path.is_absolute() ? *text
                                               : (base_dir / path).lexically_normal().string());
      }
      break;
    case SettingType::kDuration:
      if (text != nullptr) {
        auto duration = ParseGoDuration(*text);
        if (!duration.ok()) {
          return Error::Config(duration.error().message());
        }
        return SettingValue(duration.value());
      }
      break;
    case SettingType::kInteger:
      if (std::holds_alternative<std::int64_t>(written)) {
        return written;
      }
      break;
    case SettingType::kBoolean:
      if (std::holds_alternative<bool>(written)) {
        return written;
      }
      break;
    case SettingType::kStringList:
      if (std::holds_alternative<std::vector<std::string>>(written)) {
        return written;
      }
      break;
  }
  return Error::Config("must be " + Expected(spec) + ", not " +
                       std::string(ValueTypeName(written)));
}

// Defaults are written as text in the schema; turn one into a written value.
Result<SettingValue> DefaultAsWritten(const SettingSpec& spec) {
  std::string text(spec.default_value);
  switch (spec.type) {
    case SettingType::kInteger:
      try {
        return SettingValue(static_cast<std::int64_t>(std::stoll(text)));
      } catch (const std::exception&) {
        return Error::Plugin("its default \"" + text + "\" is not an integer");
      }
    case SettingType::kBoolean:
      if (text == "true" || text == "false") {
        return SettingValue(text == "true");
      }
      return Error::Plugin("its default \"" + text + "\" is not true or false");
    case SettingType::kStringList:
      return SettingValue(std::vector<std::string>{text});
    default:
      return SettingValue(text);
  }
}

}  // namespace

Result<Settings> ValidateSettings(const PluginDescriptor& plugin,
                                  const PluginConfig& config,
                                  std::string_view instance,
                                  const std::filesystem::path& base_dir) {
  std::vector<std::string_view> keys;
  for (const SettingSpec& spec : plugin.settings) {
    keys.push_back(spec.key);
  }
  const std::string describe =
      "run \"influxctl plugins describe " + std::string(plugin.name) + "\" for its settings";

  // Every key written must be one the plugin declares, of the declared type.
  Settings settings;
  for (const RawSetting& raw : config.settings) {
    const SettingSpec* spec = nullptr;
    for (const SettingSpec& candidate : plugin.settings) {
      if (candidate.key == raw.key) {
        spec = &candidate;
      }
    }
    if (spec == nullptr) {
      return Error::Config(raw.where + ": unknown setting \"" + raw.key + "\" for " +
                           std::string(instance) + DidYouMean(raw.key, keys) + "; " + describe);
    }
    Result<SettingValue> written = raw.value;
    if (config.values_are_text && std::holds_alternative<std::string>(raw.value)) {
      written = FromText(*spec, std::get<std::string>(raw.value));
    }
    auto value = written.ok() ? Convert(*spec, written.value(), base_dir) : written;
    if (!value.ok()) {
      return Error::Config(raw.where + ": setting \"" + raw.key + "\" of " + std::string(instance) +
                           " " + value.error().message());
    }
    settings.Set(raw.key, std::move(value).value());
  }

  // Then what was left out: required keys are an error, the rest take defaults.
  for (const SettingSpec& spec : plugin.settings) {
    if (settings.Has(spec.key)) {
      continue;
    }
    if (spec.required) {
      return Error::Config(config.where + ": " + std::string(instance) + " needs setting \"" +
                           std::string(spec.key) + "\" (" + std::string(spec.help) + "); " +
                           describe);
    }
    if (spec.default_value.empty()) {
      continue;
    }
    auto written = DefaultAsWritten(spec);
    auto value = written.ok() ? Convert(spec, written.value(), base_dir) : written;
    if (!value.ok()) {
      return Error::Plugin("plugin \"" + std::string(plugin.name) + "\" is broken: setting \"" +
                           std::string(spec.key) + "\" " + value.error().message());
    }
    settings.Set(std::string(spec.key), std::move(value).value());
  }
  return settings;
}

std::string SampleTomlValue(const SettingSpec& spec) {
  std::string text(spec.default_value);
  switch (spec.type) {
    case SettingType::kInteger:
      return text.empty() ? "0" : text;
    case SettingType::kBoolean:
      return text.empty() ? "false" : text;
    case SettingType::kStringList:
      return text.empty() ? "[]" : "[\"" + text + "\"]";
    default:
      return "\"" + text + "\"";
  }
}

}  // namespace influxctl
