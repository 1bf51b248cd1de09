// SPDX-License-Identifier: Apache-2.0
//
// The text the pass output stores for a new token, in pass's multi-line
// convention: the secret alone on the first line (what `pass show -c` copies
// and `pass show NAME | head -n 1` prints), then, with metadata, one
// "key: value" line each for the token's id, description, creation and
// expiry. The result is a Secret: it leaves this plugin only as pass's stdin.

#pragma once

#include <influxctl/error.hpp>
#include <influxctl/secret.hpp>
#include <influxctl/token.hpp>

namespace influxctl::pass {

// An output error when the secret holds a line break (it would not be the
// first line alone); nothing else can fail.
Result<Secret> EntryText(const CreatedToken& created, bool metadata);

}  // namespace influxctl::pass
