// SPDX-License-Identifier: Apache-2.0
//
// Quotes a value the user typed for an error message. Printable ASCII stays
// as it is; everything else is escaped byte by byte, so a message never
// carries a terminal escape sequence. Valid date-times and durations are pure
// ASCII, so an escaped byte also reveals a look-alike pasted from a document
// (a Unicode minus sign, a non-breaking space). Long inputs are shown cut.

#pragma once

#include <string>
#include <string_view>

namespace influxctl {

std::string QuoteInput(std::string_view text);

}  // namespace influxctl
