// SPDX-License-Identifier: Apache-2.0
//
// The engine's one error vocabulary. Every failure the user can see is an
// Error of one of six kinds, carrying a message written for that user: what
// was wrong, where (file:line, flag, plugin instance) and what to do. The kind
// decides the exit status. Status and Result<T> carry an Error by value; they
// are plain values, safe to copy between threads, and never throw.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace influxctl {

enum class ErrorKind {
  kUsage,      // a flag or argument is wrong; nothing was sent
  kConfig,     // the configuration file or profile is wrong; nothing was sent
  kPlugin,     // a plugin could not be found, loaded or set up; nothing was sent
  kTransport,  // the cluster could not be reached or the exchange broke
  kServer,     // the cluster answered with an error
  kOutput,     // a result could not be delivered
};

// Exit status of the command line for each kind: 2 when nothing was sent,
// 1 for a failure after that.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

class Error {
 public:
  static Error Usage(std::string message) { return {ErrorKind::kUsage, std::move(message)}; }
  static Error Config(std::string message) { return {ErrorKind::kConfig, std::move(message)}; }
  static Error Plugin(std::string message) { return {ErrorKind::kPlugin, std::move(message)}; }
  static Error Transport(std::string message) {
    return {ErrorKind::kTransport, std::move(message)};
  }
  static Error Server(std::string message) { return {ErrorKind::kServer, std::move(message)}; }
  static Error Output(std::string message) { return {ErrorKind::kOutput, std::move(message)}; }

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }

  // The same error with `context` put in front, as in "revoking abc: <message>".
  Error WithContext(std::string_view context) const {
    return {kind_, std::string(context) + ": " + message_};
  }

  int ExitCode() const {
    switch (kind_) {
      case ErrorKind::kUsage:
      case ErrorKind::kConfig:
      case ErrorKind::kPlugin:
        return kExitUsage;
      default:
        return kExitFailure;
    }
  }

 private:
  Error(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}

  ErrorKind kind_;
  std::string message_;
};

// Name of a kind as users see it in messages and as `fail_kind` settings spell it.
std::string_view KindName(ErrorKind kind);
std::optional<ErrorKind> KindFromName(std::string_view name);

// Success, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit on purpose

  static Status Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// A value, or the Error that stopped it from being made.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return data_.index() == 0; }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  const Error& error() const { return std::get<1>(data_); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace influxctl
