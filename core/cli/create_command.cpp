// SPDX-License-Identifier: Apache-2.0
//
// `management create`: flags and the profile's [profile.defaults] become a
// request, --output adds outputs to the profile's, and the engine creates and
// delivers the token. --dry-run stops after every preflight and prints the
// plan. Create never ends with a token that reached nobody: the secret is
// shown unless an output holds it and the profile asks not to, and if stdout
// cannot take a secret nobody else holds, the token is revoked again.

#include <iostream>

#include <influxctl/engine.hpp>
#include <influxctl/formats/format.hpp>
#include <influxctl/time.hpp>

#include "commands.hpp"
#include "profile_selection.hpp"
#include "terminal_safe.hpp"

namespace influxctl::cli {
namespace {

// The request from flags, then the profile's defaults for what flags left out.
Result<CreateRequest> BuildCreateRequest(const Invocation& invocation, const Profile& profile) {
  CreateRequest request;
  const CommandDefaults& defaults = profile.defaults;
  request.description = invocation.description ? invocation.description : defaults.description;
  if (!invocation.description && defaults.description &&
      defaults.description->find_first_not_of(" \t") == std::string::npos) {
    return Error::Config(defaults.where +
                         ": [profile.defaults] description is blank; remove it or give a label");
  }

  if (invocation.expires_at) {
    auto expiry = ParseRfc3339(*invocation.expires_at);
    if (!expiry.ok()) {
      return expiry.error();
    }
    request.expires_at = expiry.value();
  } else if (defaults.expires_at) {
    auto expiry = ParseRfc3339(*defaults.expires_at, "[profile.defaults] expires_at");
    if (!expiry.ok()) {
      return Error::Config(defaults.where + ": " + expiry.error().message());
    }
    request.expires_at = expiry.value();
  } else if (defaults.expires_in) {
    auto lifetime = ParseGoDuration(*defaults.expires_in);
    if (!lifetime.ok() || lifetime.value().count() == 0) {
      return Error::Config(defaults.where + ": [profile.defaults] expires_in: " +
                           (lifetime.ok() ? "must be longer than 0s, such as \"720h\""
                                          : lifetime.error().message()));
    }
    Timestamp expiry = Timestamp::Now();
    expiry.seconds += std::chrono::ceil<std::chrono::seconds>(lifetime.value()).count();
    request.expires_at = expiry;
  }
  return request;
}

// One --output flag, "PLUGIN[:KEY=VALUE,...]", as an output table. Values are
// text; the plugin's schema gives them their types. "required" is the
// engine's own key, as in a [[profile.output]] table.
Result<PluginConfig> ParseOutputFlag(const std::string& flag, std::size_t number) {
  PluginConfig config;
  config.where = "--output #" + std::to_string(number) + " \"" + flag + "\"";
  config.values_are_text = true;
  auto colon = flag.find(':');
  config.plugin = flag.substr(0, colon);
  if (config.plugin.empty()) {
    return Error::Usage(config.where +
                        ": name the output plugin first, as in "
                        "--output env-file:path=.env");
  }
  std::string_view rest =
      colon == std::string::npos ? "" : std::string_view(flag).substr(colon + 1);
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view pair = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return Error::Usage(config.where + ": \"" + std::string(pair) +
                          "\" is not KEY=VALUE; write --output " + config.plugin +
                          ":key=value,other=value");
    }
    std::string key(pair.substr(0, equals));
    std::string value(pair.substr(equals + 1));
    if (key == "required") {
      if (value != "true" && value != "false") {
        return Error::Usage(config.where + ": required must be true or false");
      }
      config.required = value == "true";
      continue;
    }
    config.settings.push_back({std::move(key), std::move(value), config.where});
  }
  return config;
}

