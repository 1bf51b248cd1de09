// SPDX-License-Identifier: Apache-2.0
//
// A transport built for plugin API version 99 (the target sets
// INFLUXCTL_PLUGIN_API_VERSION=99), so its descriptor sits in an "ifxapi99"
// section. Otherwise a well-formed plugin: the only reason to refuse it is
// the version. Its LoadMarker shows whether any of its code ever ran.

#include <memory>

#include <influxctl/plugin.hpp>

#include "load_marker.hpp"

static_assert(INFLUXCTL_PLUGIN_API_VERSION == 99, "this plugin must be built for API version 99");

namespace influxctl::test_plugins {
namespace {

const LoadMarker kLoadMarker("wrong-api");

class RefusingTransport : public Transport {
 public:
  std::string Endpoint() const override { return "wrong-api"; }
  Result<CreatedToken> Create(const CreateRequest&) override {
    return Error::Transport("wrong-api transport must never be called");
  }
  Result<std::vector<ManagementToken>> List() override {
    return Error::Transport("wrong-api transport must never be called");
  }
  Status Revoke(std::string_view) override {
    return Error::Transport("wrong-api transport must never be called");
  }
};

Result<std::unique_ptr<Transport>> MakeTransport(const TransportContext&) {
  return std::unique_ptr<Transport>(std::make_unique<RefusingTransport>());
}

}  // namespace

extern const PluginDescriptor kWrongApiDescriptor = {
    .kind = PluginKind::kTransport,
    .name = "wrong-api",
    .version = "0.0.1",
    .summary = "test plugin built for plugin API version 99",
    .settings = {},
    .make_transport = &MakeTransport,
};

}  // namespace influxctl::test_plugins

INFLUXCTL_PLUGIN(influxctl::test_plugins::kWrongApiDescriptor)
