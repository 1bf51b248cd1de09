// SPDX-License-Identifier: Apache-2.0
//
// The edit the env-file output makes to a dotenv file's text: each variable
// it writes is replaced where it first stands, its later duplicates are
// removed, and a variable the file lacks is appended at the end. Every other
// byte stays as it was: comments, blank lines, `export` lines, lines the
// dialect does not interpret, CRLF line breaks, a last line without a line
// break. Pure functions on text, header-only so the unit tests compile them
// directly. The result holds secrets: the caller wipes it. Nothing here logs,
// and no message or note ever quotes a value.

#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <influxctl/error.hpp>

#include "dotenv_syntax.hpp"

namespace influxctl::env_file {

// One variable to write: its name and the exact value to store.
struct Assignment {
  std::string_view name;
  std::string_view value;
};

// The edited file, and what was done to it, for trace logs: "INFLUX_TOKEN
// replaced at line 3", "INFLUX_TOKEN appended at line 9", "INFLUX_TOKEN: 1
// duplicate removed". Line numbers are those of the original file for a
// replacement, of the new file for an append.
struct Edited {
  std::string text;
  std::vector<std::string> notes;
  bool crlf = false;  // new lines end in CRLF, as the file's first line does
};

// Whether `file` is text this dialect can edit (see ScanEntries).
inline Status CheckDotenv(std::string_view file) {
  Result<std::vector<Entry>> entries = ScanEntries(SplitLines(file));
  return entries.ok() ? Status::Ok() : Status(entries.error());
}

// `file` with every assignment written as NAME='value'. A replaced assignment
// keeps its lead (indent and any `export`) and its final line break; with
// `export_all`, a lead without `export` gets one. Appended lines start with
// `export ` under `export_all`. Refuses, as an output error naming the
// variable, a value UnquotableReason rejects, and a file ScanEntries cannot
// read. Names must be valid and distinct (the factory checks them).
inline Result<Edited> EditDotenv(std::string_view file,
                                 std::span<const Assignment> assignments,
                                 bool export_all) {
  for (const Assignment& assignment : assignments) {
    std::string_view reason = UnquotableReason(assignment.value);
    if (!reason.empty()) {
      return Error::Output("the value for " + std::string(assignment.name) + " holds " +
                           std::string(reason) +
                           ", which cannot be written so that both sh and dotenv parsers read it "
                           "back unchanged; it was not written (see docs/env-file.md)");
    }
  }
  std::vector<Line> lines = SplitLines(file);
  Result<std::vector<Entry>> scanned = ScanEntries(lines);
  if (!scanned.ok()) {
    return scanned.error();
  }
  const std::vector<Entry>& entries = scanned.value();
  std::string_view ending = LineEnding(lines);

  Edited edited;
  edited.crlf = ending == "\r\n";
  edited.text.reserve(file.size() + 256);
  std::vector<bool> written(assignments.size(), false);
  std::vector<int> duplicates(assignments.size(), 0);
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  auto assignment_for = [&](const std::string& name) {
    for (std::size_t i = 0; i < assignments.size(); ++i) {
      if (!name.empty() && assignments[i].name == name) {
        return i;
      }
    }
    return kNone;
  };

  // Walk the entries: keep each byte for byte, replace the first assignment
  // of each variable, drop the ones after it.
  for (const Entry& entry : entries) {
    std::size_t which = assignment_for(entry.name);
    if (which == kNone) {
      for (std::size_t line = entry.first_line; line < entry.end_line; ++line) {
        edited.text += lines[line].text;
        edited.text += lines[line].ending;
      }
      continue;
    }
    const Assignment& assignment = assignments[which];
    if (written[which]) {
      ++duplicates[which];
      continue;
    }
    std::string_view first = lines[entry.first_line].text;
    std::string_view lead = first.substr(0, entry.name_offset);
    edited.text += lead;
    if (export_all && !entry.exported) {
      edited.text += "export ";  // the lead held only blanks (and a byte-order mark)
    }
    edited.text += assignment.name;
    edited.text += '=';
    edited.text += SingleQuoted(assignment.value);
    edited.text += lines[entry.end_line - 1].ending;
    written[which] = true;
    edited.notes.push_back(std::string(assignment.name) + " replaced at line " +
                           std::to_string(entry.first_line + 1));
  }

  // Variables the file did not have go at the end, after a line break if
  // the last line had none.
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    if (written[i]) {
      continue;
    }
    if (!edited.text.empty() && edited.text.back() != '\n') {
      edited.text += ending;
    }
    if (export_all) {
      edited.text += "export ";
    }
    std::size_t line =
        1 + static_cast<std::size_t>(std::count(edited.text.begin(), edited.text.end(), '\n'));
    edited.notes.push_back(std::string(assignments[i].name) + " appended at line " +
                           std::to_string(line));
    edited.text += assignments[i].name;
    edited.text += '=';
    edited.text += SingleQuoted(assignments[i].value);
    edited.text += ending;
  }
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    if (duplicates[i] > 0) {
      edited.notes.push_back(std::string(assignments[i].name) + ": " +
                             std::to_string(duplicates[i]) +
                             (duplicates[i] == 1 ? " duplicate" : " duplicates") + " removed");
    }
  }
  return edited;
}

}  // namespace influxctl::env_file
