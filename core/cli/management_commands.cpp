// SPDX-License-Identifier: Apache-2.0
//
// `management list` and `management revoke`: resolve the profile, open the
// engine on its route, run the call and print the result. Revoke goes on
// after a failed id and exits with the worst status of them all.

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include <influxctl/engine.hpp>
#include <influxctl/formats/format.hpp>

#include "commands.hpp"
#include "profile_selection.hpp"
#include "terminal_safe.hpp"

namespace influxctl::cli {
namespace {

constexpr std::string_view kSortFields[] = {"created", "id",      "description",
                                            "prefix",  "expires", "revoked"};

bool IsSortField(std::string_view field) {
  return std::find(std::begin(kSortFields), std::end(kSortFields), field) != std::end(kSortFields);
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
    return Error::Usage(
        "revoking needs confirmation and stdin is not a terminal; pass --force "
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
      exit_code = std::max(
          exit_code, ReportError(revoked.error().WithContext("revoking " + TerminalSafe(id))));
    }
  }
  if (StdoutFailed()) {
    exit_code = std::max(exit_code, kExitFailure);
  }
  return exit_code;
}

}  // namespace influxctl::cli
