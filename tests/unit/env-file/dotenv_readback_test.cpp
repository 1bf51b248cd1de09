// SPDX-License-Identifier: Apache-2.0
//
// What the edit writes is read back unchanged by the readers it promises:
// tokens with '#', quotes, '$', backslashes, '=', spaces and non-ASCII
// letters, written by EditDotenv into a real file, then read by POSIX sh
// (`set -a; . FILE`) and, where python-dotenv is installed, by its parser.
// Mock tokens never hold such characters, so this is where they are tested.
// ("${" is refused: python-dotenv expands it even between single quotes.)

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../../plugins/env-file/dotenv_edit.hpp"

namespace influxctl::env_file {
namespace {

// Awkward for one dialect or another, but representable in both.
const std::vector<std::string> kAwkwardValues = {
    "M.V1.plain+base64/=",
    "hash # inside",
    "#starts-with-hash",
    "double \"quotes\" here",
    "dollar $HOME $(id) `id` $ {",
    "back\\slash and \\n not a newline",
    "\\leading backslash",
    "a=b==c",
    "  spaces around  ",
    "unicode caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x94\x91",
    "",
};

class ReadbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "dotenv-readback-XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    file_ = dir_ / "test.env";

    // One edit for all values, on top of lines a real file has.
    std::vector<std::string> names;
    std::vector<Assignment> assignments;
    for (std::size_t i = 0; i < kAwkwardValues.size(); ++i) {
      names.push_back("V" + std::to_string(i));
    }
    for (std::size_t i = 0; i < kAwkwardValues.size(); ++i) {
      assignments.push_back({names[i], kAwkwardValues[i]});
    }
    Result<Edited> edited =
        EditDotenv("# comment\nV0=old\nexport OTHER=1\n", assignments, /*export_all=*/false);
    ASSERT_TRUE(edited.ok()) << edited.error().message();
    std::ofstream(file_, std::ios::binary) << edited.value().text;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs `command` with the file's path in $F; its stdout.
  std::string Capture(const std::string& command) {
    std::string line = "F='" + file_.string() + "'; " + command;
    FILE* pipe = ::popen(line.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    std::size_t got;
    while (pipe != nullptr && (got = ::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
      out.append(buffer, got);
    }
    status_ = pipe != nullptr ? ::pclose(pipe) : -1;
    return out;
  }

  std::filesystem::path dir_;
  std::filesystem::path file_;
  int status_ = 0;
};

// NUL-separated values, so empty ones and spaces survive the trip.
std::vector<std::string> SplitNul(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\0', start)) != std::string::npos; start = end + 1) {
    parts.push_back(text.substr(start, end - start));
  }
  return parts;
}

TEST_F(ReadbackTest, ShReadsEveryValueBackExactly) {
  // popen runs /bin/sh: source the file there, print each value and a NUL.
  std::string script = "set -a; . \"$F\"; printf '%s\\0'";
  for (std::size_t i = 0; i < kAwkwardValues.size(); ++i) {
    script += " \"$V" + std::to_string(i) + "\"";
  }
  std::string out = Capture(script);
  ASSERT_EQ(status_, 0);
  EXPECT_EQ(SplitNul(out), kAwkwardValues);
}

TEST_F(ReadbackTest, PythonDotenvReadsEveryValueBackExactly) {
  Capture("python3 -c 'import dotenv' >/dev/null 2>&1");
  if (status_ != 0) {
    GTEST_SKIP() << "python-dotenv is not installed (pip install python-dotenv)";
  }
  std::string out = Capture(
      "python3 -c 'import sys, dotenv; v = dotenv.dotenv_values(sys.argv[1]); "
      "sys.stdout.write(\"\".join(v[\"V%d\" % i] + \"\\0\" for i in range(int(sys.argv[2]))))' "
      "\"$F\" " +
      std::to_string(kAwkwardValues.size()));
  ASSERT_EQ(status_, 0);
  EXPECT_EQ(SplitNul(out), kAwkwardValues);
}

}  // namespace
}  // namespace influxctl::env_file
