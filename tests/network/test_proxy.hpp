// SPDX-License-Identifier: Apache-2.0
//
// An HTTP proxy inside the test process, on 127.0.0.1 and a free port, for
// tests that need a request to really pass through a proxy. Whatever host a
// request names, the proxy connects to 127.0.0.1 on the port it names, so a
// profile can name a host that does not resolve and still reach a local
// server, but only through the proxy. It opens a tunnel for CONNECT
// name:port and forwards an absolute-form request (GET http://name:port/path)
// in origin form; the test may make it demand Proxy-Authorization: Basic
// (407 without it), answer CONNECT with a status of its choosing instead of
// tunnelling, or wait before answering CONNECT. It records the request line
// and headers of every request it is asked, for assertions. One request per
// connection, one thread per connection; the destructor ends every
// connection and returns only once all its threads have ended. Received()
// may be called from any thread.

#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace influxctl::testing {

struct TestProxyOptions {
  // "user:password": when set, a request without exactly these credentials
  // in Proxy-Authorization: Basic is answered 407 and not passed on.
  std::string required_credentials;

  // Answer CONNECT with this status (e.g. 403) instead of opening the tunnel;
  // 0 opens it.
  int connect_status = 0;

  // How long to wait before answering a CONNECT, whatever the answer.
  std::chrono::milliseconds connect_delay{0};
};

// The head of one request the proxy was asked, as it arrived.
struct ProxiedRequest {
  std::string request_line;  // "CONNECT name:443 HTTP/1.1", "GET http://name:80/p HTTP/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order

  // The first header called `name` (any case), if present.
  std::optional<std::string> Header(std::string_view name) const;
};

class TestProxy {
 public:
  explicit TestProxy(TestProxyOptions options = {});
  ~TestProxy();

  TestProxy(const TestProxy&) = delete;
  TestProxy& operator=(const TestProxy&) = delete;

  int port() const;
  // "http://127.0.0.1:PORT", for HTTPS_PROXY and friends.
  std::string url() const;

  // Every request the proxy was asked so far, in arrival order.
  std::vector<ProxiedRequest> Received() const;

  // The Proxy-Authorization value for "user:password": "Basic <base64>".
  static std::string BasicAuthorization(const std::string& credentials);

 private:
  void AcceptConnections();
  void Serve(Poco::Net::StreamSocket client);
  void Tunnel(Poco::Net::StreamSocket& client, const std::string& target, std::string early);
  void Forward(Poco::Net::StreamSocket& client,
               const ProxiedRequest& request,
               const std::string& method,
               const std::string& url,
               const std::string& version,
               std::string early);
  void Relay(Poco::Net::StreamSocket& client, Poco::Net::StreamSocket& upstream);
  bool WaitForStop(std::chrono::milliseconds time);

  const TestProxyOptions options_;
  Poco::Net::ServerSocket listener_;

  // Every thread watches `stopping_`; `stop_mutex_` and `stopped_` wake the
  // ones that sleep through a delay.
  std::atomic<bool> stopping_{false};
  std::mutex stop_mutex_;
  std::condition_variable stopped_;

  mutable std::mutex received_mutex_;
  std::vector<ProxiedRequest> received_;

  // Connection threads are added only by the accepting thread, and joined
  // only after it has ended.
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace influxctl::testing
