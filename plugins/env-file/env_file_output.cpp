// SPDX-License-Identifier: Apache-2.0
//
// The env-file output (see env_file_output.hpp). Every error it returns
// starts with "env-file: " and names the file; file contents, which hold this
// and other secrets, are wiped from memory as soon as they are done with.

#include "env_file_output.hpp"

#include <vector>

#include <influxctl/atomic_file.hpp>
#include <influxctl/time.hpp>

#include "dotenv_edit.hpp"
#include "file_update.hpp"

namespace influxctl::env_file {
namespace {

// What a user raises when another run holds the lock for too long.
constexpr std::string_view kLockTimeoutSetting = "\"lock_timeout\"";

Error Failed(const Error& error) {
  return error.WithContext("env-file");
}

// Wipes a string that held file contents when it goes out of scope.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string& text) : text_(text) {}
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;
  ~WipeOnExit() { Wipe(text_); }

 private:
  std::string& text_;
};

std::string JoinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) {
    joined += (joined.empty() ? "" : ", ") + name;
  }
  return joined;
}

}  // namespace

std::string EnvFileOutput::Target() const {
  return options_.path + " (" + JoinNames(options_.Variables()) + ")";
}

Status EnvFileOutput::Preflight() {
  // The file behind the path, and the folder the new file will be made in.
  Result<std::string> target = ResolveTarget(options_.path);
  if (!target.ok()) {
    return Failed(target.error());
  }
  const std::string& file = target.value();
  if (Status folder = CheckFolder(FolderOf(file)); !folder.ok()) {
    return Failed(folder.error());
  }

  // An existing file: a regular file this process may read and write, in a
  // dialect it can edit, and within the file size limit.
  Result<ExistingFile> existing = ReadExisting(file);
  if (!existing.ok()) {
    return Failed(existing.error());
  }
  ExistingFile& current = existing.value();
  WipeOnExit wipe(current.text);
  if (current.exists) {
    if (Status parsed = CheckDotenv(current.text); !parsed.ok()) {
      return Failed(Error::Output("cannot update " + file + ": " + parsed.error().message() +
                                  "; fix the file, then run again"));
    }
    auto limit = FileSizeLimit();
    if (limit && current.text.size() > *limit) {
      return Failed(Error::Output("cannot update " + file + ": it is " +
                                  std::to_string(current.text.size()) +
                                  " bytes, more than the file size limit (ulimit -f) of " +
                                  std::to_string(*limit) + " bytes"));
    }
  }

  // A file can be made next to it, with its owner and mode; then the lock.
  if (Status probed = CheckReplaceable(file); !probed.ok()) {
    return Failed(probed.error());
  }
  Result<FileLock> lock =
      FileLock::AcquireIfExists(file + ".lock", options_.lock_timeout, kLockTimeoutSetting);
  if (!lock.ok()) {
    return Failed(lock.error());
  }
  if (log_.Enabled(LogLevel::kTrace)) {
    log_.Trace("preflight passed for " + Target() + ": " +
               (current.exists ? "the file exists and can be updated"
                               : "the file will be created with mode 0600") +
               (file != options_.path ? " (through the link to " + file + ")" : ""));
  }
  return Status::Ok();
}

Status EnvFileOutput::Deliver(const CreatedToken& created) {
  Result<std::string> target = ResolveTarget(options_.path);
  if (!target.ok()) {
    return Failed(target.error());
  }
  const std::string& file = target.value();
  Status delivered = DeliverTo(file, created);
  return delivered.ok() ? delivered : Failed(delivered.error());
}

Status EnvFileOutput::DeliverTo(const std::string& file, const CreatedToken& created) {
  // What is written: the token, then the id and the expiry when asked for.
  // The expiry to the second, as the table shows it; a fraction is cut, so
  // the time written is never later than the real one.
  std::string expiry;
  if (created.token.expires_at) {
    expiry = FormatRfc3339(*created.token.expires_at);
  }
  std::vector<Assignment> assignments{{options_.variable, created.secret.Reveal()}};
  if (!options_.id_variable.empty()) {
    assignments.push_back({options_.id_variable, created.token.id});
  }
  if (!options_.expires_variable.empty()) {
    assignments.push_back({options_.expires_variable, expiry});
  }

  // Read, edit and replace under the lock, so that a concurrent run's update
  // to another variable is read before this one writes.
  Result<FileLock> lock =
      FileLock::Acquire(file + ".lock", options_.lock_timeout, kLockTimeoutSetting);
  if (!lock.ok()) {
    return lock.error();
  }
  log_.Trace("locked " + file + ".lock");
  Result<ExistingFile> existing = ReadExisting(file);
  if (!existing.ok()) {
    return existing.error();
  }
  WipeOnExit wipe_existing(existing.value().text);
  Result<Edited> edited = EditDotenv(existing.value().text, assignments, options_.export_all);
  if (!edited.ok()) {
    return edited.error().WithContext("cannot update " + file);
  }
  WipeOnExit wipe_edited(edited.value().text);
  for (const std::string& note : edited.value().notes) {
    log_.Trace(file + ": " + note);
  }
  Status replaced = ReplaceFile(file, edited.value().text, {.log = &log_});
  if (!replaced.ok()) {
    return replaced;
  }
  log_.Debug("wrote token " + created.token.id + " to " + Target() +
             (existing.value().exists ? "" : ", a new file with mode 0600"));
  if (edited.value().crlf) {
    log_.Warning(file +
                 " has CRLF line breaks, so the token's line has them too: dotenv "
                 "parsers read it, but sh keeps the CR in every value it reads from this "
                 "file; convert the file to LF line breaks if sh sources it");
  }
  return Status::Ok();
}

}  // namespace influxctl::env_file
