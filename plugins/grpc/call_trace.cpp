// SPDX-License-Identifier: Apache-2.0
//
// Trace lines for gRPC calls (see call_trace.hpp). Messages are printed in
// protobuf's one-line text format with UTF-8 kept readable; the Log escapes
// any control character a server may have put in a field.

#include "call_trace.hpp"

#include <google/protobuf/text_format.h>

#include <algorithm>

#include <influxctl/time.hpp>

#include "call_errors.hpp"

namespace influxctl::grpc_plugin {
namespace {

std::string OneLine(const google::protobuf::Message& message) {
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  printer.SetHideUnknownFields(true);
  std::string text;
  printer.PrintToString(message, &text);
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  return text.empty() ? "{}" : "{ " + text + " }";
}

// One trace line: "CreateManagementToken #1: <text>".
void Write(Log& log, const TracedCall& call, const std::string& text) {
  log.Trace(std::string(call.method) + " #" + std::to_string(call.attempt) + ": " +
            WithoutCredential(text, call.credential));
}

}  // namespace

void TraceRequest(Log& log,
                  const TracedCall& call,
                  std::chrono::milliseconds deadline_left,
                  const google::protobuf::Message& request) {
  if (!log.Enabled(LogLevel::kTrace)) {
    return;
  }
  Write(log, call,
        "calling /" + request.GetDescriptor()->file()->package() + ".ManagementTokens/" +
            std::string(call.method) + " on " + std::string(call.authority) + ", deadline in " +
            FormatGoDuration(std::max(deadline_left, std::chrono::milliseconds(0))));
  Write(log, call, std::string("metadata authorization: Bearer ") + Secret::kRedacted);
  Write(log, call, "request " + OneLine(request));
}

void TraceStatus(Log& log,
                 const TracedCall& call,
                 const grpc::Status& status,
                 std::string_view peer,
                 std::chrono::milliseconds elapsed) {
  if (!log.Enabled(LogLevel::kTrace)) {
    return;
  }
  std::string line = "status " + std::string(StatusCodeName(status.error_code()));
  if (!status.error_message().empty()) {
    line += " \"" + status.error_message() + "\"";
  }
  line += " from " + std::string(peer) + " after " + std::to_string(elapsed.count()) + "ms";
  Write(log, call, line);
}

void TraceResponse(Log& log, const TracedCall& call, const google::protobuf::Message& response) {
  if (log.Enabled(LogLevel::kTrace)) {
    Write(log, call, "response " + OneLine(response));
  }
}

void TraceResponse(Log& log,
                   const TracedCall& call,
                   const v1::CreateManagementTokenResponse& response) {
  if (!log.Enabled(LogLevel::kTrace)) {
    return;
  }
  // The token's fields as they came; the secret only as a mark of presence.
  std::string text =
      "{ token " + OneLine(response.token()) + " access_token: " +
      (response.access_token().empty() ? "\"\"" : "\"" + std::string(Secret::kRedacted) + "\"") +
      " }";
  Write(log, call, "response " + text);
}

}  // namespace influxctl::grpc_plugin
