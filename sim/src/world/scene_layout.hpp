// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/geometry.hpp"
#include "sim/scenario.hpp"

/// The scene's fixed geometry, derived once from the Scenario: unit outlines, the places people
/// go to, what each lane loses to parked units and devices, the contact zone, and the detection
/// distance of the scene.
namespace sim::detail {

/// Something in or beside the lanes that traffic must pass or stop for: an axis-aligned band
/// [sFrom, sTo] x [dMin, dMax] (m). Rotated units use their bounding box, which errs wide.
struct Obstacle {
    double sFrom = 0.0, sTo = 0.0, dMin = 0.0, dMax = 0.0;
    double seenWithin = 1e18;  ///< m; drivers farther away than this do not see it (a person at night)
};

/// What an obstacle does to a vehicle of a given width in a given lane.
struct LaneEffect {
    bool blocked = false;   ///< the vehicle cannot get past in this lane
    double dLow = -1e9;     ///< m; the vehicle's centre must stay >= dLow to pass (shy left)
    double dHigh = 1e9;     ///< m; ... and <= dHigh (shy right)
};

/// Lateral clearance (m) a driver keeps from an obstacle when squeezing past it [assumption].
inline constexpr double kPassingClearance = 0.3;

inline double laneLeft(const Road& r, int lane) { return (lane + 1) * r.laneWidth; }
inline double laneRight(const Road& r, int lane) { return lane * r.laneWidth; }
inline double laneCentre(const Road& r, int lane) { return (lane + 0.5) * r.laneWidth; }
/// The 0-based lane containing lateral position d, clamped to the road. (Inline: asked for
/// several times per vehicle and step.)
inline int laneAt(const Road& r, double d) {
    const int lane = static_cast<int>(std::floor(d / r.laneWidth));
    return std::clamp(lane, 0, r.lanes - 1);
}

/// Effect of obstacle o on a vehicle of width w driving in `lane`. `swept` (>= w) is the
/// vehicle's lateral extent at its present heading, which sets how far it must keep over.
LaneEffect laneEffect(const Road& r, int lane, double w, const Obstacle& o, double swept = 0.0);

/// The axis-aligned band covered by an oriented box.
Obstacle boundingObstacle(const OrientedBox& b);

/// An oriented box cut along the road into slices of at most `step` metres, each the band the
/// box covers within that slice: an angled unit closes the width it really covers.
std::vector<Obstacle> slicedObstacles(const OrientedBox& b, double step = 1.0);

struct SceneLayout {
    bool present = false;            ///< there are parked units
    double anchorS = 0.0;            ///< m; "passing the scene" = crossing this (the violator's centre)
    double startS = 0.0, endS = 0.0; ///< m; extent of the units and the people's places
    double zoneStart = 0.0, zoneEnd = 0.0;  ///< m; the Box2D contact zone
    int adjacentLane = 0;            ///< 0-based: the first lane open to traffic beside the scene
    double detectionDistance = 0.0;  ///< m, at which drivers detect the scene
    UnitLights lights = UnitLights::None;  ///< the brightest lights at the scene
    double guardrailD = 0.0;         ///< m, lateral position of the guardrail (if any)
    std::vector<OrientedBox> unitBoxes;
    std::vector<Obstacle> obstacles; ///< units and devices, fixed
};

SceneLayout layoutScene(const Scenario& sc);

/// Where a script step puts a person (m). `Inside` gives the unit's centre.
Vec2 placePosition(const Scenario& sc, const SceneLayout& layout, const ScriptStep& step);

}  // namespace sim::detail
