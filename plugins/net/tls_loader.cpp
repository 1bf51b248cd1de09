// SPDX-License-Identifier: Apache-2.0
//
// Finds the TLS module beside libinfluxctl-core (see tls_loader.hpp) by
// asking where the engine's library was loaded from, so it works the same in
// the build tree and in any install prefix, and loads it with Boost.DLL.

#include "tls_loader.hpp"

#include <dlfcn.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <filesystem>

#include <influxctl/time.hpp>

namespace influxctl::net {
namespace {

constexpr const char* kTlsModuleFile = "libinfluxctl-tls.so";

// The module and the layer it made; the layer goes first.
struct LoadedLayer {
  boost::dll::shared_library module;
  std::unique_ptr<TlsLayer> layer;
};

}  // namespace

Result<std::shared_ptr<TlsLayer>> LoadTlsLayer(const TlsSetup& setup) {
  std::filesystem::path path;
  auto loaded = std::make_shared<LoadedLayer>();
  try {
    // Any function of libinfluxctl-core tells where the engine's library is.
    auto in_core = static_cast<std::string (*)(std::chrono::milliseconds)>(&FormatGoDuration);
    path = (boost::dll::symbol_location_ptr(in_core).parent_path() / kTlsModuleFile)
               .lexically_normal();
    if (!std::filesystem::exists(path)) {
      return Error::Plugin("TLS is not available: the TLS module " + path.string() +
                           " is missing; reinstall influxctl, whose libraries include it");
    }
    // Pinned for the life of the process: OpenSSL and Poco NetSSL keep global
    // state that unloading them would turn into leaks, and a later TLS
    // connection would only load them again.
    if (::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) == nullptr) {
      const char* why = ::dlerror();
      return Error::Plugin("TLS is not available: the TLS module " + path.string() +
                           " could not be loaded (" + (why != nullptr ? why : "unknown error") +
                           "); reinstall influxctl");
    }
    loaded->module.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    if (!loaded->module.has(kTlsLayerFactory)) {
      return Error::Plugin(path.string() + " does not provide " + kTlsLayerFactory +
                           "; reinstall influxctl so that the TLS module matches the engine");
    }
  } catch (const std::exception& e) {
    return Error::Plugin("TLS is not available: the TLS module " +
                         (path.empty() ? std::string(kTlsModuleFile) : path.string()) +
                         " could not be loaded (" + e.what() + "); reinstall influxctl");
  }

  try {
    auto& make = loaded->module.get_alias<TlsLayerFactory>(kTlsLayerFactory);
    Result<std::unique_ptr<TlsLayer>> made = make(setup);
    if (!made.ok()) {
      return made.error();
    }
    loaded->layer = std::move(made).value();
  } catch (const std::exception& e) {
    return Error::Plugin("TLS could not be set up (" + std::string(e.what()) +
                         "); reinstall influxctl if this persists");
  }
  TlsLayer* layer = loaded->layer.get();
  return std::shared_ptr<TlsLayer>(std::move(loaded), layer);
}

}  // namespace influxctl::net
