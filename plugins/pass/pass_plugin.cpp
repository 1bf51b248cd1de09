// SPDX-License-Identifier: Apache-2.0
//
// The pass output plugin's entry point: its descriptor (kind, name, version,
// settings schema) and the factory the engine calls. The factory only checks
// settings; it touches neither the store nor GnuPG, which is the preflight's
// job. No exception leaves it.

#include <memory>

#include <influxctl/plugin.hpp>

#include "pass_output.hpp"
#include "pass_settings.hpp"

namespace influxctl::pass {
namespace {

Result<std::unique_ptr<Output>> MakePassOutput(const OutputContext& context) {
  try {
    Result<PassOptions> options = ParsePassOptions(context.settings);
    if (!options.ok()) {
      return options.error();
    }
    return std::unique_ptr<Output>(
        std::make_unique<PassOutput>(std::move(options).value(), context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("pass output could not start: ") + e.what());
  } catch (...) {
    return Error::Plugin("pass output could not start: an exception of unknown type");
  }
}

}  // namespace

extern const PluginDescriptor kPassDescriptor = {
    .kind = PluginKind::kOutput,
    .name = "pass",
    .version = "1.0.0",
    .summary = "stores the new token in a pass (password-store) entry, encrypted with GnuPG",
    .settings = kPassSettingSchema,
    .make_output = &MakePassOutput,
};

}  // namespace influxctl::pass

INFLUXCTL_PLUGIN(influxctl::pass::kPassDescriptor)
