// SPDX-License-Identifier: Apache-2.0
//
// The pass output (see pass_output.hpp). Every child is started by
// RunChild with an argv of options and the entry name only; the token travels
// as stdin bytes. Checks read the store's files rather than running
// `pass show`, which would need the private key and print a secret.

#include "pass_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "entry_text.hpp"
#include "password_store.hpp"

namespace influxctl::pass {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFallbackPath = "/usr/bin:/bin";
// What the trial encryption of the preflight encrypts.
constexpr std::string_view kTrialText = "influxctl pass output preflight\n";

std::string SearchPath() {
  const char* path = std::getenv("PATH");
  return path != nullptr && *path != '\0' ? path : std::string(kFallbackPath);
}

std::string EnvironmentValue(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string Joined(const std::vector<std::string>& words, std::string_view separator) {
  std::string joined;
  for (const std::string& word : words) {
    joined += (joined.empty() ? "" : std::string(separator)) + word;
  }
  return joined;
}

// The keys pass would encrypt the entry to, and where they came from.
struct Recipients {
  std::vector<std::string> ids;
  std::string source;  // "PASSWORD_STORE_KEY" or the .gpg-id file
};

Result<Recipients> FindRecipients(const PassOptions& options) {
  if (std::string from_env = EnvironmentValue("PASSWORD_STORE_KEY"); !from_env.empty()) {
    return Recipients{SplitWords(from_env), "PASSWORD_STORE_KEY"};
  }
  const std::string init_hint =
      "run \"PASSWORD_STORE_DIR=" + options.store + " pass init YOUR-GPG-KEY-ID\" first";
  auto gpg_id = FindGpgIdFile(options.store, options.entry);
  if (!gpg_id) {
    return Error::Output("the password store " + options.store +
                         " is not initialised (it has no .gpg-id file); " + init_hint);
  }
  auto ids = ReadGpgIds(*gpg_id);
  if (!ids.ok()) {
    return ids.error();
  }
  if (ids.value().empty()) {
    return Error::Output(gpg_id->string() + " names no GnuPG key; " + init_hint);
  }
  return Recipients{std::move(ids).value(), gpg_id->string()};
}

std::optional<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return in.bad() ? std::nullopt : std::optional(std::move(bytes));
}

// Replaces `path` with `bytes` through a file beside it, so a reader sees the
// old or the new content, never a part.
bool ReplaceFile(const fs::path& path, const std::string& bytes) {
  fs::path temporary = path;
  temporary += ".influxctl-restore";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return false;
  }
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t put = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (put <= 0) {
      break;
    }
    done += static_cast<std::size_t>(put);
  }
  bool written = done == bytes.size() && ::fsync(fd) == 0;
  written = ::close(fd) == 0 && written;
  std::error_code error;
  if (written) {
    fs::rename(temporary, path, error);
  }
  if (!written || error) {
    fs::remove(temporary, error);
    return false;
  }
  return true;
}

}  // namespace

std::string PassOutput::Target() const {
  return "pass entry \"" + options_.entry + "\" in " + options_.store;
}

Error PassOutput::Failure(std::string_view problem) const {
  return Error::Output("pass entry \"" + options_.entry + "\": " + std::string(problem));
}

std::vector<std::string> PassOutput::ChildEnvironment() const {
  std::vector<std::string> env;
  for (std::string& variable : CurrentEnvironment()) {
    if (variable.starts_with("INFLUXCTL_") || variable.starts_with("PASSWORD_STORE_DIR=")) {
      continue;
    }
    env.push_back(std::move(variable));
  }
  env.push_back("PASSWORD_STORE_DIR=" + options_.store);
  return env;
}

Result<ChildOutcome> PassOutput::Run(const std::string& program,
                                     std::vector<std::string> args,
                                     std::string_view stdin_bytes) const {
  if (log_.Enabled(LogLevel::kTrace)) {
    log_.Trace("running " + program + " " + Joined(args, " ") + " (PASSWORD_STORE_DIR=" +
               options_.store + ", " + std::to_string(stdin_bytes.size()) + " bytes on stdin)");
  }
  ChildCommand command{program, std::move(args), ChildEnvironment(), options_.timeout};
  return RunChild(command, stdin_bytes);
}

Result<std::string> PassOutput::FindPassCommand() const {
  const std::string& command = options_.pass_command;
  if (auto program = FindExecutable(command, SearchPath())) {
    return *program;
  }
  if (command.find('/') != std::string::npos) {
    return Failure("pass_command \"" + command +
                   "\" is not an executable file; set pass_command to the path of pass");
  }
  return Failure("the pass command \"" + command + "\" was not found on PATH (" + SearchPath() +
                 "); install pass (Debian: apt-get install pass) or set pass_command to its path");
}

Status PassOutput::CheckStore() const {
  std::error_code error;
  if (!fs::exists(options_.store, error)) {
    return Failure("the password store " + options_.store + " does not exist; create it with " +
                   "\"PASSWORD_STORE_DIR=" + options_.store + " pass init YOUR-GPG-KEY-ID\"" +
                   (options_.store_is_set ? "" : " or set store in this output"));
  }
  if (!fs::is_directory(options_.store, error)) {
    return Failure("the password store " + options_.store + " is not a folder");
  }
  auto recipients = FindRecipients(options_);
  if (!recipients.ok()) {
    return Failure(recipients.error().message());
  }
  return Status::Ok();
}

