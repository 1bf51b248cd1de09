// SPDX-License-Identifier: Apache-2.0
//
// The fault plan (see fault_plan.hpp). When several faults are pending, one
// call takes one of them in this order: fail, close, truncate. Truncation has
// no gRPC equivalent (a gRPC message arrives whole or not at all), so gRPC
// calls neither take nor count it.

#include "emulator/fault_plan.hpp"

#include <sstream>

namespace influxctl::emulator {

std::string FaultPlan::Apply(const FaultUpdate& update) {
  // Validate everything before changing anything.
  for (const auto& [name, count] :
       {std::pair{"fail_next", update.fail_next}, std::pair{"close_next", update.close_next},
        std::pair{"truncate_next", update.truncate_next}}) {
    if (count && *count < 0) {
      return std::string(name) + " must be 0 or more";
    }
  }
  if (update.fail_status && (*update.fail_status < 400 || *update.fail_status > 599)) {
    return "fail_status must be an HTTP error status from 400 to 599";
  }
  if (update.delay && update.delay->count() < 0) {
    return "delay_ms must be 0 or more";
  }
  if (update.protocol && *update.protocol != "rest" && *update.protocol != "grpc" &&
      *update.protocol != "any") {
    return "protocol must be \"rest\", \"grpc\" or \"any\"";
  }

  std::lock_guard lock(mutex_);
  fail_next_ = update.fail_next.value_or(fail_next_);
  fail_status_ = update.fail_status.value_or(fail_status_);
  close_next_ = update.close_next.value_or(close_next_);
  truncate_next_ = update.truncate_next.value_or(truncate_next_);
  delay_ = update.delay.value_or(delay_);
  protocol_ = update.protocol.value_or(protocol_);
  return {};
}

FaultDecision FaultPlan::Next(Protocol protocol) {
  std::lock_guard lock(mutex_);
  const bool targeted = protocol_ == "any" ||
                        (protocol_ == "rest" && protocol == Protocol::kRest) ||
                        (protocol_ == "grpc" && protocol == Protocol::kGrpc);
  FaultDecision decision;
  if (!targeted) {
    return decision;
  }

  decision.delay = delay_;
  if (fail_next_ > 0) {
    --fail_next_;
    decision.action = FaultAction::kFail;
    decision.http_status = fail_status_;
  } else if (close_next_ > 0) {
    --close_next_;
    decision.action = FaultAction::kClose;
  } else if (truncate_next_ > 0 && protocol == Protocol::kRest) {
    --truncate_next_;
    decision.action = FaultAction::kTruncate;
  }
  return decision;
}

std::string FaultPlan::ToJson() const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "{\"fail_next\":" << fail_next_ << ",\"fail_status\":" << fail_status_
      << ",\"close_next\":" << close_next_ << ",\"truncate_next\":" << truncate_next_
      << ",\"delay_ms\":" << delay_.count() << ",\"protocol\":\"" << protocol_ << "\"}";
  return out.str();
}

void FaultPlan::Reset() {
  std::lock_guard lock(mutex_);
  fail_next_ = 0;
  fail_status_ = 500;
  close_next_ = 0;
  truncate_next_ = 0;
  delay_ = std::chrono::milliseconds{0};
  protocol_ = "any";
}

grpc::StatusCode GrpcCodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 400:
    case 422:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case 401:
      return grpc::StatusCode::UNAUTHENTICATED;
    case 403:
      return grpc::StatusCode::PERMISSION_DENIED;
    case 404:
      return grpc::StatusCode::NOT_FOUND;
    case 409:
      return grpc::StatusCode::ABORTED;
    case 412:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case 429:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case 499:
      return grpc::StatusCode::CANCELLED;
    case 501:
      return grpc::StatusCode::UNIMPLEMENTED;
    case 502:
    case 503:
      return grpc::StatusCode::UNAVAILABLE;
    case 504:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case 500:
      return grpc::StatusCode::INTERNAL;
    default:
      return http_status >= 500 ? grpc::StatusCode::INTERNAL : grpc::StatusCode::UNKNOWN;
  }
}

}  // namespace influxctl::emulator
