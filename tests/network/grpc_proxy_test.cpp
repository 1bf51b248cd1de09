// SPDX-License-Identifier: Apache-2.0
//
// Proxy variables and the gRPC transport: gRPC honours grpc_proxy, https_proxy
// and http_proxy by itself, but a cluster on loopback must never be sent
// through one. With every proxy variable pointing at a port nobody listens
// on, calls to the emulator by localhost and by 127.0.0.1 still succeed.

#include <gmock/gmock.h>

#include "grpc_network_fixture.hpp"

namespace influxctl::grpc_network {
namespace {

class GrpcProxyTest : public GrpcNetworkTest {
 protected:
  Poco::Process::Env UnreachableProxy() const {
    std::string proxy = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort());
    return {{"grpc_proxy", proxy},
            {"https_proxy", proxy},
            {"http_proxy", proxy},
            {"HTTPS_PROXY", proxy},
            {"HTTP_PROXY", proxy}};
  }
};

TEST_F(GrpcProxyTest, NeverProxiesLoopback) {
  EmulatorProcess emulator(Emulator());
  for (const std::string host : {"localhost", "127.0.0.1"}) {
    ProfileSpec spec;
    spec.host = host;
    spec.port = emulator.grpc_port();
    RunResult run = Run(spec, {"management", "create"}, UnreachableProxy());
    EXPECT_EQ(run.exit_code, 0) << host << run;
  }
  EXPECT_EQ(Minted(emulator), 2);
}

}  // namespace
}  // namespace influxctl::grpc_network
