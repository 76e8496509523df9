// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/scenario.hpp"

/// One run of one scenario: the traffic, the scene, the people, the physics and the measures.
///
/// A World is a pure function of (scenario, seed): no globals, no clock, its random streams and
/// its Box2D world inside it. Not thread-safe for one World; distinct Worlds may be stepped
/// concurrently. The Scenario must outlive the World.
namespace sim {

class World {
public:
    World(const Scenario& scenario, std::uint64_t seed);
    /// A World keeps a reference to its Scenario: a temporary would dangle after this line.
    World(const Scenario&& scenario, std::uint64_t seed) = delete;
    ~World();
    World(World&&) noexcept;
    World& operator=(World&&) noexcept;
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    /// Advance by scenario.run.dt: traffic, then people, then physics, then measures, always in
    /// that order (the order is part of the determinism contract). Events of the previous step
    /// are discarded first.
    void step();

    /// True once the run's duration is reached, the aftermath of the first strike of a person
    /// is over (RunSettings::aftermath), or the run diverged.
    bool done() const;
    double time() const;            ///< s simulated so far

    /// The measures so far (final once done()).
    Outcome outcome() const;

    /// Entities seen so far; indices are stable, the table only grows.
    const std::vector<EntityInfo>& entities() const;
    /// Everything present now.
    Frame snapshot() const;
    /// Events of the last step; valid until the next step().
    std::span<const Event> stepEvents() const;

    /// Distance (m) at which approaching drivers detect the scene in this run.
    double sceneDetectionDistance() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

/// Runs a scenario to completion with the given seed. Keeps no reference: a temporary is fine.
Outcome run(const Scenario& scenario, std::uint64_t seed);

}  // namespace sim
