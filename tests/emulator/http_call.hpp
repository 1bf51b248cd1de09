// SPDX-License-Identifier: Apache-2.0
//
// One raw HTTP(S) call with Poco, for tests that speak the REST contract
// directly (the emulator's own tests, or a check beside a transport test).
// It never throws on a network failure: a dropped connection or a body
// shorter than its Content-Length comes back as `error`, so a test can assert
// on it.

#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace influxctl::testing {

struct HttpRequestSpec {
  std::string method = "GET";
  std::string url;  // http://127.0.0.1:PORT/... or https://localhost:PORT/...
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with Content-Type: application/json when not empty

  // https only: the CA to verify the server against (strictly, name
  // included), and a client certificate to present.
  std::string ca_file;
  std::string client_cert, client_key;
  int timeout_seconds = 10;
};

struct HttpReply {
  int status = 0;  // 0 when no response arrived
  std::string body;
  std::map<std::string, std::string> headers;  // last value per name, as sent
  std::string error;                           // empty on success; else what went wrong on the wire
};

HttpReply HttpCall(const HttpRequestSpec& spec);

// The common case: a plain call with some headers and an optional body.
HttpReply HttpCall(const std::string& method,
                   const std::string& url,
                   const std::vector<std::pair<std::string, std::string>>& headers = {},
                   const std::string& body = "");

}  // namespace influxctl::testing
