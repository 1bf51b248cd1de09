// SPDX-License-Identifier: Apache-2.0
//
// The strict TOML reader (see toml_reader.hpp). Messages put the position
// first, then what is wrong, then what would be right.

#include "toml_reader.hpp"

#include "nearest_name.hpp"

namespace influxctl {

std::string_view TypeName(toml::node_type type) {
  switch (type) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

Result<toml::table> TomlReader::Parse(std::string_view text) const {
  // toml++ reports syntax errors by exception; they stop here.
  try {
    return toml::parse(text, source_name_);
  } catch (const toml::parse_error& error) {
    std::string message(error.description());
    if (message.find("redefine") != std::string::npos) {
      message += "; each key may appear only once in a table";
    }
    return Error::Config(Where(error.source()) + ": " + message);
  }
}

std::string TomlReader::Where(const toml::source_region& region) const {
  return source_name_ + ":" + std::to_string(region.begin.line) + ":" +
         std::to_string(region.begin.column);
}

Status TomlReader::CheckKeys(const toml::table& table,
                             std::span<const std::string_view> allowed,
                             std::string_view table_name) const {
  for (auto&& [key, node] : table) {
    bool known = false;
    for (std::string_view name : allowed) {
      known = known || name == key.str();
    }
    if (!known) {
      std::string valid;
      for (std::string_view name : allowed) {
        valid += (valid.empty() ? "" : ", ") + std::string(name);
      }
      return Error::Config(Where(key.source()) + ": unknown key \"" + std::string(key.str()) +
                           "\" in " + std::string(table_name) + DidYouMean(key.str(), allowed) +
                           "; valid keys are " + valid);
    }
  }
  return Status::Ok();
}

Status TomlReader::ReadString(const toml::table& table,
                              std::string_view key,
                              std::string& out,
                              std::string_view example) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return Status::Ok();
  }
  if (!node->is_string()) {
    std::string hint = example.empty() ? "" : " such as " + std::string(example);
    return Error::Config(Where(*node) + ": \"" + std::string(key) + "\" must be a string" + hint +
                         ", not " + std::string(TypeName(node->type())));
  }
  out = node->as_string()->get();
  return Status::Ok();
}

Status TomlReader::ReadOptionalString(const toml::table& table,
                                      std::string_view key,
                                      std::optional<std::string>& out) const {
  if (table.get(key) == nullptr) {
    return Status::Ok();
  }
  std::string value;
  Status status = ReadString(table, key, value);
  if (status.ok()) {
    out = std::move(value);
  }
  return status;
}

Status TomlReader::ReadBool(const toml::table& table, std::string_view key, bool& out) const {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return Status::Ok();
  }
  if (!node->is_boolean()) {
    return Error::Config(Where(*node) + ": \"" + std::string(key) +
                         "\" must be true or false, not " + std::string(TypeName(node->type())));
  }
  out = node->as_boolean()->get();
  return Status::Ok();
}

Result<const toml::table*> TomlReader::ReadTable(const toml::table& parent,
                                                 std::string_view key,
                                                 std::string_view table_name) const {
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    return static_cast<const toml::table*>(nullptr);
  }
  if (!node->is_table()) {
    return Error::Config(Where(*node) + ": \"" + std::string(key) + "\" must be a table (" +
                         std::string(table_name) + "), not " + std::string(TypeName(node->type())));
  }
  return node->as_table();
}

Status TomlReader::ReadStringList(const toml::node& node,
                                  std::string_view key,
                                  std::vector<std::string>& out) const {
  const toml::array* array = node.as_array();
  std::string error = Where(node) + ": \"" + std::string(key) + "\" must be a list of strings";
  if (array == nullptr) {
    return Error::Config(error + ", not " + std::string(TypeName(node.type())));
  }
  for (const toml::node& item : *array) {
    if (!item.is_string()) {
      return Error::Config(error + "; this item is " + std::string(TypeName(item.type())));
    }
    out.push_back(item.as_string()->get());
  }
  return Status::Ok();
}

std::string TomlReader::ResolvePath(const std::string& path) const {
  if (path.empty() || std::filesystem::path(path).is_absolute()) {
    return path;
  }
  return (base_dir_ / path).lexically_normal().string();
}

}  // namespace influxctl
