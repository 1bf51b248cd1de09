// SPDX-License-Identifier: Apache-2.0
//
// The engine (see engine.hpp). Open resolves a profile into a route and sets
// up its plugins; Create runs the steps of SPEC §6 in order: validate,
// preflight every output, create, deliver, and revoke again if a required
// output could not take the token. Every call into plugin code goes through
// AtBoundary, so nothing a plugin throws escapes the engine.

#include <Poco/UUID.h>
#include <Poco/UUIDGenerator.h>
#include <sys/random.h>

#include <boost/dll/runtime_symbol_info.hpp>
#include <cerrno>
#include <cstdlib>

#include <influxctl/engine.hpp>
#include <influxctl/plugin.hpp>

#include "credentials.hpp"
#include "plugin_loader.hpp"
#include "settings_schema.hpp"

namespace influxctl {
namespace {

// A random (version 4) UUID for a create's Idempotency-Key, from one
// getrandom call; Poco's generator opens and reads /dev/urandom for every
// key. Where getrandom is missing, Poco's generator is the fallback.
std::string NewIdempotencyKey() {
  unsigned char bytes[16];
  std::size_t filled = 0;
  while (filled < sizeof bytes) {
    ssize_t got = getrandom(bytes + filled, sizeof bytes - filled, 0);
    if (got > 0) {
      filled += static_cast<std::size_t>(got);
    } else if (got < 0 && errno != EINTR) {
      return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    }
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  Poco::UUID uuid;
  uuid.copyFrom(reinterpret_cast<const char*>(bytes));
  return uuid.toString();
}

// Runs plugin code; an exception becomes an Error made by `make_error`.
template <typename Call>
auto AtBoundary(std::string_view instance, Error (*make_error)(std::string), Call&& call)
    -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& error) {
    return make_error(std::string(instance) + " failed: it threw \"" + error.what() + "\"");
  } catch (...) {
    return make_error(std::string(instance) + " failed: it threw an unknown exception");
  }
}

// A plugin object with everything it references. Members are destroyed in
// reverse order: the object first, its library last.
template <typename T>
struct PluginInstance {
  LoadedPlugin plugin;
  std::string instance;  // "transport \"mock\"", for messages
  std::unique_ptr<Log> log;
  Settings settings;
  bool required = true;  // outputs: a failure after creation costs the token
  std::string target;    // the object's Endpoint() or Target(), asked once
  std::unique_ptr<T> object;
};

// Loads the plugin a table names and checks its kind and settings.
template <typename T>
Result<std::unique_ptr<PluginInstance<T>>> Prepare(const PluginConfig& config,
                                                   PluginKind kind,
                                                   std::string instance,
                                                   std::string component,
                                                   const Profile& profile,
                                                   const EngineOptions& options) {
  auto search_path = PluginSearchPath(&profile);
  auto plugin = LoadPluginByName(config.plugin, search_path);
  if (!plugin.ok()) {
    return Error::Plugin(config.where + ": " + plugin.error().message());
  }
  const PluginDescriptor& descriptor = *plugin.value().descriptor;
  if (descriptor.kind != kind) {
    return Error::Config(config.where + ": plugin \"" + config.plugin + "\" is " +
                         (descriptor.kind == PluginKind::kTransport ? "a transport" : "an output") +
                         ", not " + (kind == PluginKind::kTransport ? "a transport" : "an output"));
  }
  auto settings = ValidateSettings(descriptor, config, instance, profile.source.parent_path());
  if (!settings.ok()) {
    return settings.error();
  }
  auto prepared = std::make_unique<PluginInstance<T>>();
  prepared->plugin = std::move(plugin).value();
  prepared->instance = std::move(instance);
  prepared->log = MakeStderrLog(std::move(component), options.log_level);
  prepared->settings = std::move(settings).value();
  prepared->required = config.required;
  return prepared;
}

Connection MakeConnection(const Profile& profile, const EngineOptions& options) {
  Connection connection;
  connection.product = profile.product;
  connection.host = profile.host;
  connection.port = profile.port;
  connection.account_id = options.account_id.empty() ? profile.account_id : options.account_id;
  connection.cluster_id = options.cluster_id.empty() ? profile.cluster_id : options.cluster_id;
  connection.tls = profile.tls;
  connection.timeout = options.timeout;
  return connection;
}

// A required output failed after the token was minted: take the token back
// so that no credential exists that nobody holds.
Error RollBack(PluginInstance<Transport>& transport, const std::string& id, const Error& cause) {
  Status revoked = AtBoundary(transport.instance, &Error::Transport,
                              [&] { return transport.object->Revoke(id); });
  if (revoked.ok()) {
    return Error::Output(cause.message() + "\nthe new token " + id +
                         " was revoked again, so no credential is left behind; fix the output "
                         "and run the command again");
  }
  return Error::Output(cause.message() + "\nrevoking the new token " + id +
                       " failed too: " + revoked.error().message() +
                       "\nrevoke it by hand: influxctl management revoke --force " + id);
}

std::filesystem::path InstalledPluginFolder() {
  // This library sits in <prefix>/lib, in the build tree and after install.
  boost::dll::fs::path library = boost::dll::this_line_location();
  std::filesystem::path prefix(library.parent_path().parent_path().string());
  return (prefix / INFLUXCTL_PLUGIN_DIR_FROM_LIB).lexically_normal();
}

}  // namespace

