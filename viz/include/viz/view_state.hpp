// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>

#include "sim/geometry.hpp"

/// What the person watching has chosen: time, playback, camera, layers. Panels edit this (and
/// scenario copies); nothing here points into a run.
namespace viz {

/// Top-down camera over the road frame: centre (s, d) in metres and a zoom.
struct Camera {
    sim::Vec2 centre{-15.0, 2.0};    ///< m, road frame
    double pixelsPerMetre = 12.0;    ///< zoom
};

enum class Follow { Free, Scene, Vehicle };
enum class UnitSystem { Imperial, Metric };

/// Layers a trainer may hide to make a point.
struct Layers {
    bool trails = false;           ///< where each vehicle and person has been in the last seconds
    bool detectionBand = true;     ///< "drivers see the scene here"
    bool clearance = true;         ///< distance from people on foot to the nearest passing vehicle
    bool labels = true;            ///< text on the scene (strike speed, distances, captions)
    bool weather = true;           ///< night darkness and fog
    bool events = true;            ///< strike and collision markers
    bool caption = true;           ///< title, conditions and clock in the corner; the strike cards
    bool legend = true;            ///< what the glow, trails, band, gap lines and markers mean
};

struct ViewState {
    double time = 0.0;             ///< s, the instant shown
    bool playing = false;
    double speed = 1.0;            ///< playback rate, 0.1-8
    Camera camera;
    Follow follow = Follow::Scene;
    std::uint32_t followEntity = 0;          ///< with Follow::Vehicle
    std::optional<std::size_t> selectedEvent;  ///< index into the source's events
    /// The strike the picture is about (index into the source's events): its card says what
    /// struck and what the driver was doing, the others only their headline. Unset: the strike
    /// nearest in time.
    std::optional<std::size_t> focusStrike;
    Layers layers;
    UnitSystem units = UnitSystem::Imperial;
    double trailSeconds = 4.0;     ///< s of history drawn as trails
};

inline constexpr double kMinSpeed = 0.1;
inline constexpr double kMaxSpeed = 8.0;
inline constexpr double kJumpBeforeEvent = 3.0;  ///< s before an event that clicking it shows

}  // namespace viz
