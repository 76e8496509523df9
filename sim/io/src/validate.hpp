// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <vector>

#include "document.hpp"
#include "schema.hpp"

/// The schema-driven half of validation: every key known, every value of the right type, unit and
/// range, required keys present. Reports every problem, never stops at the first. The cross-key
/// half (references between units, lengths that depend on the road) is scenario_builder.cpp.
namespace sim::io::detail {

/// Validates a whole scenario document (the merged root table).
void validateDocument(const DocNode& root, std::vector<Diagnostic>& errors);

/// Validates one value against its rule; `path` is the concrete key path for messages.
void validateValue(const DocNode& node, const KeyRule& rule, const std::string& path, std::vector<Diagnostic>& errors);

}  // namespace sim::io::detail
