// SPDX-License-Identifier: Apache-2.0
//
// The env-file output: writes a new management token into a dotenv file that
// both sh (`set -a; . FILE`) and dotenv parsers read. Preflight checks the
// folder, the file and the lock without leaving anything behind; Deliver
// locks `<file>.lock`, reads the file, edits it (dotenv_edit.hpp) and
// replaces it atomically (influxctl/atomic_file.hpp), so it either holds the
// token or is exactly as it was. Logs name the file and the variables, never a value.

#pragma once

#include <string>

#include <influxctl/log.hpp>
#include <influxctl/output.hpp>

#include "env_file_options.hpp"

namespace influxctl::env_file {

class EnvFileOutput : public Output {
 public:
  EnvFileOutput(EnvFileOptions options, Log& log) : options_(std::move(options)), log_(log) {}

  // "/srv/app/.env (INFLUX_MGMT_TOKEN)", with the id and expiry variables
  // after the token's when they are set.
  std::string Target() const override;

  Status Preflight() override;
  Status Deliver(const CreatedToken& created) override;

 private:
  Status DeliverTo(const std::string& file, const CreatedToken& created);

  EnvFileOptions options_;
  Log& log_;
};

}  // namespace influxctl::env_file
