// SPDX-License-Identifier: Apache-2.0
//
// "Did you mean" for misspelt flags, config keys, settings and plugin names:
// the candidate closest to what the user typed, if it is close enough to be
// a likely typo. Pure function.

#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace influxctl {

// The candidate with the smallest edit distance to `typed`, when that distance
// is small for the word's length (a typo, not a different word).
std::optional<std::string> NearestName(std::string_view typed,
                                       std::span<const std::string_view> candidates);

// ' (did you mean "x"?)' or "".
std::string DidYouMean(std::string_view typed, std::span<const std::string_view> candidates);

}  // namespace influxctl
