// SPDX-License-Identifier: Apache-2.0
//
// A transport that throws instead of returning errors, to prove the engine
// stops every exception at the plugin boundary. `throw_from` picks where:
// "calls" (Create, List and Revoke), "factory" (before any instance exists)
// or "endpoint" (Endpoint(), which the engine asks while setting up a route).
// `exception` picks what: "std" (std::runtime_error) or "int" (throw 42, which
// no catch of std::exception stops).

#include <memory>
#include <stdexcept>
#include <string>

#include <influxctl/plugin.hpp>

#include "load_marker.hpp"

namespace influxctl::test_plugins {
namespace {

const LoadMarker kLoadMarker("throwing");

constexpr SettingSpec kSettings[] = {
    {"throw_from", SettingType::kString, false, "calls",
     "where to throw: calls (create, list, revoke), factory or endpoint"},
    {"exception", SettingType::kString, false, "std",
     "what to throw: std (std::runtime_error) or int (throw 42)"},
};

[[noreturn]] void Throw(const std::string& exception, const std::string& where) {
  if (exception == "int") {
    throw 42;
  }
  throw std::runtime_error("throwing plugin: " + where + " blew up on purpose");
}

class ThrowingTransport : public Transport {
 public:
  ThrowingTransport(std::string throw_from, std::string exception)
      : throw_from_(std::move(throw_from)), exception_(std::move(exception)) {}

  std::string Endpoint() const override {
    if (throw_from_ == "endpoint") {
      Throw(exception_, "Endpoint");
    }
    return "throwing";
  }
  Result<CreatedToken> Create(const CreateRequest&) override { Throw(exception_, "Create"); }
  Result<std::vector<ManagementToken>> List() override { Throw(exception_, "List"); }
  Status Revoke(std::string_view) override { Throw(exception_, "Revoke"); }

 private:
  std::string throw_from_;
  std::string exception_;
};

Result<std::unique_ptr<Transport>> MakeTransport(const TransportContext& context) {
  std::string throw_from = context.settings.String("throw_from").value_or("calls");
  std::string exception = context.settings.String("exception").value_or("std");
  if (throw_from == "factory") {
    Throw(exception, "the factory");
  }
  return std::unique_ptr<Transport>(
      std::make_unique<ThrowingTransport>(std::move(throw_from), std::move(exception)));
}

}  // namespace

extern const PluginDescriptor kThrowingDescriptor = {
    .kind = PluginKind::kTransport,
    .name = "throwing",
    .version = "0.0.1",
    .summary = "test transport that throws instead of returning errors",
    .settings = kSettings,
    .make_transport = &MakeTransport,
};

}  // namespace influxctl::test_plugins

INFLUXCTL_PLUGIN(influxctl::test_plugins::kThrowingDescriptor)
