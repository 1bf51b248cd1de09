// SPDX-License-Identifier: Apache-2.0
//
// Levenshtein distance with adjacent transpositions counted as one edit, the
// commonest typo ("dsecription").

#include "nearest_name.hpp"

#include <algorithm>
#include <vector>

namespace influxctl {
namespace {

std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> NearestName(std::string_view typed,
                                       std::span<const std::string_view> candidates) {
  // A third of the word, at least 1 and at most 3 edits: "expire-at" finds
  // "expires-at", "foo" finds nothing in a list of long names.
  const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (std::string_view candidate : candidates) {
    std::size_t distance = EditDistance(typed, candidate);
    bool is_prefix =
        candidate.size() > typed.size() && candidate.starts_with(typed) && typed.size() >= 3;
    if (is_prefix) {
      distance = std::min(distance, limit);
    }
    if (distance < best_distance) {
      best_distance = distance;
      best = std::string(candidate);
    }
  }
  return best;
}

std::string DidYouMean(std::string_view typed, std::span<const std::string_view> candidates) {
  auto nearest = NearestName(typed, candidates);
  return nearest ? " (did you mean \"" + *nearest + "\"?)" : "";
}

}  // namespace influxctl
