// SPDX-License-Identifier: Apache-2.0
//
// Tests for `--format json`: influxctl's key order, timestamps as seconds and
// nanos, unset and empty members left out, "token" last on create, "[]" for an
// empty list, and documents that Poco's own parser reads back to exactly the
// strings that went in, whatever bytes those strings held.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include <influxctl/formats/format.hpp>

namespace influxctl::formats {
namespace {

ManagementToken FullToken() {
  ManagementToken token;
  token.id = "11111111-1111-1111-1111-111111111111";
  token.account_id = "acct-1";
  token.token_prefix = "M.V1.exam";
  token.description = "nightly ci";
  token.created_by = "admin@example.com";
  token.created_at = Timestamp{1764590400, 500'000'000};
  token.expires_at = Timestamp{1798761600, 0};
  token.revoked_at = Timestamp{1782863999, 1};
  return token;
}

CreatedToken Created(ManagementToken token) {
  return CreatedToken{std::move(token), Secret("M.V1.example-token-string")};
}

struct Printed {
  std::string out;
  std::string err;
};

Printed RenderCreated(const CreatedToken& created, bool show_secret = true) {
  std::ostringstream out;
  std::ostringstream err;
  WriteCreated(Format::kJson, created, show_secret, out, err);
  return {out.str(), err.str()};
}

std::string RenderList(const std::vector<ManagementToken>& tokens) {
  std::ostringstream out;
  WriteList(Format::kJson, tokens, out);
  return out.str();
}

// The description as Poco's parser reads it back from a create document.
std::string DescriptionReadBack(const std::string& description) {
  ManagementToken token;
  token.id = "id";
  token.description = description;
  const std::string document = RenderCreated(Created(token)).out;

  Poco::JSON::Parser parser;
  const auto object = parser.parse(document).extract<Poco::JSON::Object::Ptr>();
  return object->getValue<std::string>("description");
}

TEST(CreatedJson, KeysInInfluxctlOrderWithTokenLast) {
  const Printed printed = RenderCreated(Created(FullToken()));

  EXPECT_EQ(printed.out,
            "{\n"
            "  \"id\": \"11111111-1111-1111-1111-111111111111\",\n"
            "  \"account_id\": \"acct-1\",\n"
            "  \"token_prefix\": \"M.V1.exam\",\n"
            "  \"expires_at\": {\n"
            "    \"seconds\": 1798761600\n"
            "  },\n"
            "  \"revoked_at\": {\n"
            "    \"seconds\": 1782863999,\n"
            "    \"nanos\": 1\n"
            "  },\n"
            "  \"created_at\": {\n"
            "    \"seconds\": 1764590400,\n"
            "    \"nanos\": 500000000\n"
            "  },\n"
            "  \"description\": \"nightly ci\",\n"
            "  \"created_by\": \"admin@example.com\",\n"
            "  \"token\": \"M.V1.example-token-string\"\n"
            "}\n");
  EXPECT_EQ(printed.err, "");
}

TEST(CreatedJson, WithoutShowSecretLeavesTheTokenOut) {
  const Printed printed = RenderCreated(Created(FullToken()), /*show_secret=*/false);

  EXPECT_EQ(printed.out.find("token\""), std::string::npos);
  EXPECT_EQ(printed.out.find("example-token-string"), std::string::npos);
  EXPECT_TRUE(printed.out.ends_with("  \"created_by\": \"admin@example.com\"\n}\n")) << printed.out;
  EXPECT_EQ(printed.err, "");
}

TEST(CreatedJson, UnsetTimesAndEmptyStringsAreLeftOut) {
  ManagementToken token;
  token.id = "11111111-1111-1111-1111-111111111111";
  token.created_at = Timestamp{0, 0};  // set, at the epoch: kept, and nanos left out

  EXPECT_EQ(RenderCreated(Created(token)).out,
            "{\n"
            "  \"id\": \"11111111-1111-1111-1111-111111111111\",\n"
            "  \"created_at\": {\n"
            "    \"seconds\": 0\n"
            "  },\n"
            "  \"token\": \"M.V1.example-token-string\"\n"
            "}\n");
}

TEST(CreatedJson, NothingSetIsAnEmptyObject) {
  EXPECT_EQ(RenderCreated(CreatedToken{}, /*show_secret=*/true).out, "{}\n");
}

TEST(CreatedJson, NegativeSecondsBeforeTheEpoch) {
  ManagementToken token;
  token.expires_at = Timestamp{-1, 999'999'999};
  EXPECT_EQ(RenderCreated(Created(token), false).out,
            "{\n"
            "  \"expires_at\": {\n"
            "    \"seconds\": -1,\n"
            "    \"nanos\": 999999999\n"
            "  }\n"
            "}\n");
}

TEST(ListJson, EmptyListIsAnEmptyArray) {
  EXPECT_EQ(RenderList({}), "[]\n");
}

TEST(ListJson, ArrayOfObjectsWithoutSecrets) {
  ManagementToken second;
  second.id = "22222222-2222-2222-2222-222222222222";
  second.description = "夜間ビルド";

  EXPECT_EQ(RenderList({FullToken(), second}),
            "[\n"
            "  {\n"
            "    \"id\": \"11111111-1111-1111-1111-111111111111\",\n"
            "    \"account_id\": \"acct-1\",\n"
            "    \"token_prefix\": \"M.V1.exam\",\n"
            "    \"expires_at\": {\n"
            "      \"seconds\": 1798761600\n"
            "    },\n"
            "    \"revoked_at\": {\n"
            "      \"seconds\": 1782863999,\n"
            "      \"nanos\": 1\n"
            "    },\n"
            "    \"created_at\": {\n"
            "      \"seconds\": 1764590400,\n"
            "      \"nanos\": 500000000\n"
            "    },\n"
            "    \"description\": \"nightly ci\",\n"
            "    \"created_by\": \"admin@example.com\"\n"
            "  },\n"
            "  {\n"
            "    \"id\": \"22222222-2222-2222-2222-222222222222\",\n"
            "    \"description\": \"夜間ビルド\"\n"
            "  }\n"
            "]\n");
}

TEST(ListJson, ParsesBackAsAnArray) {
  Poco::JSON::Parser parser;
  const auto array =
      parser.parse(RenderList({FullToken(), FullToken()})).extract<Poco::JSON::Array::Ptr>();
  ASSERT_EQ(array->size(), 2u);
  const auto first = array->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("token_prefix"), "M.V1.exam");
  EXPECT_EQ(first->getObject("created_at")->getValue<std::int64_t>("nanos"), 500'000'000);
  EXPECT_FALSE(first->has("token"));
}

TEST(JsonStrings, EveryControlCharacterRoundTrips) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string text = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(DescriptionReadBack(text), text) << "control " << c;
  }
  EXPECT_EQ(DescriptionReadBack("a\x7f"
                                "b"),
            "a\x7f"
            "b");
  EXPECT_EQ(DescriptionReadBack("a\u0085b\u0080\u009f"), "a\u0085b\u0080\u009f");
  EXPECT_EQ(DescriptionReadBack("\u202e\u2066\u2028\u2029"), "\u202e\u2066\u2028\u2029");
  EXPECT_EQ(DescriptionReadBack("quote \" backslash \\ slash /"), "quote \" backslash \\ slash /");
}

