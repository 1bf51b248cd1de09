// SPDX-License-Identifier: Apache-2.0
//
// Raw HTTP(S) calls for tests (see http_call.hpp). Poco's fixed-length body
// stream ends quietly at EOF, so the length check against Content-Length is
// done here.

#include "emulator/http_call.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>

#include <memory>
#include <sstream>

namespace influxctl::testing {

HttpReply HttpCall(const HttpRequestSpec& spec) {
  HttpReply reply;
  try {
    // Connect by the URL's host name, so TLS checks the certificate against it.
    const Poco::URI uri(spec.url);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
      Poco::Net::initializeSSL();
      Poco::Net::Context::Ptr context =
          new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, spec.client_key, spec.client_cert,
                                 spec.ca_file, Poco::Net::Context::VERIFY_STRICT);
      session =
          std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else {
      session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    session->setTimeout(Poco::Timespan(spec.timeout_seconds, 0));

    // Send.
    Poco::Net::HTTPRequest request(spec.method, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : spec.headers) {
      request.set(name, value);
    }
    if (!spec.body.empty()) {
      if (!request.has("Content-Type")) {
        request.setContentType("application/json");
      }
      request.setContentLength(static_cast<std::streamsize>(spec.body.size()));
    } else if (spec.method == "POST" || spec.method == "PUT") {
      request.setContentLength(0);
    }
    session->sendRequest(request) << spec.body;

    // Receive, and check the body is as long as promised.
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    std::ostringstream body;
    body << in.rdbuf();
    reply.status = response.getStatus();
    reply.body = body.str();
    for (const auto& [name, value] : response) {
      reply.headers[name] = value;
    }
    if (response.hasContentLength() &&
        static_cast<std::streamsize>(reply.body.size()) < response.getContentLength()) {
      reply.error = "truncated: " + std::to_string(reply.body.size()) + " of " +
                    std::to_string(response.getContentLength()) + " bytes";
    }
  } catch (const Poco::Exception& error) {
    reply.error = error.displayText();
  } catch (const std::exception& error) {
    reply.error = error.what();
  }
  return reply;
}

HttpReply HttpCall(const std::string& method,
                   const std::string& url,
                   const std::vector<std::pair<std::string, std::string>>& headers,
                   const std::string& body) {
  HttpRequestSpec spec;
  spec.method = method;
  spec.url = url;
  spec.headers = headers;
  spec.body = body;
  return HttpCall(spec);
}

}  // namespace influxctl::testing
