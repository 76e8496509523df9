// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

/// Small text helpers of the batch runner: numbers that round-trip, CSV fields and hashes ("did
/// you mean" and quoting are sim/io/text.hpp's). Pure functions, safe from any thread.
namespace batch {

/// The shortest decimal text that reads back as exactly `value` ("0.1", "23.355148", "1e-07");
/// "nan", "inf", "-inf" for those. Independent of locale and thread, so output is byte-stable.
std::string formatDouble(double value);

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF; quotes doubled.
std::string csvField(std::string_view text);

/// Splits one CSV line (without its line end) into fields, undoing csvField's quoting.
std::vector<std::string> splitCsvLine(std::string_view line);

/// 64-bit FNV-1a of the bytes: the hashes in manifests (identity, not security).
std::uint64_t fnv1a64(std::string_view bytes);

/// 16 lower-case hex digits.
std::string hex64(std::uint64_t value);

/// `text` as one word of a POSIX shell command: as it is when only safe characters, else in
/// single quotes (a path with spaces in a command printed for copying).
std::string shellWord(std::string_view text);

}  // namespace batch
