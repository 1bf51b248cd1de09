// SPDX-License-Identifier: Apache-2.0
//
// `management create|list|revoke`: resolve the profile, open the engine on
// its route, run the call and print the result. Flags win over the profile's
// [profile.defaults]. Create never ends with a token that reached nobody: if
// stdout cannot take it, the token is revoked again.

#include <influxctl/engine.hpp>
#include <influxctl/formats/format.hpp>
#include <influxctl/time.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "commands.hpp"
#include "terminal_safe.hpp"

namespace influxctl::cli {
namespace {

LogLevel LevelOf(const GlobalOptions& global) {
  return global.trace ? LogLevel::kTrace : global.debug ? LogLevel::kDebug : LogLevel::kWarning;
}

// --profile, else INFLUXCTL_PROFILE, else "default".
std::string ProfileName(const GlobalOptions& global) {
  if (global.profile) {
    return *global.profile;
  }
  const char* from_env = std::getenv("INFLUXCTL_PROFILE");
  return from_env != nullptr && *from_env != '\0' ? from_env : "default";
}

Result<Profile> ResolveProfile(const GlobalOptions& global) {
  std::filesystem::path file = global.config ? std::filesystem::path(*global.config)
                                             : DefaultConfigPath();
  return LoadProfile(file, ProfileName(global));
}

Result<std::unique_ptr<Engine>> OpenEngine(const Profile& profile, const GlobalOptions& global) {
  EngineOptions options;
  options.log_level = LevelOf(global);
  options.timeout = global.timeout;
  options.account_id = global.account_id;
  options.cluster_id = global.cluster_id;
  return Engine::Open(profile, options);
}

// The format flag wins over the profile's; "table" when neither says.
Result<formats::Format> ResolveFormat(const std::optional<std::string>& flag,
                                      const Profile* profile) {
  if (flag) {
    return formats::ParseFormat(*flag);
  }
  if (profile != nullptr && profile->defaults.format) {
    auto format = formats::ParseFormat(*profile->defaults.format);
    if (!format.ok()) {
      return Error::Config(profile->defaults.where + ": [profile.defaults] format: " +
                           format.error().message());
    }
    return format;
  }
  return formats::Format::kTable;
}

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

bool StdoutFailed() {
  std::cout.flush();
  return !std::cout.good();
}

constexpr std::string_view kSortFields[] = {"created", "id",      "description",
                                           "prefix",  "expires", "revoked"};

bool IsSortField(std::string_view field) {
  return std::find(std::begin(kSortFields), std::end(kSortFields), field) !=
         std::end(kSortFields);
}

Error InvalidSortField(std::string_view field) {
  return Error::Usage("invalid --sort \"" + TerminalSafe(field) +
                      "\": use one of created, id, description, prefix, expires, revoked");
}

// Orders tokens for `list --sort`; unset times sort last, ties keep creation order.
// The field has been checked with IsSortField.
void SortTokens(std::vector<ManagementToken>& tokens, std::string_view field) {
  using Key = std::optional<Timestamp> ManagementToken::*;
  auto by_time = [](Key key) {
    return [key](const ManagementToken& a, const ManagementToken& b) {
      if (!(a.*key) || !(b.*key)) {
        return (a.*key).has_value() && !(b.*key).has_value();
      }
      return *(a.*key) < *(b.*key);
    };
  };
  auto by_text = [](std::string ManagementToken::*key) {
    return [key](const ManagementToken& a, const ManagementToken& b) { return a.*key < b.*key; };
  };
  if (field == "created") {
    std::stable_sort(tokens.begin(), tokens.end(), by_time(&ManagementToken::created_at));
  } else if (field == "expires") {
    std::stable_sort(tokens.begin(), tokens.end(), by_time(&ManagementToken::expires_at));
  } else if (field == "revoked") {
    std::stable_sort(tokens.begin(), tokens.end(), by_time(&ManagementToken::revoked_at));
  } else if (field == "id") {
    std::stable_sort(tokens.begin(), tokens.end(), by_text(&ManagementToken::id));
  } else if (field == "description") {
    std::stable_sort(tokens.begin(), tokens.end(), by_text(&ManagementToken::description));
  } else if (field == "prefix") {
    std::stable_sort(tokens.begin(), tokens.end(), by_text(&ManagementToken::token_prefix));
  }
}

// Revoking asks first on a terminal; elsewhere it needs --force.
Status Confirm(const std::vector<std::string>& ids) {
  if (!isatty(STDIN_FILENO)) {
    return Error::Usage("revoking needs confirmation and stdin is not a terminal; pass --force "
                        "to revoke without asking");
  }
  std::cerr << "Revoke " << ids.size() << " management token" << (ids.size() == 1 ? "" : "s")
            << " (";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::cerr << (i ? ", " : "") << TerminalSafe(ids[i]);
  }
  std::cerr << ")? This cannot be undone. [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") {
    return Status::Ok();
  }
  return Error::Usage("revoke cancelled; nothing was revoked");
}

}  // namespace