std::vector<std::filesystem::path> PluginSearchPath(const Profile* profile) {
  std::vector<std::filesystem::path> path{InstalledPluginFolder()};
  if (const char* extra = std::getenv("INFLUXCTL_PLUGIN_PATH")) {
    std::string_view rest(extra);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view folder = rest.substr(0, colon);
      if (!folder.empty()) {
        path.emplace_back(folder);
      }
      rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
    }
  }
  if (profile != nullptr) {
    path.insert(path.end(), profile->plugin_paths.begin(), profile->plugin_paths.end());
  }
  return path;
}

struct Engine::Route {
  Connection connection;
  std::unique_ptr<Log> log;
  std::unique_ptr<PluginInstance<Transport>> transport;
  std::vector<std::unique_ptr<PluginInstance<Output>>> outputs;

  ~Route() {
    // Outputs may hold a reference to nothing of the transport, but the
    // order still matters for logs: last made, first gone.
    while (!outputs.empty()) {
      outputs.pop_back();
    }
    transport.reset();
  }
};

Engine::Engine(std::unique_ptr<Route> route) : route_(std::move(route)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const Profile& profile, const EngineOptions& options) {
  auto route = std::make_unique<Route>();
  route->connection = MakeConnection(profile, options);
  route->log = MakeStderrLog("engine", options.log_level);
  Status credential = ResolveCredential(profile, route->connection);
  if (!credential.ok()) {
    return credential.error();
  }

  // The transport: found, version-checked, settings validated, then made.
  const std::string& name = profile.transport.plugin;
  auto transport =
      Prepare<Transport>(profile.transport, PluginKind::kTransport, "transport \"" + name + "\"",
                         "transport." + name, profile, options);
  if (!transport.ok()) {
    return transport.error();
  }
  route->transport = std::move(transport).value();
  PluginInstance<Transport>& t = *route->transport;
  if (t.plugin.descriptor->needs_credential && route->connection.credential.empty()) {
    return MissingCredential(profile, name);
  }
  if (!route->connection.credential_source.empty()) {
    route->log->Debug("credential: " + route->connection.credential_source + " (" +
                      Secret::kRedacted + ")");
  }
  TransportContext context{t.settings, route->connection, *t.log};
  auto made = AtBoundary(t.instance, &Error::Plugin,
                         [&] { return t.plugin.descriptor->make_transport(context); });
  if (!made.ok()) {
    return made.error();
  }
  t.object = std::move(made).value();
  auto endpoint = AtBoundary(t.instance, &Error::Plugin,
                             [&]() -> Result<std::string> { return t.object->Endpoint(); });
  if (!endpoint.ok()) {
    return endpoint.error();
  }
  t.target = std::move(endpoint).value();
  route->log->Debug("route: " + t.instance + " at " + t.target + " from " + t.plugin.file.string());

  // The outputs, in the profile's order.
  for (std::size_t i = 0; i < profile.outputs.size(); ++i) {
    const PluginConfig& config = profile.outputs[i];
    std::string number = std::to_string(i + 1);
    auto output = Prepare<Output>(config, PluginKind::kOutput,
                                  "output #" + number + " \"" + config.plugin + "\"",
                                  "output." + config.plugin + "#" + number, profile, options);
    if (!output.ok()) {
      return output.error();
    }
    PluginInstance<Output>& o = *output.value();
    OutputContext output_context{o.settings, *o.log};
    auto made_output = AtBoundary(o.instance, &Error::Plugin,
                                  [&] { return o.plugin.descriptor->make_output(output_context); });
    if (!made_output.ok()) {
      return made_output.error();
    }
    o.object = std::move(made_output).value();
    auto target = AtBoundary(o.instance, &Error::Plugin,
                             [&]() -> Result<std::string> { return o.object->Target(); });
    if (!target.ok()) {
      return target.error();
    }
    o.target = std::move(target).value();
    route->log->Debug("route: " + o.instance + " to " + o.target);
    route->outputs.push_back(std::move(output).value());
  }
  return std::unique_ptr<Engine>(new Engine(std::move(route)));
}

