// SPDX-License-Identifier: Apache-2.0
//
// The pass output: delivers a new token into one entry of a pass password
// store by running `pass insert --multiline [--force] ENTRY` with the entry's
// text on the child's stdin. The token never appears in a child's argv or
// environment, nor in a log line. Preflight checks, before the token exists,
// everything that can be checked without it: the pass command runs, the store
// is initialised, the entry is free (or overwrite = true) and its folder
// writable, and gpg can encrypt to the store's keys. Deliver leaves the store
// as it was, or with the entry holding the token. One instance serves one
// thread at a time.

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/log.hpp>
#include <influxctl/output.hpp>

#include "child_process.hpp"
#include "pass_settings.hpp"

namespace influxctl::pass {

class PassOutput : public Output {
 public:
  PassOutput(PassOptions options, Log& log) : options_(std::move(options)), log_(log) {}

  std::string Target() const override;
  Status Preflight() override;
  Status Deliver(const CreatedToken& created) override;

 private:
  // The checks of Preflight, each an output error naming what to fix.
  Result<std::string> FindPassCommand() const;
  Status CheckStore() const;
  Status CheckEntryIsFree() const;
  Status CheckPassRuns(const std::string& program) const;
  Status CheckKeysEncrypt() const;

  // The environment of every child: influxctl's own, without its INFLUXCTL_*
  // variables (the cluster credential among them), with PASSWORD_STORE_DIR
  // set to the store. Never the token.
  std::vector<std::string> ChildEnvironment() const;
  Result<ChildOutcome> Run(const std::string& program,
                           std::vector<std::string> args,
                           std::string_view stdin_bytes) const;

  // Puts back what was at the entry's file before a failed insert.
  void RestoreEntry(const std::optional<std::string>& previous) const;

  // "pass entry \"influx/prod/mgmt\": <problem>"
  Error Failure(std::string_view problem) const;

  PassOptions options_;
  Log& log_;
};

}  // namespace influxctl::pass