TEST(JsonStrings, NonAsciiTextRoundTripsUnescaped) {
  for (std::string text : {"é", "日本", "🔑", "e\u0301", "夜間ビルド 🔑 rotate"}) {
    EXPECT_EQ(DescriptionReadBack(text), text);

    ManagementToken token;
    token.description = text;
    EXPECT_NE(RenderCreated(Created(token)).out.find("\"" + text + "\""), std::string::npos);
  }
}

TEST(JsonStrings, ControlCharactersAreEscapedNeverRaw) {
  ManagementToken token;
  token.description = "\x1b[31m\n\t\x7f\u0085\u202e\"\\";

  const std::string document = RenderCreated(Created(token), false).out;
  EXPECT_NE(document.find(R"("description": "\u001B[31m\n\t\u007F\u0085\u202E\"\\")"),
            std::string::npos)
      << document;

  // Outside the layout's own newlines, nothing in the document is a control
  // character or a C1 control's UTF-8 form.
  for (std::size_t i = 0; i < document.size(); ++i) {
    const auto byte = static_cast<unsigned char>(document[i]);
    EXPECT_TRUE(byte == '\n' || (byte >= 0x20 && byte != 0x7F)) << "byte " << i;
    if (byte == 0xC2 && i + 1 < document.size()) {
      const auto next = static_cast<unsigned char>(document[i + 1]);
      EXPECT_FALSE(next >= 0x80 && next <= 0x9F) << "C1 at " << i;
    }
  }
}

TEST(JsonStrings, InvalidUtf8BecomesReplacementCharacters) {
  // A stray byte; a cut-short sequence; an encoded UTF-16 surrogate; an overlong
  // slash; a value past U+10FFFF. One U+FFFD for each maximal ill-formed piece.
  EXPECT_EQ(DescriptionReadBack("a\xff"
                                "b"),
            "a\uFFFDb");
  EXPECT_EQ(DescriptionReadBack("a\xe6\x97"
                                "b"),
            "a\uFFFDb");
  EXPECT_EQ(DescriptionReadBack("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DescriptionReadBack("\xc0\xaf"), "\uFFFD\uFFFD");
  EXPECT_EQ(DescriptionReadBack("\xf4\x90\x80\x80"), "\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DescriptionReadBack("\xe6\x97\xa5\xe6"), "日\uFFFD");
  EXPECT_EQ(DescriptionReadBack("\"\xff\\\x1b"), "\"\uFFFD\\\x1b");
}

TEST(JsonStrings, EveryByteValueStillYieldsParseableJson) {
  std::string text;
  for (int byte = 0; byte < 256; ++byte) {
    text += static_cast<char>(byte);
  }
  ManagementToken token;
  token.id = text;
  token.description = text;

  Poco::JSON::Parser parser;
  EXPECT_NO_THROW(parser.parse(RenderCreated(Created(token)).out));
  EXPECT_NO_THROW(parser.parse(RenderList({token, token})));
}

TEST(JsonStrings, TokenRoundTrips) {
  CreatedToken created = Created(FullToken());
  created.secret = Secret("M.V1.a+b/c=\"\\");

  Poco::JSON::Parser parser;
  const auto object = parser.parse(RenderCreated(created).out).extract<Poco::JSON::Object::Ptr>();
  EXPECT_EQ(object->getValue<std::string>("token"), "M.V1.a+b/c=\"\\");
}

}  // namespace
}  // namespace influxctl::formats
