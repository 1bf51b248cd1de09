// SPDX-License-Identifier: Apache-2.0
//
// The gRPC listener: the ManagementTokens service of management.proto on a
// loopback address, over the same token store as REST. Credentials come from
// `authorization: Bearer <token>` metadata (UNAUTHENTICATED otherwise);
// unknown ids are NOT_FOUND, revoking twice is FAILED_PRECONDITION, bad
// requests and a reused idempotency key with another request are
// INVALID_ARGUMENT, and a Dedicated call naming another account is NOT_FOUND.
// Faults: "fail" answers the mapped status code, "close" carries the call out
// and then cancels it (the client sees CANCELLED); truncation does not apply.

#pragma once

#include <memory>

#include "emulator/emulator_state.hpp"

namespace grpc {
class Server;
}

namespace influxctl::emulator {

class ManagementTokensService;

class GrpcServer {
 public:
  explicit GrpcServer(EmulatorState& state);
  ~GrpcServer();

  // Binds and starts serving; throws std::runtime_error when it cannot.
  void Start();
  int port() const { return port_; }

  // Cancels calls in flight and stops.
  void Stop();

 private:
  EmulatorState& state_;
  std::unique_ptr<ManagementTokensService> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace influxctl::emulator
