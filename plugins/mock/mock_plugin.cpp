// SPDX-License-Identifier: Apache-2.0
//
// The mock transport plugin's entry point: its descriptor (kind, name, version,
// settings schema) and the factory the engine calls. The factory checks every
// setting, opens the state file and the journal, and turns every problem into
// a config error naming the setting; no exception leaves it.

#include <memory>

#include <influxctl/plugin.hpp>

#include "journal.hpp"
#include "mock_settings.hpp"
#include "mock_transport.hpp"
#include "state_file.hpp"

namespace influxctl::mock {
namespace {

std::string Describe(const MockOptions& options) {
  std::string text = "mock transport ready: seed " + std::to_string(options.seed) + ", account " +
                     options.account_id + ", state " +
                     (options.state_file.empty() ? "in memory" : options.state_file);
  if (!options.journal.empty()) {
    text += ", journal " + options.journal;
  }
  if (options.fault.target != FaultTarget::kNone) {
    text += ", injected failures (fail_after " + std::to_string(options.fault.after) + ")";
  }
  return text;
}

Result<std::unique_ptr<Transport>> MakeMockTransport(const TransportContext& context) {
  try {
    Result<MockOptions> options = ParseMockOptions(context.settings, context.connection);
    if (!options.ok()) {
      return options.error();
    }

    std::optional<StateFile> state_file;
    if (!options.value().state_file.empty()) {
      Result<StateFile> opened =
          StateFile::Open(options.value().state_file, context.connection.timeout);
      if (!opened.ok()) {
        return opened.error();
      }
      state_file.emplace(std::move(opened).value());
    }

    std::optional<Journal> journal;
    if (!options.value().journal.empty()) {
      Result<Journal> opened = Journal::Open(options.value().journal);
      if (!opened.ok()) {
        return opened.error();
      }
      journal.emplace(std::move(opened).value());
    }

    if (context.log.Enabled(LogLevel::kDebug)) {
      context.log.Debug(Describe(options.value()));
    }
    return std::unique_ptr<Transport>(std::make_unique<MockTransport>(
        std::move(options).value(), std::move(state_file), std::move(journal), context.log));
  } catch (const std::exception& e) {
    return Error::Plugin(std::string("mock transport could not start: ") + e.what());
  } catch (...) {
    return Error::Plugin("mock transport could not start: an exception of unknown type");
  }
}

}  // namespace

extern const PluginDescriptor kMockDescriptor = {
    .kind = PluginKind::kTransport,
    .name = "mock",
    .version = "1.0.0",
    .summary = "deterministic, scriptable cluster stand-in for test harnesses",
    .settings = kMockSettingSchema,
    .make_transport = &MakeMockTransport,
};

}  // namespace influxctl::mock

INFLUXCTL_PLUGIN(influxctl::mock::kMockDescriptor)
