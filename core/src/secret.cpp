// SPDX-License-Identifier: Apache-2.0
//
// Secret's copying and wiping. explicit_bzero is used because a plain memset
// of memory about to be freed may be optimised away.

#include <string.h>

#include <influxctl/secret.hpp>

namespace influxctl {

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    Wipe();
    value_ = other.value_;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    Wipe();
    value_ = std::move(other.value_);
    other.Wipe();
  }
  return *this;
}

void Secret::Wipe() noexcept {
  // The whole capacity, not just size(): earlier, longer values lived there too.
  if (value_.capacity() > 0) {
    explicit_bzero(value_.data(), value_.capacity());
  }
  value_.clear();
}

}  // namespace influxctl
