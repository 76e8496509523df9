// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <memory>

#include "viz/frame_source.hpp"

namespace sim {
class World;
}

/// A run computed here, from a scenario and a seed: the viewer's live mode and its re-runs.
namespace viz {

inline constexpr double kLiveFrameRate = 20.0;  ///< frames kept per simulated second, as recordings

/// Runs a World incrementally and keeps its frames, events and entities, so that playback can
/// start before the run ends and scrubbing never re-simulates. Reads the World only through its
/// public, draw-agnostic API (snapshot, stepEvents, entities). Not thread-safe.
class LiveSource final : public FrameSource {
public:
    LiveSource(sim::Scenario scenario, std::uint64_t seed, std::string label, double frameRate = kLiveFrameRate);
    ~LiveSource() override;

    const sim::Scenario& scenario() const override { return *scenario_; }
    std::uint64_t seed() const override { return seed_; }
    const std::string& label() const override { return label_; }
    const std::vector<sim::EntityInfo>& entities() const override { return entities_; }
    const std::vector<sim::Event>& events() const override { return events_; }
    const std::vector<sim::Strike>& strikes() const override { return strikes_; }
    std::size_t frameCount() const override { return frames_.size(); }
    double frameTime(std::size_t index) const override { return frames_[index]->time; }
    std::shared_ptr<const sim::Frame> frame(std::size_t index) const override { return frames_[index]; }
    double duration() const override;
    bool complete() const override { return outcome_.has_value(); }
    const std::optional<sim::Outcome>& outcome() const override { return outcome_; }
    double detectionDistance() const override { return detectionDistance_; }
    void advance(std::chrono::microseconds budget) override;

    /// Computes the rest of the run.
    void runToEnd();

private:
    void stepOnce();
    void keepFrame();
    void syncEntities();

    std::unique_ptr<sim::Scenario> scenario_;  // heap: the World holds a reference to it
    std::uint64_t seed_;
    std::string label_;
    double framePeriod_;
    std::unique_ptr<sim::World> world_;        // released once the run is complete
    std::vector<std::shared_ptr<const sim::Frame>> frames_;
    std::vector<sim::Event> events_;
    std::vector<sim::Strike> strikes_;
    std::vector<sim::EntityInfo> entities_;
    std::optional<sim::Outcome> outcome_;
    double detectionDistance_ = 0.0;
};

}  // namespace viz
