// SPDX-License-Identifier: Apache-2.0
//
// The engine: turns a profile into a route (one transport, zero or more
// outputs), loads only the plugins that route needs, and runs management
// commands through it. The command line is a thin layer over this API, and a
// test harness can drive the same engine in-process. An Engine is used from
// one thread at a time; separate Engines are independent. Plugin objects are
// destroyed before the libraries that hold their code.

#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>
#include <influxctl/log.hpp>
#include <influxctl/profile.hpp>
#include <influxctl/token.hpp>

namespace influxctl {

struct EngineOptions {
  LogLevel log_level = LogLevel::kWarning;
  std::chrono::milliseconds timeout{60'000};
  std::string account_id;  // --account, overrides the profile's when set
  std::string cluster_id;  // --cluster, overrides the profile's when set
};

// One output's part in a create: where the token went, or why it did not.
struct Delivery {
  std::string output;  // "output #1 \"env-file\""
  std::string target;  // as the output describes it
  bool required = true;
  Status status;
};

// What a create did: the token, and each output's delivery in profile order.
struct CreateOutcome {
  CreatedToken created;
  std::vector<Delivery> deliveries;

  // Whether any output holds the token now.
  bool DeliveredAnywhere() const {
    for (const Delivery& delivery : deliveries) {
      if (delivery.status.ok()) {
        return true;
      }
    }
    return false;
  }
};

// The route a profile resolved to, for --dry-run and messages.
struct RoutePlan {
  struct Step {
    std::string name;    // "transport \"mock\"", "output #1 \"env-file\""
    std::string target;  // endpoint or output target
    std::filesystem::path plugin_file;
    bool required = true;
  };
  Step transport;
  std::vector<Step> outputs;
};

// The folders searched for plugins, in order: the install's plugin folder,
// INFLUXCTL_PLUGIN_PATH, then the profile's plugin_paths.
std::vector<std::filesystem::path> PluginSearchPath(const Profile* profile);

class Engine {
 public:
  // Loads and sets up the profile's transport. Checks the plugin's API
  // version and settings; sends nothing.
  static Result<std::unique_ptr<Engine>> Open(const Profile& profile, const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  std::string TransportName() const;
  std::string Endpoint() const;
  RoutePlan Plan() const;

  // Every output's preflight, in order; the first failure of a required
  // output is returned, an optional output's only logged (it is skipped on
  // create). No token exists yet, so a failure here costs nothing.
  Status Preflight();

  // Validates the request (description, expiry in the future), runs the
  // preflights, creates the token and delivers it to every output. A required
  // output that fails after creation gets the token revoked again, and the
  // create fails; an optional one is reported in the outcome.
  Result<CreateOutcome> Create(const CreateRequest& request);
  Result<std::vector<ManagementToken>> List();
  Status Revoke(std::string_view token_id);

 private:
  struct Route;
  explicit Engine(std::unique_ptr<Route> route);

  // Preflight, noting in `ready` (when given) which outputs passed.
  Status PreflightOutputs(std::vector<bool>* ready);

  std::unique_ptr<Route> route_;
};

// Checks a request exactly as Create does, against `now`.
Status ValidateCreateRequest(const CreateRequest& request, const Timestamp& now);

}  // namespace influxctl
