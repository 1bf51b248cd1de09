// SPDX-License-Identifier: Apache-2.0
//
// Loads the TLS module (libinfluxctl-tls.so, installed beside the engine's
// libinfluxctl-core) and builds a TLS layer from it. A plugin calls this only
// for a connection that needs TLS, so a plain-HTTP run never loads Poco
// NetSSL or OpenSSL. Once loaded, the module stays for the life of the
// process; each layer is destroyed while its code is still there.

#pragma once

#include <memory>

#include <influxctl/error.hpp>

#include "tls_layer.hpp"

namespace influxctl::net {

// kPlugin when the module is missing or broken (a damaged install); kConfig
// when a TLS file cannot be used.
Result<std::shared_ptr<TlsLayer>> LoadTlsLayer(const TlsSetup& setup);

}  // namespace influxctl::net
