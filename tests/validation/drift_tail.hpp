// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

#include "sim/geometry.hpp"
#include "sim/world.hpp"

/// How far unintentional edge-line crossings go, measured on a run as a camera would: for every
/// crossing of the right edge line (the shoulder side) by a traffic vehicle, the largest depth of
/// its outline beyond the line before it came back (or the run ended). Observed from frames only.
namespace test {

struct CrossingSample {
    std::vector<double> depths;   ///< m, the largest excursion of each crossing
    double vehicleHours = 0.0;
};

inline CrossingSample rightEdgeCrossings(const sim::Scenario& sc, std::uint64_t seed) {
    sim::World world(sc, seed);
    std::map<std::uint32_t, double> open;  // entity -> deepest so far, while beyond the line
    CrossingSample out;
    while (!world.done()) {
        world.step();
        const sim::Frame f = world.snapshot();
        const auto& info = world.entities();
        std::map<std::uint32_t, double> still;
        for (const sim::EntityState& e : f.entities) {
            const sim::EntityInfo& i = info[e.entity];
            if (i.kind != sim::EntityKind::TrafficVehicle || (e.flags & sim::kCrashed)) continue;
            sim::Vec2 c[4];
            sim::boxCorners({e.pose, 0.5 * i.length, 0.5 * i.width}, c);
            double lowest = c[0].y;
            for (const sim::Vec2& p : c) lowest = std::min(lowest, p.y);
            if (lowest >= 0.0) continue;
            const auto it = open.find(e.entity);
            still[e.entity] = std::max(-lowest, it == open.end() ? 0.0 : it->second);
        }
        for (const auto& [entity, depth] : open)
            if (!still.count(entity)) out.depths.push_back(depth);
        open.swap(still);
    }
    for (const auto& [entity, depth] : open) out.depths.push_back(depth);
    out.vehicleHours = world.outcome().vehicleHours;
    return out;
}

/// Share of the crossings deeper than d.
inline double shareBeyond(const std::vector<double>& depths, double d) {
    if (depths.empty()) return 0.0;
    return static_cast<double>(std::count_if(depths.begin(), depths.end(), [&](double x) { return x > d; })) /
           static_cast<double>(depths.size());
}

}  // namespace test
