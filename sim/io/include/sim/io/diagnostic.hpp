// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <span>
#include <string>

/// Errors found in input files. The loaders never throw on bad input: they collect every problem
/// they find as a Diagnostic and return them together, so a person fixes a file in one pass.
/// A few things that are not errors are worth saying too (a number read without a unit): those
/// are Diagnostics of severity Note, returned apart from the errors.
namespace sim::io {

/// A place in an input file. line and column are 1-based; 0 means "the whole file" (a file that
/// cannot be read, an override given without an origin).
struct SourceLocation {
    std::string file;   ///< as the user named it (an include path is joined to its includer's folder)
    int line = 0;
    int column = 0;
};

enum class Severity {
    Error,  ///< the input is rejected
    Note,   ///< the input is accepted; this says how it was read
};

/// One problem in an input file, in parts so that tools can show them as they like.
struct Diagnostic {
    SourceLocation where;
    std::string key;       ///< dotted key path, e.g. "units.patrol.offset"; empty for syntax errors
    std::string expected;  ///< what would have been valid, e.g. "a length in 2.5–5 m"; empty in notes
    std::string found;     ///< what the file has, e.g. "\"-12 ft\" (-3.66 m)"
    std::string hint;      ///< e.g. `did you mean "lane_width"?`; may be empty
    Severity severity = Severity::Error;

    /// "file:line:column: key.path: expected …, found …; did you mean …"; a note reads
    /// "file:line:column: key.path: note: <found>; <hint>". Parts that are empty are left out, with
    /// their punctuation.
    std::string message() const;
};

/// Every diagnostic's message(), one per line. For command lines and test failure output.
std::string formatDiagnostics(std::span<const Diagnostic> diagnostics);

}  // namespace sim::io
