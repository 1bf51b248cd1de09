// SPDX-License-Identifier: Apache-2.0
//
// Command-line parsing (see command_line.hpp). argv is read in two passes: a
// scan that finds the command words while stepping over global flags and
// their values, then one Program_options parse of every other argument
// against the global flags plus that command's own.

#include "command_line.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include <influxctl/time.hpp>

#include "nearest_name.hpp"

namespace influxctl::cli {
namespace {

namespace po = boost::program_options;

struct CommandSpec {
  Command command;
  std::string_view group;  // "" for top-level commands
  std::string_view verb;
  std::string_view usage;
  std::string_view summary;
};

constexpr CommandSpec kCommands[] = {
    {Command::kManagementCreate, "management", "create",
     "management create [--description TEXT] [--expires-at TIME] [--format table|json] "
     "[--output PLUGIN[:KEY=VALUE,...]]... [--dry-run]",
     "create a management token; its secret is shown once"},
    {Command::kManagementList, "management", "list",
     "management list [--format table|json] [--sort created|id|description|prefix|expires|revoked]",
     "list management tokens (never their secrets)"},
    {Command::kManagementRevoke, "management", "revoke",
     "management revoke [--force] TOKEN_ID [TOKEN_ID...]", "revoke management tokens"},
    {Command::kPluginsList, "plugins", "list", "plugins list",
     "list the plugins on the search path"},
    {Command::kPluginsDescribe, "plugins", "describe", "plugins describe NAME",
     "show a plugin's settings and a sample profile block"},
    {Command::kKeystoreGet, "keystore", "get", "keystore get [--path FILE] ENTRY",
     "print a token the keystore output stored (passphrase as the profile's output says)"},
    {Command::kVersion, "", "version", "version", "print the version"},
};

constexpr std::string_view kExitStatus =
    "Exit status: 0 success; 2 usage, validation or configuration error (nothing was sent);\n"
    "1 a failure after that (transport, server, output).\n";

constexpr unsigned kHelpWidth = 100;

po::options_description GlobalFlags() {
  po::options_description flags("Global flags", kHelpWidth, kHelpWidth / 2);
  flags.add_options()("config", po::value<std::string>()->value_name("PATH"),
                      "config file (default: $XDG_CONFIG_HOME/influxctl/config.toml, else "
                      "~/.config/influxctl/config.toml)")(
      "profile", po::value<std::string>()->value_name("NAME"),
      "profile to use (default: $INFLUXCTL_PROFILE, else \"default\")")(
      "account", po::value<std::string>()->value_name("ID"),
      "account ID, instead of the profile's account_id")(
      "cluster", po::value<std::string>()->value_name("ID"),
      "cluster ID, instead of the profile's cluster_id")(
      "timeout", po::value<std::string>()->value_name("DURATION"),
      "time limit for each call to the cluster, such as 30s or 1m0s (default 1m0s)")(
      "debug", po::bool_switch(), "log what happens to stderr")(
      "trace", po::bool_switch(), "log in more detail than --debug (secrets stay redacted)")(
      "help,h", po::bool_switch(), "show help")("version", po::bool_switch(), "print the version");
  return flags;
}

po::options_description CommandFlags(Command command) {
  po::options_description flags("Flags", kHelpWidth, kHelpWidth / 2);
  switch (command) {
    case Command::kManagementCreate:
      flags.add_options()("description", po::value<std::string>()->value_name("TEXT"),
                          "a label for the token (no control characters)")(
          "expires-at", po::value<std::string>()->value_name("TIME"),
          "RFC 3339 instant when the token expires, such as 2027-01-01T00:00:00Z "
          "(default: never)")("format", po::value<std::string>()->value_name("FORMAT"),
                              "table or json (default: table)")(
          "output", po::value<std::vector<std::string>>()->value_name("PLUGIN[:KEY=VALUE,...]"),
          "also deliver the token to this output plugin, after the profile's outputs "
          "(repeatable; add required=false to make it optional)")(
          "dry-run", po::bool_switch(),
          "resolve the profile, load the plugins, run every output's preflight and print "
          "the plan; create nothing");
      break;
    case Command::kManagementList:
      flags.add_options()("format", po::value<std::string>()->value_name("FORMAT"),
                          "table or json (default: table)")(
          "sort", po::value<std::string>()->value_name("FIELD"),
          "created, id, description, prefix, expires or revoked (default: created)");
      break;
    case Command::kManagementRevoke:
      flags.add_options()("force", po::bool_switch(), "revoke without asking for confirmation");
      break;
    case Command::kKeystoreGet:
      flags.add_options()("path", po::value<std::string>()->value_name("FILE"),
                          "the keystore file (default: the profile's keystore output)");
      break;
    default:
      break;
  }
  return flags;
}

std::string TopLevelHelp() {
  std::ostringstream text;
  text << "influxctl: create, list and revoke InfluxDB 3 management tokens through plugins\n\n"
       << "Usage:\n";
  for (const CommandSpec& spec : kCommands) {
    text << "  influxctl [global flags] " << spec.usage << "\n";
  }
  text << "\nCommands:\n";
  for (const CommandSpec& spec : kCommands) {
    std::string words =
        std::string(spec.group) + (spec.group.empty() ? "" : " ") + std::string(spec.verb);
    text << "  " << words << std::string(words.size() < 22 ? 22 - words.size() : 1, ' ')
         << spec.summary << "\n";
  }
  text << "\n" << GlobalFlags() << "\n" << kExitStatus;
  return text.str();
}

std::string GroupHelp(std::string_view group) {
  std::ostringstream text;
  text << "Usage:\n";
  for (const CommandSpec& spec : kCommands) {
    if (spec.group == group) {
      text << "  influxctl [global flags] " << spec.usage << "\n      " << spec.summary << "\n";
    }
  }
  text << "\nRun \"influxctl " << group << " VERB --help\" for a command's flags.\n";
  return text.str();
}

std::string CommandHelp(const CommandSpec& spec) {
  std::ostringstream text;
  text << "influxctl " << spec.group << (spec.group.empty() ? "" : " ") << spec.verb << ": "
       << spec.summary << "\n\nUsage:\n  influxctl [global flags] " << spec.usage << "\n\n";
  po::options_description flags = CommandFlags(spec.command);
  if (!flags.options().empty()) {
    text << flags << "\n";
  }
  text << GlobalFlags() << "\n" << kExitStatus;
  return text.str();
}

// Where the command words are: positions of the first non-flag arguments,
// skipping the values of global flags that take one.
std::vector<std::size_t> FindCommandWords(const std::vector<std::string>& args,
                                          const po::options_description& global) {
  std::vector<std::size_t> words;
  for (std::size_t i = 0; i < args.size() && words.size() < 2; ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      break;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      if (arg.starts_with("--") && arg.find('=') == std::string::npos) {
        const po::option_description* flag = global.find_nothrow(arg.substr(2), false);
        if (flag != nullptr && flag->semantic()->max_tokens() > 0) {
          ++i;
        }
      }
      continue;
    }
    words.push_back(i);
    // "version" takes no verb; the group commands take exactly one.
    if (words.size() == 1 && arg == "version") {
      break;
    }
  }
  return words;
}

Error UnknownCommand(std::string_view typed, std::string_view group) {
  std::vector<std::string_view> known;
  for (const CommandSpec& spec : kCommands) {
    known.push_back(group.empty() ? (spec.group.empty() ? spec.verb : spec.group) : spec.verb);
  }
  std::string where = group.empty() ? "" : " for \"" + std::string(group) + "\"";
  return Error::Usage("unknown command \"" + std::string(typed) + "\"" + where +
                      DidYouMean(typed, known) + "; run \"influxctl " + std::string(group) +
                      (group.empty() ? "" : " ") + "--help\" to see the commands");
}

Error UnknownFlag(const std::string& flag,
                  const po::options_description& flags,
                  std::string_view command) {
  std::vector<std::string> names;
  for (const auto& option : flags.options()) {
    names.push_back("--" + option->long_name());
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::string suggestion;
  if (auto nearest = NearestName(flag, views)) {
    suggestion = " (did you mean " + *nearest + "?)";
  }
  return Error::Usage("unknown flag " + flag + " for \"" + std::string(command) + "\"" +
                      suggestion + "; run \"influxctl " + std::string(command) +
                      " --help\" to see its flags");
}

template <typename T>
std::optional<T> Get(const po::variables_map& values, const char* name) {
  auto it = values.find(name);
  if (it == values.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.as<T>();
}

Status ReadGlobals(const po::variables_map& values, GlobalOptions& global) {
  global.config = Get<std::string>(values, "config");
  global.profile = Get<std::string>(values, "profile");
  global.account_id = Get<std::string>(values, "account").value_or("");
  global.cluster_id = Get<std::string>(values, "cluster").value_or("");
  global.debug = values["debug"].as<bool>();
  global.trace = values["trace"].as<bool>();
  if (auto timeout = Get<std::string>(values, "timeout")) {
    auto parsed = ParseGoDuration(*timeout);
    if (!parsed.ok()) {
      return Error::Usage("--timeout: " + parsed.error().message());
    }
    if (parsed.value().count() == 0) {
      return Error::Usage(
          "--timeout 0 would fail every call; give a positive duration such as "
          "30s");
    }
    global.timeout = parsed.value();
  }
  return Status::Ok();
}

}  // namespace

Result<Invocation> ParseCommandLine(int argc, const char* const* argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  po::options_description global = GlobalFlags();

  // Which command: the group word, then the verb.
  std::vector<std::size_t> word_positions = FindCommandWords(args, global);
  std::vector<std::string> words;
  for (auto it = word_positions.rbegin(); it != word_positions.rend(); ++it) {
    words.insert(words.begin(), args[*it]);
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(*it));
  }
  const CommandSpec* spec = nullptr;
  std::string group = words.empty() ? "" : words[0];
  bool group_known = false;
  for (const CommandSpec& candidate : kCommands) {
    group_known = group_known || candidate.group == group;
    bool matches = candidate.group.empty() ? (!words.empty() && candidate.verb == words[0])
                                           : (words.size() == 2 && candidate.group == group &&
                                              candidate.verb == words[1]);
    if (matches) {
      spec = &candidate;
    }
  }

  // Every other argument against the global flags plus the command's own.
  po::options_description all;
  all.add(global);
  if (spec != nullptr) {
    all.add(CommandFlags(spec->command));
  }
  po::options_description hidden;
  hidden.add_options()("arguments", po::value<std::vector<std::string>>());
  po::options_description parseable;
  parseable.add(all).add(hidden);
  po::positional_options_description positional;
  positional.add("arguments", -1);

  std::string command_name =
      spec == nullptr
          ? std::string(group)
          : std::string(spec->group) + (spec->group.empty() ? "" : " ") + std::string(spec->verb);
  po::variables_map values;
  try {
    int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(
        po::command_line_parser(args).options(parseable).positional(positional).style(style).run(),
        values);
  } catch (const po::unknown_option& error) {
    return UnknownFlag(error.get_option_name(), all,
                       command_name.empty() ? "influxctl" : command_name);
  } catch (const po::error& error) {
    std::string help =
        command_name.empty() ? "influxctl --help" : "influxctl " + command_name + " --help";
    return Error::Usage(std::string(error.what()) + "; run \"" + help + "\" for usage");
  }

  Invocation invocation;
  Status globals = ReadGlobals(values, invocation.global);
  if (!globals.ok()) {
    return globals.error();
  }
  bool help = values["help"].as<bool>();
  if (values["version"].as<bool>()) {
    invocation.command = Command::kVersion;
    return invocation;
  }

  // Help at whichever level the words reached; unknown words are errors.
  if (spec == nullptr) {
    if (!group.empty() && !group_known) {
      return UnknownCommand(group, "");
    }
    if (words.size() == 2) {
      return UnknownCommand(words[1], group);
    }
    if (!group.empty() && !help) {
      return Error::Usage("\"" + group + "\" needs a command; run \"influxctl " + group +
                          " --help\" to see them");
    }
    invocation.help_text = group.empty() ? TopLevelHelp() : GroupHelp(group);
    return invocation;
  }
  if (help) {
    invocation.help_text = CommandHelp(*spec);
    return invocation;
  }

  invocation.command = spec->command;
  invocation.description = Get<std::string>(values, "description");
  invocation.expires_at = Get<std::string>(values, "expires-at");
  invocation.format = Get<std::string>(values, "format");
  invocation.sort = Get<std::string>(values, "sort").value_or("created");
  invocation.force = values.count("force") != 0 && values["force"].as<bool>();
  invocation.dry_run = values.count("dry-run") != 0 && values["dry-run"].as<bool>();
  invocation.keystore_path = Get<std::string>(values, "path");
  invocation.outputs =
      Get<std::vector<std::string>>(values, "output").value_or(std::vector<std::string>{});
  invocation.arguments =
      Get<std::vector<std::string>>(values, "arguments").value_or(std::vector<std::string>{});

  // Positional arguments: only revoke and describe take them.
  std::size_t wanted_min = 0;
  std::size_t wanted_max = 0;
  if (spec->command == Command::kManagementRevoke) {
    wanted_min = 1;
    wanted_max = SIZE_MAX;
  } else if (spec->command == Command::kPluginsDescribe || spec->command == Command::kKeystoreGet) {
    wanted_min = wanted_max = 1;
  }
  std::size_t count = invocation.arguments.size();
  if (count < wanted_min) {
    std::string what = spec->command == Command::kPluginsDescribe ? "a plugin NAME"
                       : spec->command == Command::kKeystoreGet   ? "an ENTRY name"
                                                                  : "at least one TOKEN_ID";
    return Error::Usage("\"" + command_name + "\" needs " + what + "; usage: influxctl " +
                        std::string(spec->usage));
  }
  if (count > wanted_max) {
    return Error::Usage("unexpected argument \"" + invocation.arguments[wanted_max] + "\" for \"" +
                        command_name + "\"; usage: influxctl " + std::string(spec->usage));
  }
  return invocation;
}

}  // namespace influxctl::cli