std::string Engine::TransportName() const {
  return std::string(route_->transport->plugin.descriptor->name);
}

std::string Engine::Endpoint() const {
  return route_->transport->target;
}

RoutePlan Engine::Plan() const {
  const PluginInstance<Transport>& t = *route_->transport;
  RoutePlan plan;
  plan.transport = {t.instance, t.target, t.plugin.file, true};
  for (const auto& output : route_->outputs) {
    plan.outputs.push_back(
        {output->instance, output->target, output->plugin.file, output->required});
  }
  return plan;
}

Status Engine::Preflight() {
  return PreflightOutputs(nullptr);
}

Status Engine::PreflightOutputs(std::vector<bool>* ready) {
  for (auto& output : route_->outputs) {
    Status status =
        AtBoundary(output->instance, &Error::Output, [&] { return output->object->Preflight(); });
    if (ready != nullptr) {
      ready->push_back(status.ok());
    }
    if (status.ok()) {
      route_->log->Debug("preflight passed: " + output->instance + " to " + output->target);
    } else if (output->required) {
      return status;
    } else {
      // An optional output that is not ready is left out, not a reason to stop.
      route_->log->Warning(status.error().message() + " (optional output; it will be skipped)");
    }
  }
  return Status::Ok();
}

Result<CreateOutcome> Engine::Create(const CreateRequest& request) {
  Status valid = ValidateCreateRequest(request, Timestamp::Now());
  if (!valid.ok()) {
    return valid.error();
  }
  CreateRequest sent = request;
  if (sent.idempotency_key.empty()) {
    sent.idempotency_key = NewIdempotencyKey();
  }

  // Preflight: every required output must be able to take the token before it exists.
  std::vector<bool> ready;
  Status preflight = PreflightOutputs(&ready);
  if (!preflight.ok()) {
    return Error::Output(preflight.error().message() + "\nno token was created");
  }

  // Create: the only step that cannot be taken back without a revoke.
  PluginInstance<Transport>& t = *route_->transport;
  auto created = AtBoundary(t.instance, &Error::Transport, [&] { return t.object->Create(sent); });
  if (!created.ok()) {
    return created.error();
  }
  CreateOutcome outcome{std::move(created).value(), {}};
  const CreatedToken& token = outcome.created;
  if (token.token.id.empty() || token.secret.empty()) {
    return Error::Transport(t.instance + " returned a token without " +
                            (token.token.id.empty() ? "an id" : "a secret") +
                            "; this is a bug in the plugin");
  }
  route_->log->Debug("created token " + token.token.id + " (secret " + Secret::kRedacted + ")");

  // Deliver, in the profile's order, to every output that passed its preflight.
  for (std::size_t i = 0; i < route_->outputs.size(); ++i) {
    auto& output = route_->outputs[i];
    if (!ready[i]) {
      outcome.deliveries.push_back({output->instance, output->target, output->required,
                                    Error::Output(output->instance + " skipped: its preflight "
                                                                     "failed")});
      continue;
    }
    Status delivered = AtBoundary(output->instance, &Error::Output,
                                  [&] { return output->object->Deliver(token); });
    if (!delivered.ok() && output->required) {
      return RollBack(t, token.token.id, delivered.error());
    }
    if (delivered.ok()) {
      route_->log->Debug("delivered token " + token.token.id + " to " + output->instance);
    } else {
      route_->log->Warning(delivered.error().message() + " (optional output; continuing)");
    }
    outcome.deliveries.push_back(
        {output->instance, output->target, output->required, std::move(delivered)});
  }
  return outcome;
}

Result<std::vector<ManagementToken>> Engine::List() {
  PluginInstance<Transport>& t = *route_->transport;
  return AtBoundary(t.instance, &Error::Transport, [&] { return t.object->List(); });
}

Status Engine::Revoke(std::string_view token_id) {
  if (token_id.empty()) {
    return Error::Usage("a token id is empty; pass the id shown by \"influxctl management list\"");
  }
  PluginInstance<Transport>& t = *route_->transport;
  return AtBoundary(t.instance, &Error::Transport, [&] { return t.object->Revoke(token_id); });
}

}  // namespace influxctl
