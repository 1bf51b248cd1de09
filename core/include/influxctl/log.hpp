// SPDX-License-Identifier: Apache-2.0
//
// The logger the engine hands to each component and plugin instance. Lines go
// to stderr, one event a line, prefixed by the instance that spoke
// ("transport.mock", "output.env-file#2"). The engine owns every Log; a plugin
// keeps only a reference for its instance's lifetime. A Log never sees a
// secret: callers pass Secret::kRedacted or a token's id instead.

#pragma once

#include <string_view>

namespace influxctl {

enum class LogLevel { kWarning, kInfo, kDebug, kTrace };

class Log {
 public:
  virtual ~Log() = default;

  virtual bool Enabled(LogLevel level) const = 0;
  virtual void Write(LogLevel level, std::string_view message) = 0;

  void Warning(std::string_view message) { Write(LogLevel::kWarning, message); }
  void Info(std::string_view message) { Write(LogLevel::kInfo, message); }
  void Debug(std::string_view message) { Write(LogLevel::kDebug, message); }
  void Trace(std::string_view message) { Write(LogLevel::kTrace, message); }
};

}  // namespace influxctl

#include <memory>
#include <string>

namespace influxctl {

// A Log that writes `<level>\t<component>: <message>` lines to stderr for
// every level up to `max_level`. Control characters in messages are shown
// escaped, so text that came from a server cannot drive the terminal.
std::unique_ptr<Log> MakeStderrLog(std::string component, LogLevel max_level);

}  // namespace influxctl
