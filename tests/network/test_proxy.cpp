// SPDX-License-Identifier: Apache-2.0
//
// The test proxy (see test_proxy.hpp). Every wait is a poll of at most
// kPollInterval followed by a look at `stopping_`, and every write has a send
// timeout, so no thread outlives the destructor by more than that. Errors on
// a connection end that connection only: the test sees them from the
// client's side.

#include "network/test_proxy.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <poll.h>

#include <cctype>
#include <cerrno>
#include <sstream>

namespace influxctl::testing {
namespace {

using Poco::Net::Socket;
using Poco::Net::StreamSocket;

constexpr std::chrono::milliseconds kPollInterval{20};
constexpr std::chrono::milliseconds kSendTimeout{2000};
constexpr std::chrono::milliseconds kDrainTimeout{2000};
constexpr std::size_t kMaxHeadBytes = 64 * 1024;

Poco::Timespan Span(std::chrono::milliseconds time) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(time.count()) * 1000);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

void SendAll(StreamSocket& socket, std::string_view data) {
  while (!data.empty()) {
    int sent = socket.sendBytes(data.data(), static_cast<int>(data.size()));
    if (sent <= 0) {
      throw Poco::IOException("the peer stopped reading");
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
}

std::string Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 407:
      return "Proxy Authentication Required";
    case 502:
      return "Bad Gateway";
    default:
      return "Test Proxy Answer";
  }
}

// An answer with a status and no body, after which the proxy passes nothing on.
std::string StatusAnswer(int status, const std::string& extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n" + extra_headers +
         "Content-Length: 0\r\nConnection: close\r\n\r\n";
}

// Reads up to the blank line that ends a request head. `early` gets whatever
// came after it (the start of a body, or of a TLS handshake). False when the
// client left, sent too much, or the proxy is stopping.
bool ReadHead(StreamSocket& client,
              const std::atomic<bool>& stopping,
              std::string& head,
              std::string& early) {
  std::string data;
  char buffer[4096];
  while (!stopping) {
    if (!client.poll(Span(kPollInterval), Socket::SELECT_READ)) {
      continue;
    }
    int got = client.receiveBytes(buffer, sizeof buffer);
    if (got <= 0) {
      return false;
    }
    data.append(buffer, static_cast<std::size_t>(got));
    if (auto end = data.find("\r\n\r\n"); end != std::string::npos) {
      head = data.substr(0, end);
      early = data.substr(end + 4);
      return true;
    }
    if (data.size() > kMaxHeadBytes) {
      return false;
    }
  }
  return false;
}

ProxiedRequest ParseHead(const std::string& head) {
  ProxiedRequest request;
  std::size_t line_end = head.find("\r\n");
  request.request_line = head.substr(0, line_end);
  while (line_end != std::string::npos) {
    std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string_view line = std::string_view(head).substr(start, line_end - start);
    std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      request.headers.emplace_back(Trim(line.substr(0, colon)), Trim(line.substr(colon + 1)));
    }
  }
  return request;
}

// Connects `upstream` to 127.0.0.1 on the port of `authority` ("name:port",
// "[::1]:port", or a bare name meaning `default_port`), whatever the name.
bool ConnectToLoopback(StreamSocket& upstream, std::string_view authority, int default_port) {
  int port = default_port;
  std::size_t colon = authority.rfind(':');
  std::size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    try {
      port = std::stoi(std::string(authority.substr(colon + 1)));
    } catch (const std::exception&) {
      return false;
    }
  }
  try {
    upstream.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)),
                     Span(kSendTimeout));
    upstream.setSendTimeout(Span(kSendTimeout));
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

// Ends a connection the proxy answered itself: says it will send no more,
// then reads what the client still sends until it closes, so that closing
// never resets the connection before the client has read the answer.
void Finish(StreamSocket& client, const std::atomic<bool>& stopping) {
  client.shutdownSend();
  char buffer[4096];
  const auto give_up = std::chrono::steady_clock::now() + kDrainTimeout;
  while (!stopping && std::chrono::steady_clock::now() < give_up) {
    if (client.poll(Span(kPollInterval), Socket::SELECT_READ) &&
        client.receiveBytes(buffer, sizeof buffer) <= 0) {
      return;
    }
  }
}

}  // namespace

std::optional<std::string> ProxiedRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

TestProxy::TestProxy(TestProxyOptions options)
    : options_(std::move(options)), listener_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
  acceptor_ = std::thread([this] { AcceptConnections(); });
}

TestProxy::~TestProxy() {
  {
    std::lock_guard lock(stop_mutex_);
    stopping_ = true;
  }
  stopped_.notify_all();
  acceptor_.join();
  for (std::thread& connection : connections_) {
    connection.join();
  }
}

int TestProxy::port() const {
  return listener_.address().port();
}

std::string TestProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(port());
}

std::vector<ProxiedRequest> TestProxy::Received() const {
  std::lock_guard lock(received_mutex_);
  return received_;
}

