// SPDX-License-Identifier: Apache-2.0
//
// The two time syntaxes users type: RFC 3339 date-times (--expires-at) and Go
// durations (--timeout, duration settings). Parsing is strict and never
// depends on the process time zone; errors quote the input and show a valid
// example. Pure functions, safe from any thread.

#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <influxctl/error.hpp>
#include <influxctl/token.hpp>

namespace influxctl {

// Full date, 'T' (or 't'), full time, optional fraction, then 'Z' or ±hh:mm.
// The error is a usage error, "invalid --expires-at value "<input>": <why>;
// write it like <examples>"; the second form names `what` instead of the flag.
Result<Timestamp> ParseRfc3339(std::string_view text);
Result<Timestamp> ParseRfc3339(std::string_view text, std::string_view what);

// "2027-01-01T00:00:00Z" in UTC; with_nanos adds ".123456789"-style fractions
// (trailing zeros trimmed) when the nanos are not zero.
std::string FormatRfc3339(const Timestamp& time, bool with_nanos = false);

// Go duration syntax: "30s", "1m0s", "1h30m", "250ms", "1.5h", "0". Units ns,
// us (or µs), ms, s, m, h; a sign is refused. Sub-millisecond parts are rounded
// up so that "1ns" is never zero.
Result<std::chrono::milliseconds> ParseGoDuration(std::string_view text);

// A duration as Go prints it: "1m0s", "1h30m0s", "250ms".
std::string FormatGoDuration(std::chrono::milliseconds duration);

}  // namespace influxctl
