// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/io/quantity.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "sim/units.hpp"
#include "sim/io/text.hpp"

namespace sim::io {
namespace {

using namespace sim::units;

constexpr std::array kUnits = {
    UnitInfo{"m", Dimension::Length, 1.0},
    UnitInfo{"km", Dimension::Length, 1000.0},
    UnitInfo{"cm", Dimension::Length, 0.01},
    UnitInfo{"mm", Dimension::Length, 0.001},
    UnitInfo{"ft", Dimension::Length, kFoot},
    UnitInfo{"in", Dimension::Length, 0.0254},
    UnitInfo{"yd", Dimension::Length, 3.0 * kFoot},
    UnitInfo{"mi", Dimension::Length, kMile},
    UnitInfo{"s", Dimension::Time, 1.0},
    UnitInfo{"ms", Dimension::Time, 0.001},
    UnitInfo{"min", Dimension::Time, kMinute},
    UnitInfo{"h", Dimension::Time, kHour},
    UnitInfo{"m/s", Dimension::Speed, 1.0},
    UnitInfo{"km/h", Dimension::Speed, kKmh},
    UnitInfo{"mph", Dimension::Speed, kMph},
    UnitInfo{"ft/s", Dimension::Speed, kFoot},
    UnitInfo{"m/s^2", Dimension::Acceleration, 1.0},
    UnitInfo{"m/s²", Dimension::Acceleration, 1.0},
    UnitInfo{"ft/s^2", Dimension::Acceleration, kFootPerS2},
    UnitInfo{"g", Dimension::Acceleration, kGravity},
    UnitInfo{"rad", Dimension::Angle, 1.0},
    UnitInfo{"deg", Dimension::Angle, kDegree},
    UnitInfo{"°", Dimension::Angle, kDegree},
    UnitInfo{"veh/h", Dimension::Flow, kPerHour},
    UnitInfo{"veh/min", Dimension::Flow, 1.0 / kMinute},
    UnitInfo{"veh/s", Dimension::Flow, 1.0},
    UnitInfo{"/h", Dimension::Rate, kPerHour},
    UnitInfo{"/min", Dimension::Rate, 1.0 / kMinute},
    UnitInfo{"/s", Dimension::Rate, 1.0},
    UnitInfo{"1/h", Dimension::Rate, kPerHour},
    UnitInfo{"1/s", Dimension::Rate, 1.0},
    UnitInfo{"kg", Dimension::Mass, 1.0},
    UnitInfo{"t", Dimension::Mass, 1000.0},
    UnitInfo{"lb", Dimension::Mass, 0.45359237},
    UnitInfo{"%", Dimension::Dimensionless, 0.01},
};

const UnitInfo* findUnit(std::string_view symbol) {
    for (const UnitInfo& unit : kUnits)
        if (unit.symbol == symbol) return &unit;
    return nullptr;
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// The length of the decimal number at the start of text: sign, digits, fraction, exponent.
// Hand-rolled so that "inf", "nan", hex and "1e" are not numbers (std::from_chars accepts some).
std::size_t numberPrefix(std::string_view text) {
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i - start;
    };
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t mantissa = digits();
    if (i < text.size() && text[i] == '.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0) return 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        const std::size_t mark = i++;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (digits() == 0) i = mark;  // "3 e" or "1e": not an exponent
    }
    return i;
}

std::vector<std::string_view> symbolsOf(Dimension dimension) {
    std::vector<std::string_view> symbols;
    for (const UnitInfo& unit : kUnits)
        if (unit.dimension == dimension) symbols.push_back(unit.symbol);
    return symbols;
}

ParsedQuantity failure(std::string error, std::string hint = {}) {
    return {std::nullopt, std::move(error), std::move(hint), 0.0, {}};
}

}  // namespace

std::span<const UnitInfo> knownUnits() { return kUnits; }

ParsedQuantity siQuantity(double value, Dimension expected) {
    if (!std::isfinite(value))
        return failure("not a finite number", "write " + dimensionWithArticle(expected) + " such as " +
                                                  quote("1 " + std::string(displayUnit(expected))));
    return {value, {}, {}, value, {}};
}

ParsedQuantity parseQuantity(std::string_view text, Dimension expected) {
    const std::string_view body = trim(text);
    const std::size_t numberLength = numberPrefix(body);
    if (numberLength == 0)
        return failure("not a number with a unit",
                       "write a number and a unit, e.g. " + quote("12 " + std::string(displayUnit(expected))));
    std::string number(body.substr(0, numberLength));
    if (number.front() == '+') number.erase(0, 1);  // from_chars rejects a leading '+'
    double value = 0.0;
    const auto [end, status] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (status == std::errc::result_out_of_range || !std::isfinite(value))
        return failure("a number too large or too small for a double");
    if (status != std::errc{} || end != number.data() + number.size())
        return failure("not a number with a unit");

    const std::string_view symbol = trim(body.substr(numberLength));
    if (symbol.empty()) return siQuantity(value, expected);
    const UnitInfo* unit = findUnit(symbol);
    if (!unit) {
        const std::vector<std::string_view> symbols = symbolsOf(expected);
        const auto close = closestMatch(symbol, symbols);
        return failure("an unknown unit " + quote(abbreviated(symbol)),
                       close ? didYouMean(std::string(body.substr(0, numberLength)) + " " + std::string(*close))
                             : "units for " + std::string(dimensionName(expected)) + ": " + unitSymbols(expected));
    }
    if (unit->dimension != expected)
        return failure(dimensionWithArticle(unit->dimension) + " (" + std::string(unit->symbol) + "), not " +
                           dimensionWithArticle(expected),
                       "units for " + std::string(dimensionName(expected)) + ": " + unitSymbols(expected));
    const double si = value * unit->factor;
    if (!std::isfinite(si)) return failure("a number too large for a double once converted to SI");
    return {si, {}, {}, value, std::string(unit->symbol)};
}

std::string_view dimensionName(Dimension dimension) {
    switch (dimension) {
    case Dimension::Length: return "length";
    case Dimension::Time: return "time";
    case Dimension::Speed: return "speed";
    case Dimension::Acceleration: return "acceleration";
    case Dimension::Angle: return "angle";
    case Dimension::Flow: return "flow";
    case Dimension::Rate: return "rate";
    case Dimension::Mass: return "mass";
    case Dimension::Dimensionless: return "number";
    }
    return "number";
}

std::string dimensionWithArticle(Dimension dimension) {
    const std::string_view name = dimensionName(dimension);
    return (name.front() == 'a' ? "an " : "a ") + std::string(name);
}

std::string_view displayUnit(Dimension dimension) {
    switch (dimension) {
    case Dimension::Length: return "m";
    case Dimension::Time: return "s";
    case Dimension::Speed: return "m/s";
    case Dimension::Acceleration: return "m/s^2";
    case Dimension::Angle: return "rad";
    case Dimension::Flow: return "veh/h";
    case Dimension::Rate: return "/h";
    case Dimension::Mass: return "kg";
    case Dimension::Dimensionless: return "";
    }
    return "";
}

std::string_view siUnit(Dimension dimension) {
    if (dimension == Dimension::Dimensionless) return "";
    for (const UnitInfo& unit : kUnits)
        if (unit.dimension == dimension && unit.factor == 1.0) return unit.symbol;
    return "";
}

std::string_view exampleUnit(Dimension dimension) {
    switch (dimension) {
    case Dimension::Length: return "ft";
    case Dimension::Speed: return "mph";
    case Dimension::Angle: return "deg";
    default: return dimension == Dimension::Time ? "s" : displayUnit(dimension);
    }
}

double displayFactor(Dimension dimension) {
    switch (dimension) {
    case Dimension::Flow:
    case Dimension::Rate: return kPerHour;
    default: return 1.0;
    }
}

std::string unitSymbols(Dimension dimension) {
    const std::vector<std::string_view> symbols = symbolsOf(dimension);
    return joinNames(symbols, ", ");
}

std::string formatNumber(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value == 0.0 ? 0.0 : value);  // no "-0"
    return buffer;
}

std::string formatQuantity(double si, Dimension dimension) {
    const std::string_view unit = displayUnit(dimension);
    std::string text = formatNumber(si / displayFactor(dimension));
    if (!unit.empty()) text += ' ' + std::string(unit);
    if (dimension == Dimension::Angle && std::isfinite(si)) text += " (" + formatNumber(si / kDegree) + " deg)";
    return text;
}

}  // namespace sim::io
