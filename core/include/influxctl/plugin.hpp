// SPDX-License-Identifier: Apache-2.0
//
// What a plugin library exports: one constant PluginDescriptor, published with
// INFLUXCTL_PLUGIN(descriptor). The macro places the descriptor's alias in an
// ELF section whose name carries the plugin API version, so the engine can
// refuse a plugin built for another version by reading the file, before any
// of the plugin's code runs.
//
// A minimal output plugin:
//
//   constexpr influxctl::SettingSpec kSettings[] = {
//       {"path", influxctl::SettingType::kPath, true, "", "where to write"}};
//   influxctl::Result<std::unique_ptr<influxctl::Output>> Make(const influxctl::OutputContext&);
//   extern const influxctl::PluginDescriptor kDescriptor = {
//       .kind = influxctl::PluginKind::kOutput, .name = "my-output", .version = "1.0.0",
//       .summary = "writes the token somewhere", .settings = kSettings, .make_output = &Make};
//   INFLUXCTL_PLUGIN(kDescriptor)

#pragma once

#include <boost/dll/alias.hpp>
#include <boost/preprocessor/cat.hpp>
#include <memory>
#include <span>
#include <string_view>

#include <influxctl/output.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/transport.hpp>

// Bumped whenever a type in this SDK changes shape.
#ifndef INFLUXCTL_PLUGIN_API_VERSION
#define INFLUXCTL_PLUGIN_API_VERSION 1
#endif

namespace influxctl {

inline constexpr int kPluginApiVersion = INFLUXCTL_PLUGIN_API_VERSION;

// "ifxapi" + version: the ELF section the descriptor's alias lives in.
inline constexpr std::string_view kPluginSectionPrefix = "ifxapi";
// The exported alias of the descriptor.
inline constexpr const char* kPluginSymbol = "influxctl_plugin";

enum class PluginKind { kTransport, kOutput };

std::string_view PluginKindName(PluginKind kind);

using TransportFactory = Result<std::unique_ptr<Transport>> (*)(const TransportContext&);
using OutputFactory = Result<std::unique_ptr<Output>> (*)(const OutputContext&);

struct PluginDescriptor {
  int api_version = kPluginApiVersion;
  PluginKind kind = PluginKind::kTransport;
  std::string_view name;     // unique across kinds; the file is influxctl-plugin-<name>.so
  std::string_view version;  // the plugin's own version
  std::string_view summary;  // one line
  std::span<const SettingSpec> settings;
  // Transports that talk to a real cluster: the engine refuses to make one
  // without a credential, before anything is sent.
  bool needs_credential = false;
  TransportFactory make_transport = nullptr;  // set for kTransport
  OutputFactory make_output = nullptr;        // set for kOutput
};

}  // namespace influxctl

// Publishes `descriptor` (a PluginDescriptor with static storage) to the engine.
#define INFLUXCTL_PLUGIN(descriptor)                      \
  BOOST_DLL_ALIAS_SECTIONED(descriptor, influxctl_plugin, \
                            BOOST_PP_CAT(ifxapi, INFLUXCTL_PLUGIN_API_VERSION))
