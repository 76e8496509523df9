// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
/// Unit constants. Everything inside sim/ is SI (m, s, kg, rad, m/s, m/s^2, veh/s);
/// these convert published figures, which are often in US units, at the place they are quoted.

namespace sim::units {

inline constexpr double kMph = 0.44704;              ///< m/s per mph (exact)
inline constexpr double kKmh = 1.0 / 3.6;            ///< m/s per km/h
inline constexpr double kFoot = 0.3048;              ///< m per ft (exact)
inline constexpr double kMile = 1609.344;            ///< m per mile (exact)
inline constexpr double kMinute = 60.0;              ///< s
inline constexpr double kHour = 3600.0;              ///< s
inline constexpr double kPerHour = 1.0 / 3600.0;     ///< 1/s per 1/h (veh/h -> veh/s)
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDegree = kPi / 180.0;       ///< rad per degree
inline constexpr double kGravity = 9.81;             ///< m/s^2, as in the stopping formulas of references.md#braking
inline constexpr double kFootPerS2 = kFoot;          ///< m/s^2 per ft/s^2

}  // namespace sim::units
