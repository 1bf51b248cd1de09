// SPDX-License-Identifier: Apache-2.0
//
// Writing journal lines. Poco's JSON writer does the escaping, so descriptions
// holding quotes, control characters or any Unicode still make one valid line
// each.

#include "journal.hpp"

#include <Poco/JSON/Object.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <sstream>
#include <utility>

#include <influxctl/time.hpp>

namespace influxctl::mock {

Result<Journal> Journal::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::Config("mock transport setting journal: cannot open " + path + " (" +
                         strerrordesc_np(errno) +
                         "); make sure its folder exists and is writable, or leave journal out");
  }
  return Journal(path, fd);
}

Journal::Journal(Journal&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

Journal::~Journal() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Status Journal::Append(const JournalEntry& entry) {
  std::string line;
  try {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("call", std::string(MockCallName(entry.call)));
    if (entry.description) {
      object.set("description", *entry.description);
    }
    if (entry.expires_at) {
      object.set("expires_at", FormatRfc3339(*entry.expires_at, true));
    }
    if (!entry.idempotency_key.empty()) {
      object.set("idempotency_key", std::string(entry.idempotency_key));
    }
    if (!entry.token_id.empty()) {
      object.set("token_id", std::string(entry.token_id));
    }
    if (entry.replayed) {
      object.set("replayed", true);
    }
    if (entry.token_count) {
      object.set("token_count", static_cast<Poco::UInt64>(*entry.token_count));
    }
    object.set("outcome", std::string(entry.error == nullptr ? "ok" : "error"));
    if (entry.error != nullptr) {
      object.set("error_kind", std::string(KindName(entry.error->kind())));
      object.set("error", entry.error->message());
    }
    object.set("at", FormatRfc3339(entry.at, true));

    std::ostringstream out;
    object.stringify(out);
    line = out.str();
  } catch (const std::exception& e) {
    return Error::Transport("mock journal " + path_ + ": cannot format a line (" + e.what() + ")");
  }
  line += '\n';

  // One write per line: O_APPEND makes each write land whole at the end, so
  // lines never interleave. A short write (a full disk) is not retried, since
  // its remainder could land after another run's line.
  for (;;) {
    ssize_t written = ::write(fd_, line.data(), line.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written < 0) {
      return Error::Transport("mock journal " + path_ + ": cannot append (" +
                              strerrordesc_np(errno) + ")");
    }
    if (static_cast<std::size_t>(written) != line.size()) {
      return Error::Transport("mock journal " + path_ + ": only part of a line was written");
    }
    return Status::Ok();
  }
}

}  // namespace influxctl::mock
