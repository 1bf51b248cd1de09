// SPDX-License-Identifier: Apache-2.0
//
// The public face of the formats library: picks a format by name and writes
// `create` and `list` results in it. Results go to `out`, the two warnings
// about the new token to `err`. The secret leaves only on the token line of a
// table or as "token" in JSON, and the buffer that carried it there is wiped.
// The token line goes through the same terminal-safe escaping as table cells:
// a real token is printable ASCII, so this never changes one, but a hostile
// server cannot use it to send escape sequences to the terminal. (A token
// that did need escaping would also leave unwiped copies in the escaper.)

#include <string.h>

#include <string>

#include <influxctl/formats/format.hpp>
#include <influxctl/formats/terminal_text.hpp>
#include <influxctl/time.hpp>

#include "json.hpp"
#include "table.hpp"

namespace influxctl::formats {
namespace {

constexpr std::string_view kTableName = "table";
constexpr std::string_view kJsonName = "json";

// influxctl's own words, tab after "warn" as it prints them.
constexpr std::string_view kCopyWarning = "warn\tplease copy the token and store in a safe place\n";
constexpr std::string_view kOnceWarning = "warn\tthis is the *only time* you will see the token\n";

void Write(std::ostream& out, std::string_view text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// For memory that held the secret, before it is freed.
void Wipe(std::string& text) {
  if (text.capacity() > 0) {
    explicit_bzero(text.data(), text.capacity());
  }
}

// An unset time is an empty cell: never the epoch.
std::string TableTime(const std::optional<Timestamp>& time) {
  return time.has_value() ? FormatRfc3339(*time) : std::string();
}

void WriteCreatedTable(const CreatedToken& created,
                       bool show_secret,
                       std::span<const std::string> delivered_to,
                       std::ostream& out,
                       std::ostream& err) {
  const ManagementToken& token = created.token;
  Table table({Alignment::kRight, Alignment::kLeft});
  table.AddRow({"id", token.id});
  table.AddRow({"description", token.description});
  table.AddRow({"expires at", TableTime(token.expires_at)});
  table.AddRow({"revoked at", TableTime(token.revoked_at)});
  table.Write(out);
  if (!show_secret) {
    // The result is where the token went, since the token itself is not shown.
    std::string lines;
    for (const std::string& target : delivered_to) {
      lines += "delivered to " + MakeTerminalSafe(target).text + "\n";
    }
    Write(out, lines);
    return;
  }

  // The table must be out before the warnings when both streams share a
  // terminal, so that the warnings sit between the table and the token.
  out.flush();
  Write(err, kCopyWarning);
  Write(err, kOnceWarning);
  err.flush();

  TerminalText line = MakeTerminalSafe(created.secret.Reveal());
  line.text += '\n';
  Write(out, line.text);
  Wipe(line.text);
}

void WriteListTable(std::span<const ManagementToken> tokens, std::ostream& out) {
  Table table({Alignment::kLeft, Alignment::kLeft, Alignment::kLeft, Alignment::kLeft,
               Alignment::kLeft, Alignment::kLeft});
  table.SetHeader({"ID", "DESCRIPTION", "PREFIX", "CREATED AT", "EXPIRES AT", "REVOKED AT"});
  for (const ManagementToken& token : tokens) {
    table.AddRow({token.id, token.description, token.token_prefix, TableTime(token.created_at),
                  TableTime(token.expires_at), TableTime(token.revoked_at)});
  }
  table.Write(out);
}

}  // namespace

Result<Format> ParseFormat(std::string_view name) {
  if (name == kTableName) {
    return Format::kTable;
  }
  if (name == kJsonName) {
    return Format::kJson;
  }
  return Error::Usage("invalid --format \"" + MakeTerminalSafe(name).text +
                      "\": use one of table, json");
}

std::string_view FormatName(Format format) {
  return format == Format::kJson ? kJsonName : kTableName;
}

void WriteCreated(Format format,
                  const CreatedToken& created,
                  bool show_secret,
                  std::ostream& out,
                  std::ostream& err,
                  std::span<const std::string> delivered_to) {
  if (format == Format::kTable) {
    WriteCreatedTable(created, show_secret, delivered_to, out, err);
    return;
  }

  std::string document =
      CreatedJson(created.token, show_secret ? &created.secret : nullptr, delivered_to);
  Write(out, document);
  Wipe(document);
}

void WriteList(Format format, std::span<const ManagementToken> tokens, std::ostream& out) {
  if (format == Format::kTable) {
    WriteListTable(tokens, out);
    return;
  }
  Write(out, ListJson(tokens));
}

}  // namespace influxctl::formats
