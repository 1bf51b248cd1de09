// SPDX-License-Identifier: Apache-2.0
//
// The journal: one JSON line per call the mock answers, so a harness can check
// afterwards what the engine asked for (and that a retried create did not mint
// twice). A line never holds the secret; the entry type has no field for one.
// The file is opened with O_APPEND and each line goes out in one write(), so
// lines from parallel runs and threads never interleave. Safe to share between
// threads.

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/token.hpp>

#include "mock_state.hpp"

namespace influxctl::mock {

// One line. Empty strings and unset values are left out of it.
struct JournalEntry {
  MockCall call = MockCall::kCreate;
  std::optional<std::string> description;
  std::optional<Timestamp> expires_at;
  std::string_view idempotency_key;
  std::string_view token_id;               // the token made (create) or asked for (revoke)
  bool replayed = false;                   // a create answered from its idempotency key
  std::optional<std::size_t> token_count;  // list: how many tokens it returned
  const Error* error = nullptr;            // null: the call succeeded
  Timestamp at;
};

class Journal {
 public:
  // Opens (or creates) the file for appending. Errors are config errors naming
  // the journal setting.
  static Result<Journal> Open(const std::string& path);

  Journal(Journal&& other) noexcept;
  Journal& operator=(Journal&&) = delete;
  ~Journal();

  const std::string& path() const { return path_; }

  // Errors are returned for the caller to log: a journal that cannot be
  // written must not turn a call that took effect into a failure.
  Status Append(const JournalEntry& entry);

 private:
  Journal(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_ = -1;
};

}  // namespace influxctl::mock
