// SPDX-License-Identifier: Apache-2.0
//
// A server on loopback that accepts connections and answers each with the
// start of a TLS handshake record announcing 16 KiB, then one byte every
// 100 ms: every read a client makes succeeds well within any per-read
// timeout, yet the handshake would take half an hour to finish. Only a bound
// on the whole call ends it in time. Header-only, for the REST and vault
// tests; stops and joins its threads when destroyed.

#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <list>
#include <mutex>
#include <thread>

namespace influxctl::testing {

class DrippingPeer {
 public:
  DrippingPeer() : listener_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    listener_.setReceiveTimeout(Poco::Timespan(0, 100'000));
    acceptor_ = std::thread([this] { Accept(); });
  }

  ~DrippingPeer() {
    stopping_ = true;
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (std::thread& dripper : drippers_) {
      dripper.join();
    }
  }

  DrippingPeer(const DrippingPeer&) = delete;
  DrippingPeer& operator=(const DrippingPeer&) = delete;

  int port() const { return listener_.address().port(); }
  int accepted() const { return accepted_; }

 private:
  void Accept() {
    while (!stopping_) {
      Poco::Net::SocketAddress client;
      if (!listener_.poll(Poco::Timespan(0, 100'000), Poco::Net::Socket::SELECT_READ)) {
        continue;
      }
      Poco::Net::StreamSocket connection = listener_.acceptConnection(client);
      ++accepted_;
      std::lock_guard lock(mutex_);
      drippers_.emplace_back([this, connection]() mutable { Drip(connection); });
    }
  }

  // A handshake record header (type 22, TLS 1.2, 16 KiB), then a byte at a time.
  void Drip(Poco::Net::StreamSocket connection) {
    try {
      const unsigned char header[] = {0x16, 0x03, 0x03, 0x40, 0x00};
      connection.sendBytes(header, sizeof header);
      while (!stopping_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const char byte = 0x02;
        connection.sendBytes(&byte, 1);
      }
    } catch (const Poco::Exception&) {
      // The client hung up: done.
    }
  }

  Poco::Net::ServerSocket listener_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::list<std::thread> drippers_;
  std::thread acceptor_;
};

}  // namespace influxctl::testing
