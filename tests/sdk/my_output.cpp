// SPDX-License-Identifier: Apache-2.0
//
// my-output: the example output plugin of docs/plugin-sdk.md, built out of
// tree against the installed SDK. It writes the new token's id and the token
// to a file readable by its owner only (mode 0600), "<id>\n<token>\n".
// Preflight checks that the file's folder exists and the file does not, so
// that a failure costs no token; Deliver creates the file exclusively, so it
// never replaces anything. It never logs the token.

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <influxctl/plugin.hpp>

namespace my_output {
namespace {

constexpr influxctl::SettingSpec kSettings[] = {
    {"path", influxctl::SettingType::kPath, true, "", "file that receives the id and the token"},
};

class MyOutput : public influxctl::Output {
 public:
  MyOutput(std::string path, influxctl::Log& log) : path_(std::move(path)), log_(log) {}

  std::string Target() const override { return path_; }

  influxctl::Status Preflight() override {
    std::filesystem::path folder = std::filesystem::path(path_).parent_path();
    if (!std::filesystem::is_directory(folder)) {
      return influxctl::Error::Output("my-output: folder " + folder.string() + " does not exist");
    }
    if (std::filesystem::exists(path_)) {
      return influxctl::Error::Output("my-output: " + path_ + " exists already");
    }
    return influxctl::Status::Ok();
  }

  influxctl::Status Deliver(const influxctl::CreatedToken& created) override {
    int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return influxctl::Error::Output("my-output: cannot create " + path_);
    }
    std::string text = created.token.id + "\n" + created.secret.Reveal() + "\n";
    bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    written = ::close(fd) == 0 && written;
    if (!written) {
      ::unlink(path_.c_str());
      return influxctl::Error::Output("my-output: cannot write " + path_);
    }
    log_.Info("my-output: wrote token " + created.token.id + " to " + path_);
    return influxctl::Status::Ok();
  }

 private:
  std::string path_;
  influxctl::Log& log_;
};

influxctl::Result<std::unique_ptr<influxctl::Output>> Make(
    const influxctl::OutputContext& context) {
  return std::unique_ptr<influxctl::Output>(
      std::make_unique<MyOutput>(*context.settings.String("path"), context.log));
}

}  // namespace

extern const influxctl::PluginDescriptor kDescriptor = {
    .kind = influxctl::PluginKind::kOutput,
    .name = "my-output",
    .version = "1.0.0",
    .summary = "writes the token id and the token to a new file (mode 0600)",
    .settings = kSettings,
    .make_output = &Make,
};

}  // namespace my_output

INFLUXCTL_PLUGIN(my_output::kDescriptor)
