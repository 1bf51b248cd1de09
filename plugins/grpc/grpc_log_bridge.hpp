// SPDX-License-Identifier: Apache-2.0
//
// gRPC's own log lines ("E1203 ... Handshake failed ...") go to the engine's
// Log of the transport instance alive at the time, at debug level, instead of
// straight to stderr: the same failure already reaches the user as an error
// message, and stderr carries only what influxctl means to say. With no
// instance attached the lines are dropped. gRPC may log from its own threads;
// attaching, detaching and forwarding are serialised, so a line never reaches
// a Log that is gone. The credential is scrubbed from every line.

#pragma once

#include <influxctl/log.hpp>
#include <influxctl/secret.hpp>

namespace influxctl::grpc_plugin {

// Routes gRPC's log lines to `log` until the returned guard is destroyed. Both
// references must outlive the guard. A later attach takes over from an earlier
// one; the earlier guard's destruction then changes nothing.
class GrpcLogBridge {
 public:
  GrpcLogBridge(Log& log, const Secret& credential);
  ~GrpcLogBridge();
  GrpcLogBridge(const GrpcLogBridge&) = delete;
  GrpcLogBridge& operator=(const GrpcLogBridge&) = delete;

 private:
  Log& log_;
};

}  // namespace influxctl::grpc_plugin
