// SPDX-License-Identifier: Apache-2.0
//
// Every flag and argument influxctl refuses: exit status 2, a message on
// stderr that quotes what was typed and shows what would work, nothing on
// stdout, and nothing sent: the mock's journal records no call and its state
// holds no token.

#include <regex>

#include "e2e_test.hpp"

namespace influxctl::e2e {
namespace {

// An RFC 3339 example in a message: date, time and a Z or ±hh:mm offset.
const std::regex kValidExample(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))");

class ValidationTest : public E2eTest {
 protected:
  void SetUp() override {
    E2eTest::SetUp();
    config_ = WriteMockConfig().string();
  }

  RunResult Create(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_, "management", "create"});
    return Run(args);
  }

  // The contract every refusal keeps.
  void ExpectRefusedBeforeSending(const RunResult& run) {
    EXPECT_EQ(run.exit_code, 2) << run;
    EXPECT_EQ(run.out, "") << run;
    EXPECT_TRUE(run.err.starts_with("error: ")) << run;
    EXPECT_EQ(JournalCalls("create"), 0) << "a create reached the mock";
    EXPECT_TRUE(MockTokens().empty()) << "the mock holds a token";
  }

  std::string config_;
};

TEST_F(ValidationTest, ANonExistentDateIsRefused) {
  RunResult run = Create({"--expires-at", "2027-02-30T00:00:00Z"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"2027-02-30T00:00:00Z\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("28 days"), std::string::npos) << run;
  EXPECT_TRUE(std::regex_search(run.err, kValidExample)) << run;
}

TEST_F(ValidationTest, AnOffsetWithoutColonIsRefusedWithTheFix) {
  RunResult run = Create({"--expires-at", "2030-01-01T00:00:00+0000"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"2030-01-01T00:00:00+0000\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("+00:00"), std::string::npos) << "the fix is not shown" << run;
  EXPECT_TRUE(std::regex_search(run.err, kValidExample)) << run;
}

TEST_F(ValidationTest, APastInstantIsRefused) {
  RunResult run = Create({"--expires-at", "2020-01-01T00:00:00Z"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("2020-01-01T00:00:00Z"), std::string::npos) << run;
  EXPECT_NE(run.err.find("future"), std::string::npos) << run;
  // The example offered must itself be usable: not the input again.
  std::smatch example;
  std::string rest = run.err.substr(run.err.find("2020-01-01T00:00:00Z") + 20);
  ASSERT_TRUE(std::regex_search(rest, example, kValidExample)) << run;
  EXPECT_GT(example.str(), "2020-01-01T00:00:00Z");
}

TEST_F(ValidationTest, ADateAloneIsRefused) {
  RunResult run = Create({"--expires-at", "2030-01-01"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"2030-01-01\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("2030-01-01T00:00:00Z"), std::string::npos) << run;
}

TEST_F(ValidationTest, ATimeWithoutOffsetIsRefused) {
  RunResult run = Create({"--expires-at", "2030-01-01T00:00:00"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"2030-01-01T00:00:00\""), std::string::npos) << run;
  EXPECT_TRUE(std::regex_search(run.err, kValidExample)) << run;
}

TEST_F(ValidationTest, AnEmptyDescriptionIsRefused) {
  RunResult run = Create({"--description", ""});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--description"), std::string::npos) << run;
  EXPECT_NE(run.err.find("empty"), std::string::npos) << run;
}

TEST_F(ValidationTest, ABlankDescriptionIsRefused) {
  RunResult run = Create({"--description", "   "});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--description"), std::string::npos) << run;
  EXPECT_NE(run.err.find("blank"), std::string::npos) << run;
}

TEST_F(ValidationTest, ANewlineInTheDescriptionIsRefused) {
  RunResult run = Create({"--description", "nightly\nci"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("U+000A"), std::string::npos) << run;
  // The message itself is one line: the newline was not echoed raw.
  EXPECT_EQ(Lines(run.err).size(), 1u) << run;
}

TEST_F(ValidationTest, AnEscapeInTheDescriptionIsRefused) {
  RunResult run = Create({"--description", "nightly \x1b[31mci"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("U+001B"), std::string::npos) << run;
  EXPECT_EQ(run.err.find('\x1b'), std::string::npos) << "a raw ESC reached stderr";
}

// Other characters a terminal acts on, and text that is not UTF-8.
class DescriptionCharacterTest : public ValidationTest,
                                 public ::testing::WithParamInterface<const char*> {};

TEST_P(DescriptionCharacterTest, IsRefused) {
  RunResult run = Create({"--description", std::string("nightly") + GetParam() + "ci"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--description"), std::string::npos) << run;
  EXPECT_EQ(run.err.find(GetParam()), std::string::npos) << "echoed raw" << run;
}

std::string CharacterName(const ::testing::TestParamInfo<const char*>& info) {
  constexpr const char* kNames[] = {"Tab", "Delete", "NextLine", "BidiOverride", "NotUtf8"};
  return kNames[info.index];
}

INSTANTIATE_TEST_SUITE_P(Characters,
                         DescriptionCharacterTest,
                         ::testing::Values("\t", "\x7f", "\xc2\x85", "\xe2\x80\xae", "\xff"),
                         CharacterName);

// Instants that do not exist or are not written in RFC 3339.
class ExpiresAtSyntaxTest : public ValidationTest,
                            public ::testing::WithParamInterface<const char*> {};

TEST_P(ExpiresAtSyntaxTest, IsRefusedQuotingTheInput) {
  RunResult run = Create({"--expires-at", GetParam()});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find(std::string("\"") + GetParam() + "\""), std::string::npos) << run;
  EXPECT_TRUE(std::regex_search(run.err, kValidExample)) << run;
}

INSTANTIATE_TEST_SUITE_P(Inputs,
                         ExpiresAtSyntaxTest,
                         ::testing::Values("2030-13-01T00:00:00Z",
                                           "2030-06-01T25:00:00Z",
                                           "2030-06-01T12:00:00+25:00",
                                           "2029-02-29T00:00:00Z",
                                           "2030-06-01 12:00:00Z",
                                           "2030-06-01T12:00Z",
                                           "tomorrow",
                                           "1906538400"),
                         [](const auto& info) { return "Input" + std::to_string(info.index); });

TEST_F(ValidationTest, ExpireAtIsNotAFlagAndSuggestsExpiresAt) {
  RunResult run = Create({"--expire-at", "2030-01-01T00:00:00Z"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--expire-at"), std::string::npos) << run;
  EXPECT_NE(run.err.find("did you mean --expires-at"), std::string::npos) << run;
}

TEST_F(ValidationTest, FlagsAreNotMatchedByPrefix) {
  RunResult run = Create({"--desc", "x"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--desc"), std::string::npos) << run;
}

TEST_F(ValidationTest, AnUnknownFormatListsTheValidOnes) {
  RunResult run = Create({"--format", "yaml"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"yaml\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("table, json"), std::string::npos) << run;
}

TEST_F(ValidationTest, AFormatTypoIsRefused) {
  RunResult create = Create({"--format", "jsno"});
  ExpectRefusedBeforeSending(create);
  EXPECT_NE(create.err.find("\"jsno\""), std::string::npos) << create;
  EXPECT_NE(create.err.find("table, json"), std::string::npos) << create;

  RunResult list = Run({"--config", config_, "management", "list", "--format", "Table"});
  EXPECT_EQ(list.exit_code, 2) << list;
  EXPECT_EQ(list.out, "") << list;
  EXPECT_NE(list.err.find("\"Table\""), std::string::npos) << list;
  EXPECT_EQ(JournalCalls("list"), 0);
}

TEST_F(ValidationTest, AnUnknownCommandSuggestsTheNearest) {
  RunResult run = Run({"--config", config_, "managment", "create"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"managment\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"management\""), std::string::npos) << run;
}

TEST_F(ValidationTest, AnUnknownSubcommandSuggestsTheNearest) {
  RunResult run = Run({"--config", config_, "management", "crate"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"crate\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"create\""), std::string::npos) << run;
}

TEST_F(ValidationTest, AGroupWithoutCommandIsRefused) {
  RunResult run = Run({"--config", config_, "management"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("management --help"), std::string::npos) << run;
}

TEST_F(ValidationTest, AnUnexpectedArgumentIsRefused) {
  RunResult run = Create({"nightly"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"nightly\""), std::string::npos) << run;
}

TEST_F(ValidationTest, AGarbageTimeoutIsRefused) {
  RunResult run = Run({"--config", config_, "--timeout", "soon", "management", "create"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("--timeout"), std::string::npos) << run;
  EXPECT_NE(run.err.find("\"soon\""), std::string::npos) << run;
  EXPECT_NE(run.err.find("30s"), std::string::npos) << "no valid example" << run;
}

TEST_F(ValidationTest, ATimeoutWithoutUnitIsRefused) {
  RunResult run = Run({"--config", config_, "--timeout", "30", "management", "create"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("\"30\""), std::string::npos) << run;
}

TEST_F(ValidationTest, AGlobalFlagWithoutItsValueIsRefused) {
  RunResult run = Run({"--config"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("'--config'"), std::string::npos) << run;
  // The command it suggests is one a user can run as printed.
  EXPECT_NE(run.err.find("\"influxctl --help\""), std::string::npos) << run;
}

TEST_F(ValidationTest, AnUnknownSortIsRefusedBeforeListing) {
  RunResult run = Run({"--config", config_, "management", "list", "--sort", "age"});

  EXPECT_EQ(run.exit_code, 2) << run;
  EXPECT_EQ(run.out, "") << run;
  EXPECT_NE(run.err.find("\"age\""), std::string::npos) << run;
  EXPECT_EQ(JournalCalls("list"), 0);
}

TEST_F(ValidationTest, APresetIsValidatedLikeTheFlagItStandsFor) {
  std::string config = WriteFile("preset.toml", R"([[profile]]
name = "default"
[profile.transport]
plugin = "mock"
state_file = "state.json"
journal = "journal.jsonl"
[profile.defaults]
expires_at = "2020-01-01T00:00:00Z"
)")
                           .string();
  RunResult run = Run({"--config", config, "management", "create"});

  ExpectRefusedBeforeSending(run);
  EXPECT_NE(run.err.find("2020-01-01T00:00:00Z"), std::string::npos) << run;
}

}  // namespace
}  // namespace influxctl::e2e
