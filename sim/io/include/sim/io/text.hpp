// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

/// Small text helpers of the input formats' messages: suggestions ("did you mean") and quoting.
/// Every front end (scenario files, sweep files, command lines) uses these, so that a misspelt key
/// gets the same suggestion wherever it is written. Pure functions, safe from any thread.
namespace sim::io {

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely misspelling (distance at
/// most a third of the longer word, at least 1; case and '-'/'_' differences count as half).
std::optional<std::string_view> closestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates);

/// `did you mean "x"?`
std::string didYouMean(std::string_view suggestion);

/// A string as a TOML basic string: quoted, with escapes (also used in messages).
std::string quote(std::string_view text);

/// At most `limit` bytes of text for a message, cut at a UTF-8 boundary, with "…" when cut.
std::string abbreviated(std::string_view text, std::size_t limit = 60);

/// Names joined with " | ".
std::string joinNames(std::span<const std::string_view> names, std::string_view separator = " | ");

}  // namespace sim::io
