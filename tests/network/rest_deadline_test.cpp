// SPDX-License-Identifier: Apache-2.0
//
// --timeout bounds the whole call, connect included: a server that drips its
// TLS handshake a byte at a time (each read well within any per-read
// timeout) is cut off when the deadline passes, for one attempt and with
// retries configured, and the error says which step the timeout ended; the
// longest timeout there is works as well.

#include "network/dripping_peer.hpp"
#include "network/rest_network_test.hpp"

namespace influxctl::testing {
namespace {

using e2e::RunResult;
using std::chrono::milliseconds;

class RestDeadlineTest : public RestNetworkTest {
 protected:
  RestProfile DrippingProfile(const DrippingPeer& peer) {
    RestProfile profile;
    profile.port = peer.port();
    profile.tls = "ca = \"" + Certificates().ca_cert + "\"\n";
    return profile;
  }
};

TEST_F(RestDeadlineTest, ADrippingHandshakeEndsAtTheTimeout) {
  DrippingPeer peer;
  milliseconds took{};
  RunResult created = TimedRun(WriteConfig(DrippingProfile(peer)),
                               {"--timeout", "1s", "management", "create"}, took);

  EXPECT_EQ(created.exit_code, 1) << created;
  EXPECT_TRUE(
      Contains(created.err, "the TLS handshake with 127.0.0.1:" + std::to_string(peer.port()) +
                                " did not finish within the 1s timeout"))
      << created;
  EXPECT_TRUE(created.out.empty()) << created;
  EXPECT_GE(took, milliseconds(1000));
  EXPECT_LT(took, milliseconds(1800)) << created;
  EXPECT_EQ(peer.accepted(), 1);
}

TEST_F(RestDeadlineTest, RetriesDoNotStretchTheTimeout) {
  DrippingPeer peer;
  RestProfile profile = DrippingProfile(peer);
  profile.transport = "retries = 5\nretry_delay = \"10ms\"\n";
  milliseconds took{};
  RunResult listed =
      TimedRun(WriteConfig(profile), {"--timeout", "800ms", "management", "list"}, took);

  EXPECT_EQ(listed.exit_code, 1) << listed;
  EXPECT_TRUE(Contains(listed.err, "800ms timeout")) << listed;
  EXPECT_LT(took, milliseconds(1600)) << listed;
}

TEST_F(RestDeadlineTest, TheLongestTimeoutStillWorks) {
  EmulatorProcess emulator;
  // Go's largest duration; the deadline must not overflow the clock.
  RunResult created =
      Run(WriteConfig(PlainProfile(emulator)), {"--timeout", "2562047h", "management", "create"});
  EXPECT_EQ(created.exit_code, 0) << created;
  EXPECT_EQ(Minted(emulator), 1);
}

}  // namespace
}  // namespace influxctl::testing
