// SPDX-License-Identifier: Apache-2.0
//
// Order statistics of a set of timings or rates: the median, the 90th
// percentile and the minimum. Robust figures for a benchmark that shares its
// machine: a few slow outliers move neither the median nor the minimum.

#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace influxctl::bench {

struct SampleSummary {
  double median = 0;
  double p90 = 0;  // nearest rank: at least 90% of the samples are at or below it
  double min = 0;
  double max = 0;
};

inline SampleSummary Summarize(std::vector<double> samples) {
  SampleSummary summary;
  if (samples.empty()) {
    return summary;
  }
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  summary.median = n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  summary.p90 = samples[(n * 9 + 9) / 10 - 1];
  summary.min = samples.front();
  summary.max = samples.back();
  return summary;
}

}  // namespace influxctl::bench
