// SPDX-License-Identifier: Apache-2.0
//
// Reading one parsed TOML file strictly, whatever its schema: positions as
// file:line:column, unknown keys refused with the nearest valid key, and typed
// reads that fail on a present value of the wrong type instead of ignoring it.
// Every failure is a config error whose message names the position; nothing
// here throws, and a toml++ parse error becomes such an error too. A reader
// holds only the file's name and folder, so it is cheap to copy and may be
// shared between threads.

#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

namespace influxctl {

// "a string", "an integer", ...: a node's type as a message says it.
std::string_view TypeName(toml::node_type type);

class TomlReader {
 public:
  // `source_name` is how messages name the file; relative paths written in
  // it resolve against `base_dir`.
  TomlReader(std::string source_name, std::filesystem::path base_dir)
      : source_name_(std::move(source_name)), base_dir_(std::move(base_dir)) {}

  const std::string& source_name() const { return source_name_; }

  // Parses `text`; a syntax error names its position and, for a key written
  // twice, says that each key may appear only once.
  Result<toml::table> Parse(std::string_view text) const;

  // "config.toml:12:5".
  std::string Where(const toml::source_region& region) const;
  std::string Where(const toml::node& node) const { return Where(node.source()); }

  // Fails on the first key of `table` not in `allowed`, suggesting the
  // nearest one and listing them all. `table_name` is how the message names
  // the table, such as "[profile.tls]".
  Status CheckKeys(const toml::table& table,
                   std::span<const std::string_view> allowed,
                   std::string_view table_name) const;

  // The Read* calls leave `out` alone when the key is absent and fail when it
  // is present with another type. `example` shows a valid value in that
  // error, such as "\"443\"".
  Status ReadString(const toml::table& table,
                    std::string_view key,
                    std::string& out,
                    std::string_view example = "") const;
  Status ReadOptionalString(const toml::table& table,
                            std::string_view key,
                            std::optional<std::string>& out) const;
  Status ReadBool(const toml::table& table, std::string_view key, bool& out) const;

  // The table at `key`, or nullptr when there is none. `table_name` is how
  // the error names it.
  Result<const toml::table*> ReadTable(const toml::table& parent,
                                       std::string_view key,
                                       std::string_view table_name) const;

  // Appends the strings of an array node to `out`; `key` names it in errors.
  Status ReadStringList(const toml::node& node,
                        std::string_view key,
                        std::vector<std::string>& out) const;

  // A path written in the file, made absolute against its folder. Empty and
  // absolute paths come back as they are.
  std::string ResolvePath(const std::string& path) const;

 private:
  std::string source_name_;
  std::filesystem::path base_dir_;
};

}  // namespace influxctl