Status PassOutput::CheckEntryIsFree() const {
  fs::path file = EntryFile(options_.store, options_.entry);
  std::error_code error;
  if (fs::is_directory(file, error)) {
    return Failure(file.string() + " is a folder, not an entry; choose another entry name");
  }
  if (!fs::exists(file, error)) {
    return Status::Ok();
  }
  if (!options_.overwrite) {
    return Failure("the entry already exists (" + file.string() +
                   "); set overwrite = true in this output to replace it, or choose another "
                   "entry");
  }
  log_.Debug("entry " + options_.entry + " exists and will be replaced (overwrite = true)");
  return Status::Ok();
}

Status PassOutput::CheckPassRuns(const std::string& program) const {
  auto outcome = Run(program, {"version"}, "");
  if (!outcome.ok()) {
    return Failure(outcome.error().message());
  }
  if (!outcome.value().ok()) {
    return Failure("\"" + program + " version\" " +
                   DescribeOutcome(outcome.value(), options_.timeout) +
                   "; check that pass_command names a working pass");
  }
  return Status::Ok();
}

Status PassOutput::CheckKeysEncrypt() const {
  auto recipients = FindRecipients(options_);
  if (!recipients.ok()) {
    return Failure(recipients.error().message());
  }
  // pass prefers gpg2 when there is one; so does this check.
  auto gpg = FindExecutable("gpg2", SearchPath());
  if (!gpg) {
    gpg = FindExecutable("gpg", SearchPath());
  }
  if (!gpg) {
    return Failure("gpg was not found on PATH (" + SearchPath() +
                   "); pass needs GnuPG (Debian: apt-get install gnupg)");
  }

  std::vector<std::string> args = SplitWords(EnvironmentValue("PASSWORD_STORE_GPG_OPTS"));
  args.insert(args.end(), {"--batch", "--quiet", "--yes", "--no-encrypt-to", "--compress-algo=none",
                           "--output", "/dev/null", "--encrypt"});
  for (const std::string& id : recipients.value().ids) {
    args.insert(args.end(), {"--recipient", id});
  }
  auto outcome = Run(*gpg, std::move(args), kTrialText);
  if (!outcome.ok()) {
    return Failure(outcome.error().message());
  }
  if (!outcome.value().ok()) {
    return Failure("gpg cannot encrypt to the store's key(s) " +
                   Joined(recipients.value().ids, ", ") + " (from " + recipients.value().source +
                   "): gpg " + DescribeOutcome(outcome.value(), options_.timeout) +
                   "; import and trust the public key(s) in this GnuPG home, or run \"pass "
                   "init\" with a key it has");
  }
  log_.Debug("gpg can encrypt to " + Joined(recipients.value().ids, ", "));
  return Status::Ok();
}

Status PassOutput::Preflight() {
  auto program = FindPassCommand();
  if (!program.ok()) {
    return program.error();
  }
  if (Status store = CheckStore(); !store.ok()) {
    return store;
  }
  if (Status free = CheckEntryIsFree(); !free.ok()) {
    return free;
  }
  if (Status writable = CheckEntryFolderWritable(options_.store, options_.entry); !writable.ok()) {
    return Failure(writable.error().message());
  }
  if (Status runs = CheckPassRuns(program.value()); !runs.ok()) {
    return runs;
  }
  if (options_.check_key) {
    if (Status encrypts = CheckKeysEncrypt(); !encrypts.ok()) {
      return encrypts;
    }
  }
  log_.Debug("preflight passed: " + program.value() + " can write " + Target());
  return Status::Ok();
}

void PassOutput::RestoreEntry(const std::optional<std::string>& previous) const {
  fs::path file = EntryFile(options_.store, options_.entry);
  std::error_code error;
  if (previous) {
    if (ReplaceFile(file, *previous)) {
      log_.Warning("put the previous content of entry " + options_.entry + " back");
    } else {
      log_.Warning("could not put the previous content of " + file.string() + " back");
    }
  } else if (fs::remove(file, error)) {
    log_.Warning("removed what the failed insert left at " + file.string());
  }
}

Status PassOutput::Deliver(const CreatedToken& created) {
  // Without a terminal pass replaces an existing entry without asking, so
  // the preflight's answer is checked again just before the insert.
  fs::path file = EntryFile(options_.store, options_.entry);
  std::error_code error;
  bool existed = fs::exists(file, error);
  if (existed && !options_.overwrite) {
    return Failure("the entry appeared after the preflight (" + file.string() +
                   "); it was left as it is");
  }
  std::optional<std::string> previous;
  if (existed) {
    previous = ReadWholeFile(file);
    if (!previous) {
      return Failure("cannot read the existing " + file.string() +
                     ", which is kept to be put back if the insert fails");
    }
  }

  auto program = FindPassCommand();
  if (!program.ok()) {
    return program.error();
  }
  auto text = EntryText(created, options_.metadata);
  if (!text.ok()) {
    return Failure(text.error().message());
  }

  std::vector<std::string> args{"insert", "--multiline"};
  if (options_.overwrite) {
    args.emplace_back("--force");
  }
  args.push_back(options_.entry);
  log_.Debug("storing token " + created.token.id + " with \"" + program.value() + " " +
             Joined(args, " ") + "\"; the token goes on its stdin");
  auto outcome = Run(program.value(), std::move(args), text.value().Reveal());
  if (!outcome.ok()) {
    RestoreEntry(previous);
    return Failure(outcome.error().message());
  }
  if (!outcome.value().ok()) {
    RestoreEntry(previous);
    return Failure("\"pass insert\" " + DescribeOutcome(outcome.value(), options_.timeout));
  }
  if (!fs::is_regular_file(file, error)) {
    RestoreEntry(previous);
    return Failure("\"pass insert\" reported success, but " + file.string() +
                   " does not exist; check that pass_command writes to the store " +
                   options_.store);
  }
  log_.Info("stored token " + created.token.id + " in " + Target());
  return Status::Ok();
}

}  // namespace influxctl::pass