// --dry-run: the resolved route on stdout, then whether every output is ready.
int PrintPlan(Engine& engine, const std::string& profile_name) {
  RoutePlan plan = engine.Plan();
  std::cout << "plan for profile \"" << TerminalSafe(profile_name)
            << "\" (dry run: nothing is created)\n"
            << "  " << plan.transport.name << ": " << TerminalSafe(plan.transport.target) << "\n";
  for (const RoutePlan::Step& output : plan.outputs) {
    std::cout << "  " << output.name << ": " << TerminalSafe(output.target)
              << (output.required ? "" : " (optional)") << "\n";
  }
  Status ready = engine.Preflight();
  if (!ready.ok()) {
    std::cout.flush();
    return ReportError(ready.error().WithContext("preflight"));
  }
  std::cout << (plan.outputs.empty() ? "no outputs: the token would be shown on stdout\n"
                                     : "preflight passed for every output\n");
  return StdoutFailed() ? ReportError(Error::Output("could not write the plan to stdout"))
                        : kExitOk;
}

// The secret reached nobody: take the token back rather than orphan it.
int RevokeUndelivered(Engine& engine, const std::string& id) {
  Status revoked = engine.Revoke(id);
  std::string what = revoked.ok() ? "it was revoked again; run the command again with stdout "
                                    "going somewhere writable"
                                  : "revoking it failed too (" + revoked.error().message() +
                                        "); revoke it by hand: influxctl management revoke "
                                        "--force " +
                                        id;
  return ReportError(Error::Output("could not write the new token " + id + " to stdout; " + what));
}

}  // namespace

int RunManagementCreate(const Invocation& invocation) {
  // Flags first, so a typo costs nothing; then the profile and its defaults.
  if (invocation.format) {
    auto format = formats::ParseFormat(*invocation.format);
    if (!format.ok()) {
      return ReportError(format.error());
    }
  }
  auto profile = ResolveProfile(invocation.global);
  if (!profile.ok()) {
    return ReportError(profile.error());
  }
  for (std::size_t i = 0; i < invocation.outputs.size(); ++i) {
    auto output = ParseOutputFlag(invocation.outputs[i], i + 1);
    if (!output.ok()) {
      return ReportError(output.error());
    }
    profile.value().outputs.push_back(std::move(output).value());
  }
  auto format = ResolveFormat(invocation.format, &profile.value());
  if (!format.ok()) {
    return ReportError(format.error());
  }
  auto request = BuildCreateRequest(invocation, profile.value());
  if (!request.ok()) {
    return ReportError(request.error());
  }
  Status valid = ValidateCreateRequest(request.value(), Timestamp::Now());
  if (!valid.ok()) {
    return ReportError(valid.error());
  }

  // The route, then either the plan or the real thing.
  auto engine = OpenEngine(profile.value(), invocation.global);
  if (!engine.ok()) {
    return ReportError(engine.error());
  }
  if (invocation.dry_run) {
    return PrintPlan(*engine.value(), profile.value().name);
  }
  auto outcome = engine.value()->Create(request.value());
  if (!outcome.ok()) {
    return ReportError(outcome.error());
  }

  // What stdout shows: the secret, unless an output holds it and the profile
  // asks for it to stay off the screen.
  const CreatedToken& created = outcome.value().created;
  std::vector<std::string> delivered_to;
  for (const Delivery& delivery : outcome.value().deliveries) {
    if (delivery.status.ok()) {
      delivered_to.push_back(delivery.target);
    }
  }
  bool show_secret = profile.value().show_token || delivered_to.empty();
  if (!profile.value().show_token && delivered_to.empty()) {
    std::cerr << "warn\tshow_token = false, but no output holds the token, so it is shown here\n";
  }
  formats::WriteCreated(format.value(), created, show_secret, std::cout, std::cerr, delivered_to);
  if (show_secret && format.value() == formats::Format::kTable) {
    for (const std::string& target : delivered_to) {
      std::cerr << "delivered to " << TerminalSafe(target) << "\n";
    }
  }
  if (StdoutFailed()) {
    if (delivered_to.empty()) {
      return RevokeUndelivered(*engine.value(), created.token.id);
    }
    return ReportError(Error::Output("could not write to stdout; the new token " +
                                     created.token.id + " was delivered to its outputs"));
  }
  return kExitOk;
}

}  // namespace influxctl::cli
