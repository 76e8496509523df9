// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/live_source.hpp"

#include <algorithm>

#include "sim/world.hpp"

namespace viz {

LiveSource::LiveSource(sim::Scenario scenario, std::uint64_t seed, std::string label, double frameRate)
    : scenario_(std::make_unique<sim::Scenario>(std::move(scenario))),
      seed_(seed),
      label_(std::move(label)),
      framePeriod_(1.0 / frameRate),
      world_(std::make_unique<sim::World>(*scenario_, seed)) {
    detectionDistance_ = world_->sceneDetectionDistance();
    keepFrame();
}

LiveSource::~LiveSource() = default;

double LiveSource::duration() const { return scenario_->run.duration; }

void LiveSource::syncEntities() {
    // The entity table only grows: copy the new entries.
    const auto& all = world_->entities();
    entities_.insert(entities_.end(), all.begin() + static_cast<std::ptrdiff_t>(entities_.size()), all.end());
}

void LiveSource::keepFrame() {
    syncEntities();
    frames_.push_back(std::make_shared<const sim::Frame>(world_->snapshot()));
}

void LiveSource::stepOnce() {
    world_->step();
    const auto stepEvents = world_->stepEvents();
    events_.insert(events_.end(), stepEvents.begin(), stepEvents.end());
    if (!stepEvents.empty()) syncEntities();  // events may name entities between frames
    // A strike's striker is in the outcome so far; strikes are rare, so copying it then is cheap.
    if (std::any_of(stepEvents.begin(), stepEvents.end(), [](const sim::Event& e) { return e.kind == sim::EventKind::Strike; }))
        strikes_ = world_->outcome().strikes;
    // A frame whenever one is due at the fixed rate (half a step early counts: steps of 0.05 s
    // and frames at 20 Hz must not drift apart by rounding).
    const double next = frames_.back()->time + framePeriod_;
    if (world_->time() + 0.5 * scenario_->run.dt >= next || world_->done()) keepFrame();
    if (world_->done()) {
        outcome_ = world_->outcome();
        strikes_ = outcome_->strikes;
        world_.reset();
    }
}

void LiveSource::advance(std::chrono::microseconds budget) {
    using Clock = std::chrono::steady_clock;
    const auto until = Clock::now() + budget;
    // Check the clock every few steps only: a step takes tens of microseconds.
    while (world_) {
        for (int i = 0; i < 8 && world_; ++i) stepOnce();
        if (Clock::now() >= until) break;
    }
}

void LiveSource::runToEnd() {
    while (world_) stepOnce();
}

}  // namespace viz
