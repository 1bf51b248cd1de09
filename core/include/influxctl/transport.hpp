// SPDX-License-Identifier: Apache-2.0
//
// The interface a transport plugin implements: create, list and revoke
// management tokens on one cluster. The engine calls one instance from one
// thread at a time. A transport reports every failure as a returned Error of
// kind kTransport or kServer; whatever it throws is caught by the engine at
// the plugin boundary and reported as a plugin failure.

#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/token.hpp>

namespace influxctl {

struct TlsConfig {
  bool disable = false;   // plaintext
  bool insecure = false;  // skip certificate verification
  std::string ca;         // CA bundle file; empty: the system trust store
  std::string cert;       // client certificate file
  std::string key;        // client key file
};

// Where and how to reach the cluster, as the profile and global flags say.
struct Connection {
  std::string product;  // "clustered" or "dedicated"
  std::string host;
  std::string port;
  std::string account_id;
  std::string cluster_id;
  TlsConfig tls;
  Secret credential;              // empty when the profile names none
  std::string credential_source;  // for messages: "mgmt_token in /etc/x.toml"
  std::chrono::milliseconds timeout{60'000};
};

// What the engine hands a transport plugin's factory. Every reference outlives
// the instance the factory makes.
struct TransportContext {
  const Settings& settings;
  const Connection& connection;
  Log& log;
};

class Transport {
 public:
  virtual ~Transport() = default;

  // Where requests go, for plans and messages: "https://host:443/api/v0", "mock".
  virtual std::string Endpoint() const = 0;

  virtual Result<CreatedToken> Create(const CreateRequest& request) = 0;
  virtual Result<std::vector<ManagementToken>> List() = 0;
  virtual Status Revoke(std::string_view token_id) = 0;
};

}  // namespace influxctl
