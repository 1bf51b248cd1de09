// SPDX-License-Identifier: Apache-2.0
//
// The stderr Log, on Poco's logging framework: one named Poco::Logger per
// component, all sharing one channel that writes whole lines to stderr, so
// lines from different components never interleave mid-line.

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/Formatter.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <cstdio>
#include <iostream>

#include <influxctl/log.hpp>

namespace influxctl {
namespace {

int PocoPriority(LogLevel level) {
  switch (level) {
    case LogLevel::kWarning:
      return Poco::Message::PRIO_WARNING;
    case LogLevel::kInfo:
      return Poco::Message::PRIO_INFORMATION;
    case LogLevel::kDebug:
      return Poco::Message::PRIO_DEBUG;
    case LogLevel::kTrace:
      return Poco::Message::PRIO_TRACE;
  }
  return Poco::Message::PRIO_TRACE;
}

std::string_view LevelWord(int priority) {
  if (priority <= Poco::Message::PRIO_WARNING) {
    return "warn";
  }
  if (priority <= Poco::Message::PRIO_INFORMATION) {
    return "info";
  }
  return priority == Poco::Message::PRIO_DEBUG ? "debug" : "trace";
}

// Control characters become visible \xNN escapes; tabs stay.
void AppendEscaped(std::string_view text, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
}

class LineFormatter : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override {
    text.append(LevelWord(message.getPriority()));
    text += '\t';
    text += message.getSource();
    text += ": ";
    AppendEscaped(message.getText(), text);
  }
};

const Poco::AutoPtr<Poco::Channel>& SharedStderrChannel() {
  // Built once and kept for the life of the process: plugins may log from
  // their destructors during shutdown. Leaked on purpose for that reason.
  static auto* channel = new Poco::AutoPtr<Poco::Channel>(
      new Poco::FormattingChannel(new LineFormatter, new Poco::ConsoleChannel(std::cerr)));
  return *channel;
}

class StderrLog : public Log {
 public:
  StderrLog(std::string component, LogLevel max_level)
      : logger_(Poco::Logger::get(component)), max_level_(max_level) {
    logger_.setChannel(SharedStderrChannel());
    // Filtering is ours (Enabled); the shared named logger passes everything.
    logger_.setLevel(Poco::Message::PRIO_TRACE);
  }

  bool Enabled(LogLevel level) const override { return level <= max_level_; }

  void Write(LogLevel level, std::string_view message) override {
    if (Enabled(level)) {
      logger_.log(Poco::Message(logger_.name(), std::string(message),
                                static_cast<Poco::Message::Priority>(PocoPriority(level))));
    }
  }

 private:
  Poco::Logger& logger_;
  LogLevel max_level_;
};

}  // namespace

std::unique_ptr<Log> MakeStderrLog(std::string component, LogLevel max_level) {
  return std::make_unique<StderrLog>(std::move(component), max_level);
}

}  // namespace influxctl
