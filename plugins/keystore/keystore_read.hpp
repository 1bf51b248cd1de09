// SPDX-License-Identifier: Apache-2.0
//
// How a program reads an entry back out of a keystore file written by the
// keystore output plugin: the plugin library exports, besides its descriptor,
// a Boost.DLL alias `influxctl_keystore_read` of a function of type
// ReadKeystoreEntryFunction. It takes the same settings as a profile's
// keystore output (path, passphrase_env or passphrase_file; entry), and the
// `entry` argument, when not empty, overrides the setting. It returns the
// token's secret, never logs it, and never throws: every failure is an
// influxctl::Error (Config for missing settings, Usage for a bad entry name,
// Output for everything about the file: missing, wrong passphrase, altered,
// unknown entry). Only this header is needed to call it:
//
//   boost::dll::shared_library library(plugin_file);
//   auto& read = library.get_alias<influxctl::keystore::ReadKeystoreEntryFunction>(
//       influxctl::keystore::kReadSymbol);
//   influxctl::Result<influxctl::Secret> secret = read(settings, "prod/mgmt");
//
// Unlike the objects a plugin's factories make, the returned value's code lives
// in the caller and libinfluxctl-core, not in the plugin, so it may outlive
// the library handle.

#pragma once

#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/settings.hpp>

namespace influxctl::keystore {

// The exported alias of ReadKeystoreEntry.
inline constexpr const char* kReadSymbol = "influxctl_keystore_read";

using ReadKeystoreEntryFunction = Result<Secret>(const Settings& settings, std::string_view entry);

}  // namespace influxctl::keystore
