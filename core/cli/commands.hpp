// SPDX-License-Identifier: Apache-2.0
//
// The command-line commands. Each runs one parsed Invocation to the end and
// returns the process exit status; results go to stdout, everything else to
// stderr.

#pragma once

#include <influxctl/error.hpp>

#include "command_line.hpp"

namespace influxctl::cli {

int RunManagementCreate(const Invocation& invocation);
int RunManagementList(const Invocation& invocation);
int RunManagementRevoke(const Invocation& invocation);
int RunPluginsList(const Invocation& invocation);
int RunPluginsDescribe(const Invocation& invocation);
int RunKeystoreGet(const Invocation& invocation);

// Prints "error: <message>" to stderr and returns the error's exit status.
int ReportError(const Error& error);

}  // namespace influxctl::cli
