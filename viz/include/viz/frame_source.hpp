// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/scenario.hpp"

/// A run to watch, whatever it comes from: a recording (.rsr) or a live World. Playback, side by
/// side and export read runs only through this interface, and only sim::Frame / EntityInfo /
/// Event data: never a World (design.md#visualizer).
namespace viz {

class FrameSource {
public:
    virtual ~FrameSource() = default;

    /// The scenario the run came from (road geometry, units, people, conditions). For a
    /// recording, rebuilt from its scenario text.
    virtual const sim::Scenario& scenario() const = 0;
    virtual std::uint64_t seed() const = 0;
    /// What to call the run on screen ("default-stop", "B: offset 6 ft").
    virtual const std::string& label() const = 0;

    /// Every entity of the run so far; indices are those of EntityState::entity.
    virtual const std::vector<sim::EntityInfo>& entities() const = 0;
    /// Every event so far, in time order.
    virtual const std::vector<sim::Event>& events() const = 0;
    /// Every strike so far, in time order, with the driven vehicle behind it (sim::Striker): what
    /// explains a Strike event. A recording written before strikers were recorded has them empty.
    virtual const std::vector<sim::Strike>& strikes() const = 0;

    virtual std::size_t frameCount() const = 0;
    /// s; increasing with the index.
    virtual double frameTime(std::size_t index) const = 0;
    /// The frame at `index` (< frameCount()); null if its data is corrupt. Shared so that a
    /// source may cache decoded frames without invalidating the caller's.
    virtual std::shared_ptr<const sim::Frame> frame(std::size_t index) const = 0;

    /// s: the whole run, even while a live run is still being computed.
    virtual double duration() const = 0;
    /// True once every frame, event and the outcome are there.
    virtual bool complete() const = 0;
    /// The run's outcome, once complete.
    virtual const std::optional<sim::Outcome>& outcome() const = 0;
    /// m: the distance at which approaching drivers detect the scene in this run.
    virtual double detectionDistance() const = 0;

    /// Computes more of a live run, for at most `budget` of wall time. Recordings are complete.
    virtual void advance(std::chrono::microseconds budget) { (void)budget; }
    /// True for a replayed recording (its outcome is the recorded one, not computed here).
    virtual bool recorded() const { return false; }

    /// s: the last time with a frame (grows during a live run).
    double available() const { return frameCount() == 0 ? 0.0 : frameTime(frameCount() - 1); }
    /// The index of the frame at or just before t (0 if t is before the first).
    std::size_t frameIndexAt(double t) const;
};

/// The scene at time t, interpolated between the frames around it so that slow motion is smooth:
/// positions and headings blend; flags and presence come from the nearer frame. Empty frame if
/// the source has none.
sim::Frame frameAtTime(const FrameSource& source, double t);

/// Blend of two frames (a at alpha 0, b at 1). Both must list entities by increasing index.
sim::Frame interpolate(const sim::Frame& a, const sim::Frame& b, double alpha);

/// The state of `entity` in `frame` (entities sorted by index), or null.
const sim::EntityState* findEntity(const sim::Frame& frame, std::uint32_t entity);

/// Time (s) of the first strike on a person, if any so far.
std::optional<double> firstStrikeTime(const FrameSource& source);

/// Where the scene is along the road: the s range (m) covered by the units and devices (people
/// alone when there are none), and its lateral centre.
struct SceneExtent {
    double sMin = -10.0;
    double sMax = 10.0;
    double dCentre = 0.0;
};
SceneExtent sceneExtent(const sim::Scenario& scenario);
/// As above; for a recording whose scenario was built in code (no units in it), from where the
/// units stand in the first frame.
SceneExtent sceneExtent(const FrameSource& source);

}  // namespace viz
