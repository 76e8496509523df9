// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "scene_layout.hpp"

#include <algorithm>
#include <cmath>

#include "sim/models/visibility.hpp"

namespace sim::detail {

LaneEffect laneEffect(const Road& r, int lane, double w, const Obstacle& o, double swept) {
    const double half = 0.5 * std::max(w, swept);
    LaneEffect e;
    const double right = laneRight(r, lane);
    const double left = laneLeft(r, lane);
    if (o.dMax <= right || o.dMin >= left) return e;
    const double needed = w + 2.0 * kPassingClearance;
    const double freeRight = std::max(0.0, o.dMin - right);
    const double freeLeft = std::max(0.0, left - o.dMax);
    if (std::max(freeLeft, freeRight) < needed) {
        e.blocked = true;
    } else if (freeLeft >= freeRight) {
        e.dLow = o.dMax + kPassingClearance + half;
    } else {
        e.dHigh = o.dMin - kPassingClearance - half;
    }
    return e;
}

Obstacle boundingObstacle(const OrientedBox& b) {
    Vec2 c[4];
    boxCorners(b, c);
    Obstacle o{c[0].x, c[0].x, c[0].y, c[0].y};
    for (const Vec2& p : c) {
        o.sFrom = std::min(o.sFrom, p.x);
        o.sTo = std::max(o.sTo, p.x);
        o.dMin = std::min(o.dMin, p.y);
        o.dMax = std::max(o.dMax, p.y);
    }
    return o;
}

std::vector<Obstacle> slicedObstacles(const OrientedBox& b, double step) {
    const Obstacle whole = boundingObstacle(b);
    Vec2 c[4];
    boxCorners(b, c);
    const int slices = std::max(1, static_cast<int>(std::ceil((whole.sTo - whole.sFrom) / step)));
    const double width = (whole.sTo - whole.sFrom) / slices;
    std::vector<Obstacle> out;
    for (int k = 0; k < slices; ++k) {
        const double x0 = whole.sFrom + k * width, x1 = x0 + width;
        double lo = 1e18, hi = -1e18;
        auto take = [&](double y) {
            lo = std::min(lo, y);
            hi = std::max(hi, y);
        };
        // The outline within [x0, x1]: corners inside the slice and edges cut at its ends.
        for (int i = 0; i < 4; ++i) {
            const Vec2 a = c[i], e = c[(i + 1) % 4];
            if (a.x >= x0 && a.x <= x1) take(a.y);
            for (const double x : {x0, x1})
                if ((a.x - x) * (e.x - x) < 0.0) take(a.y + (e.y - a.y) * (x - a.x) / (e.x - a.x));
        }
        if (lo <= hi) out.push_back({x0, x1, lo, hi});
    }
    return out;
}

namespace {

OrientedBox unitBox(const UnitDef& u) {
    return {{u.position, u.heading}, 0.5 * u.spec.length, 0.5 * u.spec.width};
}

/// Cones and flares close the band to their right between one device and the next one
/// downstream (a taper or a line of devices), or stand alone when the next is far away.
void addDeviceObstacles(const Scenario& sc, double sceneStart, std::vector<Obstacle>& out) {
    constexpr double kDeviceRadius = 0.18;     // m, base of a 28-inch cone [M]
    constexpr double kLineGap = 30.0;          // m; farther apart than this = not one line [assumption]
    std::vector<Vec2> pts;
    for (const DeviceDef& dv : sc.devices) pts.push_back(dv.position);
    std::sort(pts.begin(), pts.end(), [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    for (std::size_t i = 0; i < pts.size(); ++i) {
        double sTo = pts[i].x + kDeviceRadius;
        if (i + 1 < pts.size() && pts[i + 1].x - pts[i].x <= kLineGap) sTo = pts[i + 1].x;
        else if (sceneStart >= pts[i].x && sceneStart - pts[i].x <= kLineGap) sTo = sceneStart;
        const double dMin = -sc.road.shoulderWidth - 1.0;
        out.push_back({pts[i].x - kDeviceRadius, sTo, dMin, pts[i].y + kDeviceRadius});
    }
}

UnitLights brightest(UnitLights a, UnitLights b) {
    return models::warningLightIntensity(a) >= models::warningLightIntensity(b) ? a : b;
}

/// The unit nearest behind unit `i` (or ahead, if none is behind) among those that overlap it
/// laterally: the car that "between the cars" refers to.
int neighbourUnit(const Scenario& sc, int i) {
    const UnitDef& u = sc.units[static_cast<std::size_t>(i)];
    int behind = -1, ahead = -1;
    for (int j = 0; j < static_cast<int>(sc.units.size()); ++j) {
        if (j == i) continue;
        const UnitDef& o = sc.units[static_cast<std::size_t>(j)];
        if (std::abs(o.position.y - u.position.y) > 0.5 * (o.spec.width + u.spec.width)) continue;
        if (o.position.x < u.position.x &&
            (behind < 0 || o.position.x > sc.units[static_cast<std::size_t>(behind)].position.x))
            behind = j;
        if (o.position.x > u.position.x &&
            (ahead < 0 || o.position.x < sc.units[static_cast<std::size_t>(ahead)].position.x))
            ahead = j;
    }
    return behind >= 0 ? behind : ahead;
}

Vec2 inUnitFrame(const OrientedBox& b, double x, double y) {
    const Vec2 u = direction(b.pose.heading);
    return b.pose.position + u * x + leftNormal(u) * y;
}

}  // namespace

Vec2 placePosition(const Scenario& sc, const SceneLayout& layout, const ScriptStep& step) {
    const Road& road = sc.road;
    if (step.place == Place::BehindGuardrail) {
        // Beside the script's unit, beyond the rail (or 3 m beyond the shoulder if there is none).
        const double s = sc.units.empty() ? 0.0 : sc.units[static_cast<std::size_t>(step.unit)].position.x;
        return {s, road.guardrail ? layout.guardrailD - 1.5 : -road.shoulderWidth - 3.0};
    }
    const OrientedBox& b = layout.unitBoxes[static_cast<std::size_t>(step.unit)];
    const double L = b.halfLength, W = b.halfWidth;
    // Standing positions, measured from photographs of trainers' diagrams [assumption]: 0.45-0.5 m
    // out from the body leaves ~0.2 m between a 0.25 m-radius person and the car.
    switch (step.place) {
        case Place::DriverDoor: return inUnitFrame(b, 0.1 * L, W + 0.5);
        case Place::DriverWindow: return inUnitFrame(b, -0.1 * L, W + 0.45);
        case Place::PassengerWindow: return inUnitFrame(b, -0.1 * L, -(W + 0.45));
        case Place::Front: return inUnitFrame(b, L + 1.0, 0.0);
        case Place::Rear: return inUnitFrame(b, -(L + 1.0), 0.0);
        case Place::Inside: return b.pose.position;
        case Place::Between: {
            const int j = neighbourUnit(sc, step.unit);
            if (j < 0) return inUnitFrame(b, -(L + 1.5), 0.0);
            const OrientedBox& o = layout.unitBoxes[static_cast<std::size_t>(j)];
            const bool otherBehind = o.pose.position.x < b.pose.position.x;
            const Vec2 mine = inUnitFrame(b, otherBehind ? -L : L, 0.0);
            const Vec2 theirs = inUnitFrame(o, otherBehind ? o.halfLength : -o.halfLength, 0.0);
            return 0.5 * (mine + theirs);
        }
        case Place::BehindGuardrail: break;
    }
    return b.pose.position;
}

SceneLayout layoutScene(const Scenario& sc) {
    SceneLayout lay;
    const Road& road = sc.road;
    lay.guardrailD = -road.shoulderWidth - road.guardrailOffset;
    lay.present = !sc.units.empty();
    for (const UnitDef& u : sc.units) {
        lay.unitBoxes.push_back(unitBox(u));
        for (const Obstacle& o : slicedObstacles(lay.unitBoxes.back())) lay.obstacles.push_back(o);
        lay.lights = brightest(lay.lights, u.lights);
    }
    if (!lay.present) {
        lay.startS = lay.endS = lay.anchorS = 0.0;
    } else {
        lay.startS = 1e18;
        lay.endS = -1e18;
        for (const Obstacle& o : lay.obstacles) {
            lay.startS = std::min(lay.startS, o.sFrom);
            lay.endS = std::max(lay.endS, o.sTo);
        }
        for (const PersonDef& p : sc.people)
            for (const ScriptStep& st : p.script) {
                const Vec2 at = placePosition(sc, lay, st);
                lay.startS = std::min(lay.startS, at.x);
                lay.endS = std::max(lay.endS, at.x);
            }
        const auto violator = std::find_if(sc.units.begin(), sc.units.end(),
                                           [](const UnitDef& u) { return u.role == UnitRole::Violator; });
        lay.anchorS = (violator != sc.units.end() ? *violator : sc.units.front()).position.x;
    }
    addDeviceObstacles(sc, lay.startS, lay.obstacles);
    // No scene, no contact zone: free driving stays kinematic everywhere.
    lay.zoneStart = lay.present ? lay.startS - sc.run.contactMargin : kInfinity;
    lay.zoneEnd = lay.present ? lay.endS + sc.run.contactMargin : -kInfinity;

    // The lane next to the scene: the first lane that an ordinary car can pass in all along it.
    constexpr double kCarWidth = 1.85;  // m, the sedan preset
    lay.adjacentLane = 0;
    for (const Obstacle& o : lay.obstacles) {
        if (o.sTo < lay.startS || o.sFrom > lay.endS) continue;
        while (lay.adjacentLane < road.lanes - 1 && laneEffect(road, lay.adjacentLane, kCarWidth, o).blocked)
            ++lay.adjacentLane;
    }
    lay.detectionDistance =
        lay.present ? models::sceneDetectionDistance(sc.environment, lay.lights, road.sightDistance) : 0.0;
    return lay;
}

}  // namespace sim::detail
