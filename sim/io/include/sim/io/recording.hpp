// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/scenario.hpp"
#include "sim/world.hpp"

/// Replay files (.rsr): a run recorded at a fixed frame rate so that it can be watched, scrubbed
/// and exported without re-simulating. Self-contained and versioned: the scenario text and seed
/// it came from, the tool version, every entity's description, quantized poses, speeds and flags,
/// the events, the outcome, and an index for seeking; zstd-compressed.
///
/// Readers never crash on a truncated, corrupted or foreign file: open() returns an error.
namespace sim::io {

inline constexpr double kDefaultFrameRate = 20.0;  ///< frames per simulated second

/// What a recording says about itself.
struct RecordingHeader {
    std::uint32_t formatVersion = 0;
    std::string toolVersion;      ///< "roadside 0.1.0"
    std::string scenarioName;
    std::string scenarioText;     ///< Scenario::sourceText: loadScenarioText() rebuilds the scenario
    std::uint64_t seed = 0;
    double frameRate = kDefaultFrameRate;  ///< frames per simulated second
    double duration = 0.0;        ///< s simulated
};

/// Writes a recording while a World runs. Not thread-safe; one writer per run.
class RecordingWriter {
public:
    /// Creates `path`. Throws std::runtime_error if it cannot be written.
    RecordingWriter(const std::filesystem::path& path, const Scenario& scenario, std::uint64_t seed,
                    double frameRate = kDefaultFrameRate);
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter&) = delete;
    RecordingWriter& operator=(const RecordingWriter&) = delete;

    /// Call once after constructing the World and after every World::step(): keeps every event,
    /// and a frame whenever one is due at the fixed rate.
    void observe(const World& world);
    /// Writes the outcome and the index, and closes the file. Throws on an I/O error.
    void finish(const Outcome& outcome);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

/// Runs a scenario and records it at the given frame rate; returns the outcome (identical to
/// sim::run's for the same scenario and seed).
Outcome runAndRecord(const Scenario& scenario, std::uint64_t seed, const std::filesystem::path& path,
                     double frameRate = kDefaultFrameRate);

/// A recording opened for reading. Frames are decoded on demand (seeking uses the index; the
/// chunk last decoded is cached), everything else is read at open().
class Recording {
public:
    /// Opens and checks a file. On failure returns nullopt and puts a one-line reason in *error
    /// ("run.rsr: not a Roadside recording", "…: truncated at byte 18234", …).
    static std::optional<Recording> open(const std::filesystem::path& path, std::string* error = nullptr);

    Recording(Recording&&) noexcept;
    Recording& operator=(Recording&&) noexcept;
    ~Recording();

    const RecordingHeader& header() const;
    const std::vector<EntityInfo>& entities() const;
    const std::vector<Event>& events() const;
    const Outcome& outcome() const;

    std::size_t frameCount() const;
    double frameTime(std::size_t index) const;   ///< s
    /// The frame at `index` (< frameCount()); nullopt if its data is corrupt.
    std::optional<Frame> frame(std::size_t index) const;
    /// The index of the frame at or just before time t (s).
    std::size_t frameAt(double t) const;

    struct Impl;

private:
    explicit Recording(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace sim::io
