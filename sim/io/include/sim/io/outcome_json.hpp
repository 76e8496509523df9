// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sim/outcome.hpp"

/// The outcome of a run as one JSON object, with the field names other tools rely on
/// (issue: "Command line"). Times are rounded to the millisecond and lengths and speeds to
/// 0.1 mm(/s), which is far below what the models resolve, so that the text is readable.
namespace sim::io {

/// One line of JSON (indent < 0) or an indented document.
std::string outcomeToJson(const Outcome& outcome, int indent = -1);

/// Parses what outcomeToJson wrote (values as rounded there). nullopt, with a reason in *error
/// if given, for anything else; never throws.
std::optional<Outcome> outcomeFromJson(std::string_view json, std::string* error = nullptr);

}  // namespace sim::io