int ReportError(const Error& error) {
  std::cerr << "error: " << TerminalSafe(error.message()) << "\n";
  return error.ExitCode();
}

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

  auto engine = OpenEngine(profile.value(), invocation.global);
  if (!engine.ok()) {
    return ReportError(engine.error());
  }
  auto created = engine.value()->Create(request.value());
  if (!created.ok()) {
    return ReportError(created.error());
  }

  formats::WriteCreated(format.value(), created.value(), true, std::cout, std::cerr);
  if (StdoutFailed()) {
    // The secret reached nobody: take the token back rather than orphan it.
    const std::string& id = created.value().token.id;
    Status revoked = engine.value()->Revoke(id);
    std::string what = revoked.ok() ? "it was revoked again; run the command again with stdout "
                                      "going somewhere writable"
                                    : "revoking it failed too (" + revoked.error().message() +
                                          "); revoke it by hand: influxctl management revoke "
                                          "--force " + id;
    return ReportError(Error::Output("could not write the new token " + id + " to stdout; " +
                                     what));
  }
  return kExitOk;
}

int RunManagementList(const Invocation& invocation) {
  if (invocation.format) {
    auto format = formats::ParseFormat(*invocation.format);
    if (!format.ok()) {
      return ReportError(format.error());
    }
  }
  if (!IsSortField(invocation.sort)) {
    return ReportError(InvalidSortField(invocation.sort));
  }
  auto profile = ResolveProfile(invocation.global);
  if (!profile.ok()) {
    return ReportError(profile.error());
  }
  auto format = ResolveFormat(invocation.format, &profile.value());
  if (!format.ok()) {
    return ReportError(format.error());
  }
  auto engine = OpenEngine(profile.value(), invocation.global);
  if (!engine.ok()) {
    return ReportError(engine.error());
  }
  auto tokens = engine.value()->List();
  if (!tokens.ok()) {
    return ReportError(tokens.error());
  }
  SortTokens(tokens.value(), invocation.sort);
  formats::WriteList(format.value(), tokens.value(), std::cout);
  if (StdoutFailed()) {
    return ReportError(Error::Output("could not write the list to stdout"));
  }
  return kExitOk;
}

int RunManagementRevoke(const Invocation& invocation) {
  auto profile = ResolveProfile(invocation.global);
  if (!profile.ok()) {
    return ReportError(profile.error());
  }
  if (!invocation.force) {
    Status confirmed = Confirm(invocation.arguments);
    if (!confirmed.ok()) {
      return ReportError(confirmed.error());
    }
  }
  auto engine = OpenEngine(profile.value(), invocation.global);
  if (!engine.ok()) {
    return ReportError(engine.error());
  }

  // Every id is tried; the exit status is the worst of them.
  int exit_code = kExitOk;
  for (const std::string& id : invocation.arguments) {
    Status revoked = engine.value()->Revoke(id);
    if (revoked.ok()) {
      std::cout << "revoked management token " << TerminalSafe(id) << "\n";
    } else {
      exit_code = std::max(exit_code, ReportError(revoked.error().WithContext(
                                          "revoking " + TerminalSafe(id))));
    }
  }
  if (StdoutFailed()) {
    exit_code = std::max(exit_code, kExitFailure);
  }
  return exit_code;
}

}  // namespace influxctl::cli
