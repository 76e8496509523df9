// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/io/diagnostic.hpp"

namespace sim::io {

std::string Diagnostic::message() const {
    std::string text = where.file.empty() ? std::string("<input>") : where.file;
    if (where.line > 0) {
        text += ':' + std::to_string(where.line);
        if (where.column > 0) text += ':' + std::to_string(where.column);
    }
    text += ": ";
    if (!key.empty()) text += key + ": ";
    if (severity == Severity::Note) return text + "note: " + found + (hint.empty() ? "" : "; " + hint);
    if (!expected.empty()) text += "expected " + expected;
    if (!found.empty()) text += (expected.empty() ? "found " : ", found ") + found;
    if (!hint.empty()) text += (expected.empty() && found.empty() ? "" : "; ") + hint;
    return text;
}

std::string formatDiagnostics(std::span<const Diagnostic> diagnostics) {
    std::string text;
    for (const Diagnostic& d : diagnostics) text += d.message() + '\n';
    return text;
}

}  // namespace sim::io
