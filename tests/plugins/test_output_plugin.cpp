// SPDX-License-Identifier: Apache-2.0
//
// An output for tests of delivery (SPEC §6). On success Deliver writes the
// secret, alone on one line, to `path`, so a test can see the token reached
// it. `fail_in` makes Preflight or Deliver fail ("preflight", "deliver"), and
// `fail_how` says how: "error" returns an output error, "throw" throws
// std::runtime_error. `fail_in = "target"` makes Target() throw, since it has
// no error to return. It never logs the secret.

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <influxctl/plugin.hpp>

namespace influxctl::test_plugins {
namespace {

constexpr SettingSpec kSettings[] = {
    {"path", SettingType::kPath, false, "", "file Deliver writes the secret to; unset: none"},
    {"fail_in", SettingType::kString, false, "none",
     "which step fails: none, target, preflight, deliver"},
    {"fail_how", SettingType::kString, false, "error", "how it fails: error or throw"},
};

class TestOutput : public Output {
 public:
  TestOutput(std::string path, std::string fail_in, std::string fail_how, Log& log)
      : path_(std::move(path)),
        fail_in_(std::move(fail_in)),
        fail_how_(std::move(fail_how)),
        log_(log) {}

  std::string Target() const override {
    if (fail_in_ == "target") {
      throw std::runtime_error("test-output: Target threw on purpose");
    }
    return path_.empty() ? "(nowhere)" : path_;
  }

  Status Preflight() override { return MaybeFail("preflight"); }

  Status Deliver(const CreatedToken& created) override {
    if (Status failed = MaybeFail("deliver"); !failed.ok()) {
      return failed;
    }
    if (!path_.empty()) {
      std::ofstream out(path_, std::ios::trunc);
      out << created.secret.Reveal() << "\n";
      if (!out.flush()) {
        return Error::Output("test-output: cannot write " + path_);
      }
    }
    log_.Debug("test-output: delivered token " + created.token.id);
    return Status::Ok();
  }

 private:
  Status MaybeFail(const std::string& step) {
    if (fail_in_ != step) {
      return Status::Ok();
    }
    if (fail_how_ == "throw") {
      throw std::runtime_error("test-output: " + step + " threw on purpose");
    }
    return Error::Output("test-output: " + step + " failed on purpose");
  }

  std::string path_;
  std::string fail_in_;
  std::string fail_how_;
  Log& log_;
};

Result<std::unique_ptr<Output>> MakeOutput(const OutputContext& context) {
  return std::unique_ptr<Output>(std::make_unique<TestOutput>(
      context.settings.String("path").value_or(""),
      context.settings.String("fail_in").value_or("none"),
      context.settings.String("fail_how").value_or("error"), context.log));
}

}  // namespace

extern const PluginDescriptor kTestOutputDescriptor = {
    .kind = PluginKind::kOutput,
    .name = "test-output",
    .version = "0.0.1",
    .summary = "test output that records the token or fails on request",
    .settings = kSettings,
    .make_output = &MakeOutput,
};

}  // namespace influxctl::test_plugins

INFLUXCTL_PLUGIN(influxctl::test_plugins::kTestOutputDescriptor)
