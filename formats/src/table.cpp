// SPDX-License-Identifier: Apache-2.0
//
// Table layout. Widths are measured once the rows are in, and the whole table
// is built in memory and written with one call, so a table is never
// interleaved with anything else on the stream.

#include "table.hpp"

#include <algorithm>
#include <string>

namespace influxctl::formats {

Table::Table(std::initializer_list<Alignment> columns) : alignments_(columns) {}

void Table::SetHeader(std::initializer_list<std::string_view> cells) {
  header_ = MakeRow(cells);
}

void Table::AddRow(std::initializer_list<std::string_view> cells) {
  rows_.push_back(MakeRow(cells));
}

Table::Row Table::MakeRow(std::initializer_list<std::string_view> cells) const {
  Row row;
  row.reserve(alignments_.size());
  for (std::string_view cell : cells) {
    if (row.size() == alignments_.size()) {
      break;
    }
    row.push_back(MakeTerminalSafe(cell));
  }
  row.resize(alignments_.size());
  return row;
}

void Table::Write(std::ostream& out) const {
  std::vector<std::size_t> widths(alignments_.size(), 0);
  auto widen = [&widths](const Row& row) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].width);
    }
  };
  widen(header_);
  for (const Row& row : rows_) {
    widen(row);
  }

  std::string text;
  AppendRule(text, widths);
  if (!header_.empty()) {
    AppendRow(text, header_, widths);
    AppendRule(text, widths);
  }
  if (!rows_.empty()) {
    for (const Row& row : rows_) {
      AppendRow(text, row, widths);
    }
    AppendRule(text, widths);
  } else if (header_.empty()) {
    // Nothing at all: close the box rather than leave a lone top rule.
    AppendRule(text, widths);
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void Table::AppendRule(std::string& out, const std::vector<std::size_t>& widths) const {
  out += '+';
  for (std::size_t width : widths) {
    out.append(width + 2, '-');
    out += '+';
  }
  out += '\n';
}

void Table::AppendRow(std::string& out,
                      const Row& row,
                      const std::vector<std::size_t>& widths) const {
  out += '|';
  for (std::size_t column = 0; column < row.size(); ++column) {
    const TerminalText& cell = row[column];
    const std::size_t padding = widths[column] - cell.width;
    out += ' ';
    if (alignments_[column] == Alignment::kRight) {
      out.append(padding, ' ');
      out += cell.text;
    } else {
      out += cell.text;
      out.append(padding, ' ');
    }
    out += " |";
  }
  out += '\n';
}

}  // namespace influxctl::formats
