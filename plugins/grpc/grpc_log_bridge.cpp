// SPDX-License-Identifier: Apache-2.0
//
// The gRPC log function (see grpc_log_bridge.hpp). gpr_set_log_function is
// process-wide and this plugin stays loaded for the life of the process, so
// the function is installed once and reads the current target under a mutex.

#include "grpc_log_bridge.hpp"

#include <grpc/support/log.h>

#include <mutex>
#include <string>

#include "call_errors.hpp"

namespace influxctl::grpc_plugin {
namespace {

struct Target {
  std::mutex mutex;
  Log* log = nullptr;
  const Secret* credential = nullptr;
};

Target& CurrentTarget() {
  // Leaked on purpose: gRPC threads may still log while statics are destroyed.
  static auto* target = new Target;
  return *target;
}

std::string_view SeverityWord(gpr_log_severity severity) {
  switch (severity) {
    case GPR_LOG_SEVERITY_DEBUG:
      return "debug";
    case GPR_LOG_SEVERITY_INFO:
      return "info";
    case GPR_LOG_SEVERITY_ERROR:
      return "error";
  }
  return "log";
}

void Forward(gpr_log_func_args* args) {
  Target& target = CurrentTarget();
  std::lock_guard<std::mutex> lock(target.mutex);
  if (target.log == nullptr || !target.log->Enabled(LogLevel::kDebug)) {
    return;
  }
  std::string_view file = args->file != nullptr ? args->file : "";
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) {
    file.remove_prefix(slash + 1);
  }
  std::string line = "grpc " + std::string(SeverityWord(args->severity)) + " " + std::string(file) +
                     ":" + std::to_string(args->line) + ": " +
                     (args->message != nullptr ? args->message : "");
  target.log->Debug(WithoutCredential(std::move(line), *target.credential));
}

}  // namespace

GrpcLogBridge::GrpcLogBridge(Log& log, const Secret& credential) : log_(log) {
  static std::once_flag installed;
  std::call_once(installed, [] { gpr_set_log_function(&Forward); });
  Target& target = CurrentTarget();
  std::lock_guard<std::mutex> lock(target.mutex);
  target.log = &log;
  target.credential = &credential;
}

GrpcLogBridge::~GrpcLogBridge() {
  Target& target = CurrentTarget();
  std::lock_guard<std::mutex> lock(target.mutex);
  if (target.log == &log_) {
    target.log = nullptr;
    target.credential = nullptr;
  }
}

}  // namespace influxctl::grpc_plugin
