// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

/// Physical quantities written with units in input files: "65 mph", "12 ft", "3.4 m/s^2".
///
/// Everything inside Roadside is SI (m, s, m/s, m/s^2, rad, veh/s, 1/s, kg); units exist only at
/// the edge, here. Pure functions, safe from any thread.
namespace sim::io {

/// What a quantity measures. Each has an SI unit (the value of a bare number) and a display unit
/// (what messages and docs show: the SI unit except veh/h for flows and /h for rates).
enum class Dimension {
    Length,         ///< m
    Time,           ///< s
    Speed,          ///< m/s
    Acceleration,   ///< m/s^2
    Angle,          ///< rad (a bare number is radians: "15 deg" for degrees)
    Flow,           ///< veh/s (shown as veh/h)
    Rate,           ///< 1/s (shown as /h)
    Mass,           ///< kg
    Dimensionless,  ///< a plain number; "50 %" is 0.5
};

/// One unit the parser knows: `symbol` means `factor` SI units of `dimension`.
struct UnitInfo {
    std::string_view symbol;  ///< e.g. "mph", "m/s^2", "/h"
    Dimension dimension;
    double factor;            ///< SI value of 1 symbol (1 mph = 0.44704 m/s)
};

/// Every unit symbol accepted, grouped by dimension, the usual one first in each group.
std::span<const UnitInfo> knownUnits();

/// The result of parsing a quantity: the SI value, or why the text is not a valid quantity of
/// the expected dimension (a complete sentence fragment for "expected …, found …" messages).
struct ParsedQuantity {
    std::optional<double> value;  ///< SI; always finite when set
    std::string error;            ///< e.g. "a mass (kg), not a speed"; empty when value is set
    std::string hint;             ///< e.g. `did you mean "km/h"?`; may be empty
    double number = 0.0;          ///< when value is set: the number as written ("3.5 ft" -> 3.5)
    std::string unit;             ///< when value is set: the unit symbol as written; empty for a bare number
};

/// Parses "<number> <unit>" or "<number>" (SI). The number is decimal with optional sign,
/// fraction and exponent; whitespace between number and unit is optional. Rejected: empty text,
/// garbage, a unit of another dimension, nan and inf, values whose magnitude overflows a double.
ParsedQuantity parseQuantity(std::string_view text, Dimension expected);

/// Checks a bare number given in SI (a TOML integer or float): rejects nan and inf.
ParsedQuantity siQuantity(double value, Dimension expected);

/// "length", "time", "speed", … ("number" for Dimensionless).
std::string_view dimensionName(Dimension dimension);
/// "a length", "an acceleration", … for messages.
std::string dimensionWithArticle(Dimension dimension);
/// The display unit symbol: "m", "s", "m/s", "m/s^2", "rad", "veh/h", "/h", "kg", "".
std::string_view displayUnit(Dimension dimension);
/// The SI unit symbol, the meaning of a bare number: "m", "s", "m/s", "m/s^2", "rad", "veh/s", "/s", "kg", "".
std::string_view siUnit(Dimension dimension);
/// The unit people most often type for the dimension, for examples: "ft", "s", "mph", "m/s^2",
/// "deg", "veh/h", "/h", "kg", "".
std::string_view exampleUnit(Dimension dimension);
/// SI value of one display unit (veh/h: 1/3600).
double displayFactor(Dimension dimension);
/// The symbols accepted for a dimension, comma-separated ("m, km, cm, mm, ft, in, yd, mi").
std::string unitSymbols(Dimension dimension);

/// An SI value in display units with up to 6 significant digits: "3.6576 m", "1200 veh/h",
/// "0.261799 rad (15 deg)".
std::string formatQuantity(double si, Dimension dimension);
/// A number with up to 6 significant digits ("2.5", "1e+06").
std::string formatNumber(double value);

}  // namespace sim::io
