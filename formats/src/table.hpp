// SPDX-License-Identifier: Apache-2.0
//
// A bordered text table in influxctl's style: "+----+" rules around "| a |"
// rows, an optional header row set off by a rule, each column as wide as its
// widest cell on a terminal. Every cell passes through MakeTerminalSafe on
// the way in, so nothing a Table writes can move the cursor, change colours
// or reorder a line. A value built and written by one thread.

#pragma once

#include <initializer_list>
#include <ostream>
#include <string_view>
#include <vector>

#include <influxctl/formats/terminal_text.hpp>

namespace influxctl::formats {

enum class Alignment { kLeft, kRight };

class Table {
 public:
  // One entry a column, left to right.
  explicit Table(std::initializer_list<Alignment> columns);

  // Each takes one cell a column; missing cells are empty, extra ones dropped.
  void SetHeader(std::initializer_list<std::string_view> cells);
  void AddRow(std::initializer_list<std::string_view> cells);

  // Top rule, header and its rule when there is a header, rows, bottom rule.
  // A header with no rows is closed by a single rule.
  void Write(std::ostream& out) const;

 private:
  using Row = std::vector<TerminalText>;

  Row MakeRow(std::initializer_list<std::string_view> cells) const;
  void AppendRule(std::string& out, const std::vector<std::size_t>& widths) const;
  void AppendRow(std::string& out, const Row& row, const std::vector<std::size_t>& widths) const;

  std::vector<Alignment> alignments_;
  Row header_;  // empty: no header
  std::vector<Row> rows_;
};

}  // namespace influxctl::formats
