// SPDX-License-Identifier: Apache-2.0
//
// Names of the error kinds, as messages print them and settings spell them.

#include <array>

#include <influxctl/error.hpp>

namespace influxctl {
namespace {

constexpr std::array<std::pair<ErrorKind, std::string_view>, 6> kKindNames = {{
    {ErrorKind::kUsage, "usage"},
    {ErrorKind::kConfig, "config"},
    {ErrorKind::kPlugin, "plugin"},
    {ErrorKind::kTransport, "transport"},
    {ErrorKind::kServer, "server"},
    {ErrorKind::kOutput, "output"},
}};

}  // namespace

std::string_view KindName(ErrorKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) {
      return name;
    }
  }
  return "unknown";
}

std::optional<ErrorKind> KindFromName(std::string_view name) {
  for (const auto& [kind, n] : kKindNames) {
    if (n == name) {
      return kind;
    }
  }
  return std::nullopt;
}

}  // namespace influxctl
