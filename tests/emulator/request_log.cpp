// SPDX-License-Identifier: Apache-2.0
//
// The request log (see request_log.hpp), rendered with Poco's JSON writer so
// that any bytes a client sent come back as valid, escaped JSON.

#include "emulator/request_log.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <string_view>

namespace influxctl::emulator {
namespace {

constexpr std::size_t kMaxRecords = 10'000;

}  // namespace

void RedactEvery(std::string& text, const std::string& secret) {
  constexpr std::string_view kRedacted = "[redacted]";
  if (secret.empty()) {
    return;
  }
  for (auto at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + kRedacted.size())) {
    text.replace(at, secret.size(), kRedacted);
  }
}

void RequestLog::Add(RequestRecord record) {
  std::lock_guard lock(mutex_);
  records_.push_back(std::move(record));
  ++next_seq_;
  if (records_.size() > kMaxRecords) {
    records_.pop_front();
    ++first_seq_;
  }
}

std::string RequestLog::ToJson() const {
  Poco::JSON::Array requests;
  {
    std::lock_guard lock(mutex_);
    std::size_t seq = first_seq_;
    for (const RequestRecord& record : records_) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("seq", seq++);
      item->set("protocol", record.protocol);
      item->set("method", record.method);
      item->set("target", record.target);
      item->set("authorization_present", record.authorization_present);
      item->set("idempotency_key", record.idempotency_key);
      item->set("body", record.body);
      item->set("status", record.status);
      item->set("fault", record.fault);
      requests.add(item);
    }
  }
  Poco::JSON::Object out;
  out.set("requests", requests);
  std::ostringstream text;
  out.stringify(text);
  return text.str();
}

void RequestLog::Clear() {
  std::lock_guard lock(mutex_);
  records_.clear();
  first_seq_ = next_seq_;
}

}  // namespace influxctl::emulator
