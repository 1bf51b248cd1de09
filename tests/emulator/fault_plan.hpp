// SPDX-License-Identifier: Apache-2.0
//
// Scripted misbehaviour: how the next management calls should fail, set from
// the command line at start and through POST /_emulator/faults at run time.
// Thread-safe; each call takes one decision, and counters go down only for
// calls of the protocol the plan targets. "fail" answers an error before the
// call is carried out; "close" and "truncate" carry the call out (a create
// mints, a revoke revokes) and then lose the answer, as a dropped connection
// does after the server committed. Admin calls never consult the plan.

#pragma once

#include <grpcpp/support/status_code_enum.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

namespace influxctl::emulator {

enum class Protocol { kRest, kGrpc };

enum class FaultAction { kNone, kFail, kClose, kTruncate };

struct FaultDecision {
  std::chrono::milliseconds delay{0};
  FaultAction action = FaultAction::kNone;
  int http_status = 0;  // for kFail
};

// What an update may change; an absent field keeps its current value.
struct FaultUpdate {
  std::optional<int> fail_next;
  std::optional<int> fail_status;
  std::optional<int> close_next;
  std::optional<int> truncate_next;
  std::optional<std::chrono::milliseconds> delay;
  std::optional<std::string> protocol;  // "rest", "grpc" or "any"
};

class FaultPlan {
 public:
  // Checks every field first and changes nothing when one is wrong; returns
  // the problem for the caller to report, or an empty string.
  std::string Apply(const FaultUpdate& update);

  FaultDecision Next(Protocol protocol);

  // The current plan as JSON, with the admin API's snake_case keys.
  std::string ToJson() const;

  void Reset();

 private:
  mutable std::mutex mutex_;
  int fail_next_ = 0;
  int fail_status_ = 500;
  int close_next_ = 0;
  int truncate_next_ = 0;
  std::chrono::milliseconds delay_{0};
  std::string protocol_ = "any";
};

// The gRPC code a REST status stands for when a gRPC call is made to fail
// with it: 500 INTERNAL, 503 UNAVAILABLE, 429 RESOURCE_EXHAUSTED, ...
grpc::StatusCode GrpcCodeForHttpStatus(int http_status);

}  // namespace influxctl::emulator
