// SPDX-License-Identifier: Apache-2.0
//
// The interface an output plugin implements: deliver a newly created token to
// one place (a file, a secret store). Preflight runs before the token exists
// and must find every failure it can without side effects, because a failure
// after creation costs a revoke. Deliver is all-or-nothing: it leaves the
// target as it was, or holding the token. Neither ever logs the secret.

#pragma once

#include <string>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>
#include <influxctl/settings.hpp>
#include <influxctl/token.hpp>

namespace influxctl {

struct OutputContext {
  const Settings& settings;
  Log& log;
};

class Output {
 public:
  virtual ~Output() = default;

  // Where the token goes, for plans and messages: "/srv/app/.env (INFLUX_TOKEN)".
  virtual std::string Target() const = 0;

  virtual Status Preflight() = 0;
  virtual Status Deliver(const CreatedToken& created) = 0;
};

}  // namespace influxctl
