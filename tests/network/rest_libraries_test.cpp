// SPDX-License-Identifier: Apache-2.0
//
// What a REST run loads, as the dynamic loader reports it (LD_DEBUG=files):
// a plain-HTTP call never loads OpenSSL, Poco NetSSL or the TLS module, which
// is what keeps a cold call fast; an https call loads the TLS module from
// beside libinfluxctl-core and works.

#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;

class RestLibrariesTest : public RestNetworkTest {
 protected:
  RunResult RunTracingLoads(const RestProfile& profile) {
    env_["LD_DEBUG"] = "files";
    return Run(WriteConfig(profile), {"management", "create", "--format", "json"});
  }
};

TEST_F(RestLibrariesTest, PlainHttpLoadsNoTlsLibrary) {
  EmulatorProcess emulator;
  RunResult created = RunTracingLoads(PlainProfile(emulator));
  ASSERT_EQ(created.exit_code, 0) << created;
  ASSERT_TRUE(Contains(created.err, "influxctl-plugin-rest.so")) << "LD_DEBUG had no effect";
  EXPECT_FALSE(Contains(created.err, "libssl.so")) << created.err;
  EXPECT_FALSE(Contains(created.err, "libcrypto.so")) << created.err;
  EXPECT_FALSE(Contains(created.err, "libPocoNetSSL")) << created.err;
  EXPECT_FALSE(Contains(created.err, "libinfluxctl-tls.so")) << created.err;
}

TEST_F(RestLibrariesTest, HttpsLoadsTheTlsModuleBesideTheEngine) {
  EmulatorProcess emulator(TlsEmulator());
  RunResult created = RunTracingLoads(TlsProfile(emulator));
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_TRUE(Contains(created.err, "lib/libinfluxctl-tls.so")) << created.err;
  EXPECT_TRUE(Contains(created.err, "libssl.so")) << created.err;
  EXPECT_EQ(Minted(emulator), 1);
}

}  // namespace
}  // namespace influxctl::testing
