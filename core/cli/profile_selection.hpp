// SPDX-License-Identifier: Apache-2.0
//
// How every command that talks to a cluster finds its route: which config
// file and profile (flag, then environment, then default), the engine opened
// on that profile with the global flags applied, and the output format (flag,
// then the profile's preset, then "table").

#pragma once

#include <memory>
#include <optional>
#include <string>

#include <influxctl/engine.hpp>
#include <influxctl/formats/format.hpp>

#include "command_line.hpp"

namespace influxctl::cli {

// --profile, else INFLUXCTL_PROFILE, else "default".
std::string ProfileName(const GlobalOptions& global);

// The chosen profile from --config, else the default config path.
Result<Profile> ResolveProfile(const GlobalOptions& global);

Result<std::unique_ptr<Engine>> OpenEngine(const Profile& profile, const GlobalOptions& global);

// The format flag wins over the profile's; "table" when neither says.
Result<formats::Format> ResolveFormat(const std::optional<std::string>& flag,
                                      const Profile* profile);

// Flushes stdout; true when what was written did not all arrive.
bool StdoutFailed();

}  // namespace influxctl::cli