std::string TestProxy::BasicAuthorization(const std::string& credentials) {
  std::ostringstream text;
  Poco::Base64Encoder encoder(text);
  encoder.rdbuf()->setLineLength(0);  // one line, as a header needs
  encoder << credentials;
  encoder.close();
  return "Basic " + text.str();
}

void TestProxy::AcceptConnections() {
  while (!stopping_) {
    try {
      if (!listener_.poll(Span(kPollInterval), Socket::SELECT_READ)) {
        continue;
      }
      StreamSocket client = listener_.acceptConnection();
      connections_.emplace_back([this, client] { Serve(client); });
    } catch (const Poco::Exception&) {
      // A client that left before it was accepted: wait for the next one.
    }
  }
}

void TestProxy::Serve(StreamSocket client) {
  try {
    client.setSendTimeout(Span(kSendTimeout));
    std::string head;
    std::string early;
    if (!ReadHead(client, stopping_, head, early)) {
      return;
    }
    ProxiedRequest request = ParseHead(head);
    {
      std::lock_guard lock(received_mutex_);
      received_.push_back(request);
    }

    // Who may use the proxy: checked before anything is passed on.
    if (!options_.required_credentials.empty() &&
        request.Header("Proxy-Authorization") !=
            BasicAuthorization(options_.required_credentials)) {
      SendAll(client, StatusAnswer(407, "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n"));
      Finish(client, stopping_);
      return;
    }

    // What is asked: a tunnel, or a request to pass on.
    std::istringstream words(request.request_line);
    std::string method, target, version;
    words >> method >> target >> version;
    if (method == "CONNECT") {
      Tunnel(client, target, std::move(early));
    } else if (target.rfind("http://", 0) == 0) {
      Forward(client, request, method, target, version, std::move(early));
    } else {
      SendAll(client, StatusAnswer(400));
      Finish(client, stopping_);
    }
  } catch (const Poco::Exception&) {
    // The connection broke; the client reports it.
  } catch (const std::exception&) {
  }
}

void TestProxy::Tunnel(StreamSocket& client, const std::string& target, std::string early) {
  if (options_.connect_delay.count() > 0 && WaitForStop(options_.connect_delay)) {
    return;
  }
  if (options_.connect_status != 0) {
    SendAll(client, StatusAnswer(options_.connect_status));
    Finish(client, stopping_);
    return;
  }

  StreamSocket upstream;
  if (!ConnectToLoopback(upstream, target, 443)) {
    SendAll(client, StatusAnswer(502));
    Finish(client, stopping_);
    return;
  }
  SendAll(client, "HTTP/1.1 200 Connection established\r\n\r\n");
  SendAll(upstream, early);
  Relay(client, upstream);
}

void TestProxy::Forward(StreamSocket& client,
                        const ProxiedRequest& request,
                        const std::string& method,
                        const std::string& url,
                        const std::string& version,
                        std::string early) {
  // "http://name:port/path?query": the authority says where, the rest is the
  // origin-form target the server expects.
  std::string_view rest = std::string_view(url).substr(std::string_view("http://").size());
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));

  StreamSocket upstream;
  if (!ConnectToLoopback(upstream, authority, 80)) {
    SendAll(client, StatusAnswer(502));
    Finish(client, stopping_);
    return;
  }

  // The headers meant for the proxy stop here, as at any proxy.
  std::string head = method + " " + path + " " + version + "\r\n";
  for (const auto& [name, value] : request.headers) {
    if (!EqualsIgnoringCase(name, "Proxy-Authorization") &&
        !EqualsIgnoringCase(name, "Proxy-Connection")) {
      head += name + ": " + value + "\r\n";
    }
  }
  SendAll(upstream, head + "\r\n" + early);
  Relay(client, upstream);
}

void TestProxy::Relay(StreamSocket& client, StreamSocket& upstream) {
  StreamSocket* sides[2] = {&client, &upstream};
  bool reading[2] = {true, true};  // false once that side has said it sends no more
  char buffer[16 * 1024];
  while (!stopping_ && (reading[0] || reading[1])) {
    pollfd polled[2];
    for (int i = 0; i < 2; ++i) {
      polled[i] = {reading[i] ? sides[i]->impl()->sockfd() : -1, POLLIN, 0};
    }
    if (::poll(polled, 2, static_cast<int>(kPollInterval.count())) < 0) {
      if (errno == EINTR) {
        continue;
      }
      return;
    }

    // Each side's bytes go to the other; its end of data becomes the other's.
    for (int i = 0; i < 2; ++i) {
      if (polled[i].revents == 0) {
        continue;
      }
      StreamSocket& other = *sides[1 - i];
      int got = sides[i]->receiveBytes(buffer, sizeof buffer);
      if (got <= 0) {
        reading[i] = false;
        other.shutdownSend();
        continue;
      }
      SendAll(other, std::string_view(buffer, static_cast<std::size_t>(got)));
    }
  }
}

bool TestProxy::WaitForStop(std::chrono::milliseconds time) {
  std::unique_lock lock(stop_mutex_);
  return stopped_.wait_for(lock, time, [this] { return stopping_.load(); });
}

}  // namespace influxctl::testing
