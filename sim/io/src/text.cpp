// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/io/text.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace sim::io {

std::size_t editDistance(std::string_view a, std::string_view b) {
    // Three rolling rows: the transposition needs the row two back.
    std::vector<std::size_t> twoBack(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], twoBack[j - 2] + 1);
        }
        std::swap(twoBack, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

namespace {

// Folds the differences people make without meaning to: case, '-' versus '_'.
std::string folded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '-') c = '_';
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

std::optional<std::string_view> closestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates) {
    // Long inputs (a pasted paragraph, fuzz input) cannot be misspellings of a key; skip the
    // quadratic distance for them.
    if (word.empty() || word.size() > 64) return std::nullopt;
    const std::string foldedWord = folded(word);
    std::optional<std::string_view> best;
    double bestScore = 0.0;
    for (std::string_view candidate : candidates) {
        if (candidate == word || candidate.size() > 64) continue;
        const double exact = static_cast<double>(editDistance(word, candidate));
        const double loose = static_cast<double>(editDistance(foldedWord, folded(candidate)));
        const double score = std::min(exact, loose + 0.5);
        const double allowed = std::max(1.0, static_cast<double>(std::max(word.size(), candidate.size())) / 3.0);
        if (score <= allowed && (!best || score < bestScore)) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

std::string didYouMean(std::string_view suggestion) {
    return "did you mean " + quote(suggestion) + "?";
}

std::string quote(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20 || u == 0x7F) {
                out += "\\u00";
                out += kHex[u >> 4];
                out += kHex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    return out + '"';
}

std::string abbreviated(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return std::string(text);
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

std::string joinNames(std::span<const std::string_view> names, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += separator;
        out += names[i];
    }
    return out;
}

}  // namespace sim::io
