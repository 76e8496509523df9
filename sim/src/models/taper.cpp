// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/taper.hpp"

#include <algorithm>
#include <cmath>

#include "sim/units.hpp"

namespace sim::models {

namespace {
/// Merging taper length (ft) for offset w (ft) at speed s (mph).
double merging(double w, double s) {
    // references.md#positioning [C] (MUTCD 2009 Table 6C-3/6C-4): L = W S^2 / 60 for S <= 40 mph, L = W S
    // for S >= 45 mph.
    if (s <= 40.0) return w * s * s / 60.0;
    if (s >= 45.0) return w * s;
    // Between 40 and 45 mph the MUTCD gives no formula (posted speeds come in 5 mph steps).
    // Assumption: linear interpolation between the two formulas' values at 40 and 45 mph, so the
    // length is continuous and increasing.
    const double at40 = w * 40.0 * 40.0 / 60.0;
    const double at45 = w * 45.0;
    return at40 + (at45 - at40) * (s - 40.0) / 5.0;
}
}  // namespace

double mutcdTaperLength(double offset, double speed, TaperKind kind) {
    const double w = std::abs(offset) / units::kFoot;
    const double s = std::max(speed, 0.0) / units::kMph;
    const double l = merging(w, s);
    // references.md#positioning [C]: merging taper >= L; shifting taper >= L/2; shoulder taper >= L/3.
    double factor = 1.0;
    switch (kind) {
        case TaperKind::Merging: factor = 1.0; break;
        case TaperKind::Shifting: factor = 1.0 / 2.0; break;
        case TaperKind::Shoulder: factor = 1.0 / 3.0; break;
    }
    return l * factor * units::kFoot;
}

double mutcdTaperDeviceSpacing(double speed) {
    // references.md#positioning [C]: maximum device spacing in a taper, in ft, 1.0 x S (mph).
    return std::max(speed, 0.0) / units::kMph * units::kFoot;
}

std::vector<Vec2> taperCones(double sEnd, double dFrom, double dTo, double speed, TaperKind kind) {
    const double length = mutcdTaperLength(dTo - dFrom, speed, kind);
    const double maxSpacing = mutcdTaperDeviceSpacing(speed);
    if (!(length > 0.0) || !(maxSpacing > 0.0)) return {Vec2{sEnd, dTo}};
    // The fewest equal intervals that respect the maximum spacing (measured along the road, as the
    // MUTCD does). The tolerance keeps an exact multiple (780 ft at 65 ft spacing) at 12 intervals.
    const auto intervals = static_cast<int>(std::max(1.0, std::ceil(length / maxSpacing - 1e-9)));
    std::vector<Vec2> cones;
    cones.reserve(static_cast<std::size_t>(intervals) + 1);
    const double sStart = sEnd - length;
    for (int i = 0; i <= intervals; ++i) {
        const double f = static_cast<double>(i) / intervals;
        cones.push_back({i == intervals ? sEnd : sStart + f * length, dFrom + f * (dTo - dFrom)});
    }
    return cones;
}

}  // namespace sim::models
