// SPDX-License-Identifier: Apache-2.0
//
// Unit tests of what the REST transport lets reach a trace line or an error
// message: secret JSON values are redacted in whole and cut-short bodies, the
// credential is redacted wherever it appears, credential headers keep only
// their scheme, and server text is made printable and short.

#include "../../../plugins/rest/redaction.hpp"

#include <gtest/gtest.h>

namespace influxctl::rest {
namespace {

const Secret kNoCredential;

TEST(RedactBody, ReplacesTheAccessTokenValue) {
  EXPECT_EQ(RedactBody(R"({"id":"a","accessToken":"M.V1.secret","tokenPrefix":"M.V1.sec"})",
                       kNoCredential),
            R"({"id":"a","accessToken":"[redacted]","tokenPrefix":"M.V1.sec"})");
}

TEST(RedactBody, HandlesSpacingEscapesAndOtherSecretKeys) {
  EXPECT_EQ(RedactBody(R"({"accessToken" :  "a\"b\\c", "x": 1})", kNoCredential),
            R"({"accessToken" :  "[redacted]", "x": 1})");
  EXPECT_EQ(RedactBody(R"({"access_token":"s1","token":"s2","secret":"s3"})", kNoCredential),
            R"({"access_token":"[redacted]","token":"[redacted]","secret":"[redacted]"})");
}

TEST(RedactBody, RedactsACutShortValueToTheEnd) {
  EXPECT_EQ(RedactBody(R"({"id":"a","accessToken":"M.V1.sec)", kNoCredential),
            R"({"id":"a","accessToken":"[redacted])");
  EXPECT_EQ(RedactBody(R"({"accessToken":)", kNoCredential), R"({"accessToken":)");
}

TEST(RedactBody, LeavesOtherKeysAndNonStringValuesAlone) {
  const std::string body = R"([{"id":"t","tokenPrefix":"M.V1.abc","tokens":[],"token":null}])";
  EXPECT_EQ(RedactBody(body, kNoCredential), body);
}

TEST(RedactBody, RedactsTheCredentialWhereverItAppears) {
  const Secret credential("my-management-credential");
  EXPECT_EQ(RedactBody("echo: my-management-credential and my-management-credential", credential),
            "echo: [redacted] and [redacted]");
}

TEST(RedactHeader, KeepsOnlyTheSchemeOfCredentialHeaders) {
  EXPECT_EQ(RedactHeader("Authorization", "Bearer abc.def"), "Bearer [redacted]");
  EXPECT_EQ(RedactHeader("authorization", "Bearer abc.def"), "Bearer [redacted]");
  EXPECT_EQ(RedactHeader("Proxy-Authorization", "Basic dXNlcjpwYXNz"), "Basic [redacted]");
  EXPECT_EQ(RedactHeader("Set-Cookie", "session=abc"), "[redacted]");
  EXPECT_EQ(RedactHeader("Content-Type", "application/json"), "application/json");
}

TEST(PrintableExcerpt, RemovesControlCharactersAndCollapsesSpace) {
  EXPECT_EQ(PrintableExcerpt("<html>\r\n  <body>\x1b[31mBad\tGateway</body>\n"),
            "<html> <body> [31mBad Gateway</body>");
  EXPECT_EQ(PrintableExcerpt("a\xc2\x85z"), "a z");  // C1 NEXT LINE
}

TEST(PrintableExcerpt, CutsAtTheLimitOnACharacterBoundary) {
  EXPECT_EQ(PrintableExcerpt(std::string(300, 'x')), std::string(200, 'x') + "...");
  EXPECT_EQ(PrintableExcerpt("ab\xc3\xa9", 3), "ab...");
  EXPECT_EQ(PrintableExcerpt("ab\xc3\xa9", 4), "ab\xc3\xa9");
  EXPECT_EQ(PrintableExcerpt("broken \xc3 byte"), "broken ? byte");
}

}  // namespace
}  // namespace influxctl::rest
