// SPDX-License-Identifier: Apache-2.0
//
// Secret holds a credential or a newly minted token. It cannot be streamed,
// formatted or converted to a string by accident: the only way to the value is
// Reveal(), a name that is easy to find in review. The memory is wiped when
// the value is destroyed or replaced. Not thread-safe for concurrent writes.

#pragma once

#include <ostream>
#include <string>

namespace influxctl {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret& other) : value_(other.value_) {}
  Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.Wipe(); }
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret() { Wipe(); }

  bool empty() const { return value_.empty(); }
  std::size_t size() const { return value_.size(); }

  // The secret itself. Every caller is a place where the secret leaves the
  // engine: a transport's request, an output's write, the token line on stdout.
  const std::string& Reveal() const { return value_; }

  // What logs and messages show instead of the value.
  static constexpr const char* kRedacted = "[redacted]";

 private:
  void Wipe() noexcept;

  std::string value_;
};

// Deleted so that `out << secret` does not compile.
std::ostream& operator<<(std::ostream& out, const Secret& secret) = delete;

}  // namespace influxctl
