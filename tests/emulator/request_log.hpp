// SPDX-License-Identifier: Apache-2.0
//
// A record of every management call the emulator received, for tests to read
// through GET /_emulator/requests. It holds whether an Authorization header
// came, never its value, and bodies only after the caller has redacted them.
// Thread-safe; it keeps the last 10'000 calls.

#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

namespace influxctl::emulator {

struct RequestRecord {
  std::string protocol;  // "rest" or "grpc"
  std::string method;    // HTTP method, or "POST" for gRPC (HTTP/2 carries every call so)
  std::string target;    // REST path, or the gRPC method's full name
  bool authorization_present = false;
  std::string idempotency_key;
  std::string body;    // redacted: no credential, no secret
  std::string status;  // "201", "404", or a gRPC code name such as "NOT_FOUND"
  std::string fault;   // "", "fail", "close" or "truncate"
};

// Replaces every occurrence of `secret` in `text` with "[redacted]", scanning
// on after each replacement (a secret may occur inside "[redacted]" itself).
void RedactEvery(std::string& text, const std::string& secret);

class RequestLog {
 public:
  void Add(RequestRecord record);

  // {"requests": [{...}, ...]} in arrival order, with a "seq" number each.
  std::string ToJson() const;

  void Clear();

 private:
  mutable std::mutex mutex_;
  std::deque<RequestRecord> records_;
  std::size_t next_seq_ = 1;
  std::size_t first_seq_ = 1;
};

}  // namespace influxctl::emulator
