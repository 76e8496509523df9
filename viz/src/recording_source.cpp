// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Replay of a .rsr recording through the FrameSource interface. The scenario (road geometry,
// units, people) is rebuilt from the scenario text the recording carries.
#include <unordered_map>

#include "sim/io/scenario_loader.hpp"
#include "sim/world.hpp"
#include "viz/open_source.hpp"

#ifdef ROADSIDE_VIZ_HAS_RECORDING
#include "sim/io/recording.hpp"
#endif

namespace viz {

#ifdef ROADSIDE_VIZ_HAS_RECORDING

namespace {

class RecordingSource final : public FrameSource {
public:
    RecordingSource(sim::io::Recording recording, sim::Scenario scenario)
        : rec_(std::move(recording)), scenario_(std::move(scenario)), label_(rec_.header().scenarioName),
          outcome_(rec_.outcome()) {
        // The detection distance is a property of the scenario, computed by the World when it is
        // set up; constructing one (no step) asks the same code the run used.
        detectionDistance_ = sim::World(scenario_, rec_.header().seed).sceneDetectionDistance();
    }

    const sim::Scenario& scenario() const override { return scenario_; }
    std::uint64_t seed() const override { return rec_.header().seed; }
    const std::string& label() const override { return label_; }
    const std::vector<sim::EntityInfo>& entities() const override { return rec_.entities(); }
    const std::vector<sim::Event>& events() const override { return rec_.events(); }
    const std::vector<sim::Strike>& strikes() const override { return outcome_ ? outcome_->strikes : kNoStrikes; }
    std::size_t frameCount() const override { return rec_.frameCount(); }
    double frameTime(std::size_t index) const override { return rec_.frameTime(index); }
    double duration() const override { return rec_.header().duration; }
    bool complete() const override { return true; }
    const std::optional<sim::Outcome>& outcome() const override { return outcome_; }
    double detectionDistance() const override { return detectionDistance_; }
    bool recorded() const override { return true; }

    std::shared_ptr<const sim::Frame> frame(std::size_t index) const override {
        if (const auto it = cache_.find(index); it != cache_.end()) return it->second;
        // Playback and trails touch a few hundred neighbouring frames; forget them all at once
        // when the cache is full rather than tracking recency.
        if (cache_.size() >= kCacheFrames) cache_.clear();
        std::optional<sim::Frame> f = rec_.frame(index);
        if (!f) return nullptr;
        auto shared = std::make_shared<const sim::Frame>(std::move(*f));
        cache_.emplace(index, shared);
        return shared;
    }

private:
    static constexpr std::size_t kCacheFrames = 512;
    static inline const std::vector<sim::Strike> kNoStrikes;
    sim::io::Recording rec_;
    sim::Scenario scenario_;
    std::string label_;
    std::optional<sim::Outcome> outcome_;
    double detectionDistance_ = 0.0;
    mutable std::unordered_map<std::size_t, std::shared_ptr<const sim::Frame>> cache_;
};

}  // namespace

bool recordingSupport() { return true; }

OpenResult openRecording(const std::filesystem::path& path) {
    std::string error;
    std::optional<sim::io::Recording> rec = sim::io::Recording::open(path, &error);
    if (!rec) return {nullptr, error.empty() ? path.string() + ": cannot be read as a recording" : error};
    const sim::io::RecordingHeader& header = rec->header();
    if (header.scenarioText.empty()) {
        // A scenario built in code has no text: draw the default road; the units, people and
        // traffic are all in the frames anyway.
        sim::Scenario fallback;
        fallback.name = header.scenarioName.empty() ? path.stem().string() : header.scenarioName;
        fallback.description = "Built in code: the scenario is not in the recording; default road geometry drawn.";
        fallback.run.duration = header.duration;
        return {std::make_unique<RecordingSource>(std::move(*rec), std::move(fallback)), {}};
    }
    sim::io::LoadResult loaded = sim::io::loadScenarioText(header.scenarioText, header.scenarioName + ".toml");
    if (!loaded.ok())
        return {nullptr, path.string() + ": the scenario inside the recording does not load with this version:\n" +
                             sim::io::formatDiagnostics(loaded.errors)};
    return {std::make_unique<RecordingSource>(std::move(*rec), std::move(*loaded.scenario)), {}};
}

#else

bool recordingSupport() { return false; }

OpenResult openRecording(const std::filesystem::path& path) {
    return {nullptr, path.string() + ": this build of roadside-viz cannot read recordings (the recording library "
                                     "was not part of roadside::scenario_io when it was built)"};
}

#endif

}  // namespace viz
