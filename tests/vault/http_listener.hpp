// SPDX-License-Identifier: Apache-2.0
//
// The fake Vault's HTTP(S) listener on Poco's HTTPServer: turns each request
// into an ApiCall for FakeVault, applies the fault rules (a delay, or a
// status instead of the answer), records the call and sends the reply. The
// /_fake/ admin paths answer loopback callers only. Start once, Stop once;
// requests are served on Poco's thread pool.

#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "fake_vault.hpp"
#include "fake_vault_config.hpp"

namespace Poco::Net {
class HTTPServer;
}

namespace influxctl::fake_vault {

class HttpListener {
 public:
  HttpListener(FakeVault& vault, const FakeVaultConfig& config);
  ~HttpListener();

  // Throws Poco::Exception when the socket or TLS files cannot be used.
  void Start();
  void Stop();
  int port() const { return port_; }

 private:
  FakeVault& vault_;
  const FakeVaultConfig& config_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace influxctl::fake_vault
