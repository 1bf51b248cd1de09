// SPDX-License-Identifier: Apache-2.0
//
// influxctl's entry point: parse, dispatch, and turn anything unexpected into
// an error message and exit status 1 rather than an abort.

#include <csignal>
#include <iostream>

#include <influxctl/plugin.hpp>

#include "command_line.hpp"
#include "commands.hpp"

namespace {

int Run(int argc, const char* const* argv) {
  using influxctl::cli::Command;
  auto invocation = influxctl::cli::ParseCommandLine(argc, argv);
  if (!invocation.ok()) {
    return influxctl::cli::ReportError(invocation.error());
  }
  const auto& command = invocation.value();
  switch (command.command) {
    case Command::kHelp:
      std::cout << command.help_text;
      return influxctl::kExitOk;
    case Command::kVersion:
      std::cout << "influxctl " << INFLUXCTL_VERSION << " (plugin API "
                << INFLUXCTL_PLUGIN_API_VERSION << ")\n";
      return influxctl::kExitOk;
    case Command::kManagementCreate:
      return influxctl::cli::RunManagementCreate(command);
    case Command::kManagementList:
      return influxctl::cli::RunManagementList(command);
    case Command::kManagementRevoke:
      return influxctl::cli::RunManagementRevoke(command);
    case Command::kPluginsList:
      return influxctl::cli::RunPluginsList(command);
    case Command::kPluginsDescribe:
      return influxctl::cli::RunPluginsDescribe(command);
    case Command::kKeystoreGet:
      return influxctl::cli::RunKeystoreGet(command);
  }
  return influxctl::kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  // A file size limit hit while writing must be an error this process can
  // handle (EFBIG: revoke a token nobody got), not a signal that kills it.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "error: unexpected failure: " << error.what() << "\n";
  } catch (...) {
    std::cerr << "error: unexpected failure\n";
  }
  return influxctl::kExitFailure;
}
