// SPDX-License-Identifier: Apache-2.0
//
// `keystore get ENTRY`: reads a token back out of a file the keystore output
// wrote. The file and the passphrase's source come from the profile's
// keystore output (or --path), and the decryption is the keystore plugin's
// own, loaded only for this command through the function it exports, so the
// format has one implementation. The secret goes to stdout and nowhere else.

#include <iostream>

#include <influxctl/engine.hpp>
#include <influxctl/plugin.hpp>

#include "commands.hpp"
#include "keystore_read.hpp"
#include "plugin_loader.hpp"
#include "profile_selection.hpp"
#include "settings_schema.hpp"

namespace influxctl::cli {
namespace {

constexpr std::string_view kKeystorePlugin = "keystore";

// The profile's first keystore output, with --path and the entry applied.
Result<PluginConfig> KeystoreTable(const Invocation& invocation, const Profile& profile) {
  const std::string& entry = invocation.arguments.front();
  for (const PluginConfig& output : profile.outputs) {
    if (output.plugin == kKeystorePlugin) {
      PluginConfig config = output;
      std::erase_if(config.settings, [&](const RawSetting& setting) {
        return setting.key == "entry" || (invocation.keystore_path && setting.key == "path");
      });
      config.settings.push_back({"entry", entry, "the command line"});
      if (invocation.keystore_path) {
        config.settings.push_back({"path", *invocation.keystore_path, "--path"});
      }
      return config;
    }
  }
  if (!invocation.keystore_path) {
    return Error::Usage("profile \"" + profile.name +
                        "\" has no keystore output; pass --path "
                        "FILE (the passphrase then comes from INFLUXCTL_KEYSTORE_PASSPHRASE)");
  }
  PluginConfig config;
  config.plugin = kKeystorePlugin;
  config.where = "--path";
  config.settings = {{"path", *invocation.keystore_path, "--path"},
                     {"entry", entry, "the command line"}};
  return config;
}

}  // namespace

int RunKeystoreGet(const Invocation& invocation) {
  // A profile is optional here: --path alone is enough.
  Profile profile;
  profile.name = ProfileName(invocation.global);
  if (!invocation.keystore_path || invocation.global.config) {
    auto loaded = ResolveProfile(invocation.global);
    if (!loaded.ok()) {
      return ReportError(loaded.error());
    }
    profile = std::move(loaded).value();
  }
  auto table = KeystoreTable(invocation, profile);
  if (!table.ok()) {
    return ReportError(table.error());
  }

  auto plugin = LoadPluginByName(kKeystorePlugin, PluginSearchPath(&profile));
  if (!plugin.ok()) {
    return ReportError(plugin.error());
  }
  std::filesystem::path base =
      profile.source.empty() ? std::filesystem::current_path() : profile.source.parent_path();
  auto settings =
      ValidateSettings(*plugin.value().descriptor, table.value(), "output \"keystore\"", base);
  if (!settings.ok()) {
    return ReportError(settings.error());
  }

  // The plugin's reader: found by name, so a plugin without it is an error, not a crash.
  if (!plugin.value().library->has(keystore::kReadSymbol)) {
    return ReportError(Error::Plugin("plugin file " + plugin.value().file.string() +
                                     " exports no " + keystore::kReadSymbol));
  }
  auto& read =
      plugin.value().library->get_alias<keystore::ReadKeystoreEntryFunction>(keystore::kReadSymbol);
  Result<Secret> secret = Error::Plugin("the keystore plugin failed");
  try {
    secret = read(settings.value(), invocation.arguments.front());
  } catch (const std::exception& error) {
    secret = Error::Plugin(std::string("the keystore plugin threw \"") + error.what() + "\"");
  }
  if (!secret.ok()) {
    return ReportError(secret.error());
  }
  std::cout << secret.value().Reveal() << "\n";
  return StdoutFailed() ? ReportError(Error::Output("could not write the token to stdout"))
                        : kExitOk;
}

}  // namespace influxctl::cli
