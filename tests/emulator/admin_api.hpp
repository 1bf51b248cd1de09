// SPDX-License-Identifier: Apache-2.0
//
// The emulator's own control API, served on the REST listener under
// /_emulator/ without authentication (the listener is loopback-only, and the
// caller must be on loopback too). It lets tests script faults between calls
// and inspect what happened; it never returns a secret or a credential.
//
//   POST /_emulator/faults    {"fail_next", "fail_status", "close_next",
//                             "truncate_next", "delay_ms", "protocol"} -> 200
//                             with the whole plan; absent keys keep their value
//   GET  /_emulator/faults    the plan
//   GET  /_emulator/tokens    {"minted": N, "tokens": [{id, account_id,
//                             token_prefix, description, created_by,
//                             created_at, expires_at, revoked_at,
//                             idempotency_key, protocol}]} (null when unset)
//   GET  /_emulator/requests  {"requests": [{seq, protocol, method, target,
//                             authorization_present, idempotency_key, body,
//                             status, fault}]}
//   POST /_emulator/reset     forget tokens, faults and requests -> 204

#pragma once

#include "emulator/emulator_state.hpp"
#include "emulator/rest_api.hpp"

namespace influxctl::emulator {

RestReply HandleAdminCall(EmulatorState& state,
                          const std::string& method,
                          const std::string& path,
                          const std::string& body);

}  // namespace influxctl::emulator
