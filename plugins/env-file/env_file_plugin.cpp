// SPDX-License-Identifier: Apache-2.0
//
// The env-file output plugin's entry point: its descriptor (kind, name,
// version, settings schema) and the factory the engine calls. The factory
// checks the settings and turns every problem into a config error naming the
// setting; it touches no file (that is Preflight's job) and no exception
// leaves it.

#include <memory>

#include <influxctl/plugin.hpp>

#include "env_file_options.hpp"
#include "env_file_output.hpp"

namespace influxctl::env_file {
namespace {

Result<std::unique_ptr<Output>> MakeEnvFileOutput(const OutputContext& context) {
  try {
    Result<EnvFileOptions> options = ParseEnvFileOptions(context.settings);
    if (!options.ok()) {
      return options.error();
    }
    return std::unique_ptr<Output>(
        std::make_unique<EnvFileOutput>(std::move(options).value(), context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("env-file output could not start: ") + e.what());
  } catch (...) {
    return Error::Plugin("env-file output could not start: an exception of unknown type");
  }
}

}  // namespace

extern const PluginDescriptor kEnvFileDescriptor = {
    .kind = PluginKind::kOutput,
    .name = "env-file",
    .version = "1.0.0",
    .summary = "writes the token into a dotenv file that sh and dotenv parsers both read",
    .settings = kEnvFileSettingSchema,
    .make_output = &MakeEnvFileOutput,
};

}  // namespace influxctl::env_file

INFLUXCTL_PLUGIN(influxctl::env_file::kEnvFileDescriptor)
