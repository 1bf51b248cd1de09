// SPDX-License-Identifier: Apache-2.0
//
// Deterministic token ids and secrets for the mock cluster. Both are a pure
// function of (seed, sequence): the same pair gives the same strings in every
// process and on every machine, which is what golden-file harnesses and
// idempotent replays rely on. They look like the real thing (a version-4 UUID;
// "M.V1." and 86 base64 characters) but are predictable by design: a mock
// token must never guard anything real. Pure functions, safe from any thread.

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <influxctl/secret.hpp>

namespace influxctl::mock {

// How many leading characters of a secret a list shows: "M.V1.+5Jk".
inline constexpr std::size_t kTokenPrefixLength = 9;

// 8-4-4-4-12 lowercase hex with version-4 and RFC 4122 variant bits.
std::string MintTokenId(std::uint64_t seed, std::uint64_t sequence);

// "M.V1." followed by 86 characters of the standard base64 alphabet.
Secret MintTokenSecret(std::uint64_t seed, std::uint64_t sequence);

// The part of a secret that may be shown: its first kTokenPrefixLength characters.
std::string TokenPrefix(const Secret& secret);

}  // namespace influxctl::mock
