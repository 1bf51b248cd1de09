// SPDX-License-Identifier: Apache-2.0
//
// Text another program wrote (pass's and gpg's stderr), made fit for one line
// of an error message: line breaks become "; ", control characters, C1 codes
// and bytes that are not UTF-8 are shown as \xNN escapes, and the result is
// capped. Pure function, safe from any thread.

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace influxctl::pass {

std::string PrintableText(std::string_view raw, std::size_t max_bytes = 1000);

}  // namespace influxctl::pass
