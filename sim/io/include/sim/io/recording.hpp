// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/scenario.hpp"
#include "sim/world.hpp"

/// Replay files (.rsr): a run recorded at a fixed frame rate so that it can be watched, scrubbed
/// and exported without re-simulating. Self-contained and versioned: the scenario text and seed
/// it came from, the tool version, every entity's description, quantized poses, speeds and flags,
/// the events, the outcome, and an index for seeking; zstd-compressed in chunks of about 2 s.
/// The byte layout, the versioning policy and the quantization are in docs/recording-format.md.
///
/// Readers never crash on a truncated, corrupted or foreign file: open() returns an error, and a
/// frame whose chunk is corrupt comes back as nullopt. Every length and count is checked against
/// the file before anything is allocated for it, and every section carries an XXH64 checksum.
namespace sim::io {

inline constexpr double kDefaultFrameRate = 20.0;  ///< frames per simulated second

/// The format version this build writes (major.minor). A reader opens any file of its own major
/// version (of a newer minor version too, ignoring what it does not know) and refuses newer
/// major versions with a message naming both.
inline constexpr std::uint32_t kRecordingFormatVersion = 1;
inline constexpr std::uint32_t kRecordingFormatMinorVersion = 0;

/// What a recording says about itself.
struct RecordingHeader {
    std::uint32_t formatVersion = 0;  ///< major version of the file's format
    std::string toolVersion;      ///< "roadside 0.1.0 (<git describe> <build type>)"
    std::string scenarioName;
    std::string scenarioText;     ///< Scenario::sourceText: loadScenarioText() rebuilds the scenario;
                                  ///< empty when the scenario was built in code
    std::uint64_t seed = 0;
    double frameRate = kDefaultFrameRate;  ///< frames per simulated second requested (see RecordingWriter)
    double duration = 0.0;        ///< s simulated
    // Added after the first draft of this header (kept at the end for aggregate users):
    std::uint32_t formatMinorVersion = 0;  ///< minor version of the file's format
    double timeStep = 0.0;        ///< s, the run's step; frame times are whole multiples of it
    double positionQuantum = 0.0; ///< m; positions are within half of it of the run's
    double headingQuantum = 0.0;  ///< rad; headings are within half of it of the run's
    double speedQuantum = 0.0;    ///< m/s; speeds are within half of it of the run's
};

/// Writes a recording while a World runs. Not thread-safe; one writer per run; distinct writers
/// may run on distinct threads. Frames are compressed and written in chunks as the run goes, so
/// memory stays bounded by one chunk plus the entity table and the event list (both of which the
/// World holds too).
class RecordingWriter {
public:
    /// Creates (or truncates) `path` and writes the scenario's name, text and the seed. Throws
    /// std::runtime_error if it cannot be written, std::invalid_argument unless
    /// 0 < frameRate <= 10000. `scenario` is only read here.
    RecordingWriter(const std::filesystem::path& path, const Scenario& scenario, std::uint64_t seed,
                    double frameRate = kDefaultFrameRate);
    /// Closes the file. Without finish() it stays unfinished: readers report it as truncated.
    ~RecordingWriter();
    RecordingWriter(const RecordingWriter&) = delete;
    RecordingWriter& operator=(const RecordingWriter&) = delete;

    /// Call once after constructing the World and after every World::step(): keeps the new
    /// entities and every event of the step (with its own time), and a frame whenever one is due.
    /// Frames are due at t = 0, 1/frameRate, 2/frameRate, …: each is the first step at or after
    /// its time, so a step longer than 1/frameRate gives a frame every step. A call in which the
    /// World's time has not advanced (a second call without a step, or after done()) records
    /// nothing. Throws std::runtime_error on an I/O error, std::logic_error if `world` is not a
    /// World of the writer's scenario (its time off the scenario's steps, its entities fewer).
    void observe(const World& world);
    /// Writes what is left of the frames, the entity table, the events, the outcome (as
    /// outcomeToJson text) and the index, and closes the file. Throws std::runtime_error on an
    /// I/O error, std::logic_error when called twice.
    void finish(const Outcome& outcome);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

/// Runs a scenario and records it at the given frame rate; returns the outcome (identical to
/// sim::run's for the same scenario and seed). Throws like RecordingWriter.
Outcome runAndRecord(const Scenario& scenario, std::uint64_t seed, const std::filesystem::path& path,
                     double frameRate = kDefaultFrameRate);

/// A recording opened for reading. Frames are decoded on demand (seeking uses the index; the
/// chunk last decoded is cached), everything else is read and checked at open(). All member
/// functions may be called from several threads at once (a mutex guards the file and the cache).
class Recording {
public:
    /// Opens and checks a file: everything but the frame chunks, which are checked when first
    /// decoded. On failure returns nullopt and puts a one-line reason in *error:
    ///   "run.rsr: not a Roadside recording"
    ///   "run.rsr: truncated at byte 18234 (no index at the end: the run did not finish, or the file was cut)"
    ///   "run.rsr: written by a newer Roadside (recording format 2.0; this build reads format 1.x)"
    ///   "run.rsr: corrupt event list (checksum mismatch)"
    static std::optional<Recording> open(const std::filesystem::path& path, std::string* error = nullptr);

    /// As open(), from the bytes of a recording in memory; `name` stands for the file in errors.
    static std::optional<Recording> fromBytes(std::string bytes, std::string_view name = "recording",
                                              std::string* error = nullptr);

    Recording(Recording&&) noexcept;
    Recording& operator=(Recording&&) noexcept;
    ~Recording();

    const RecordingHeader& header() const;
    /// Every entity of the run, by entity index (Frame and Event refer to these indices).
    const std::vector<EntityInfo>& entities() const;
    /// Every event of the run, in the order the World reported them, values exact.
    const std::vector<Event>& events() const;
    /// The run's outcome as outcomeToJson wrote it (times to the ms, lengths to 0.1 mm).
    const Outcome& outcome() const;

    std::size_t frameCount() const;
    /// s; exactly World::time() when the frame was taken. index < frameCount() (beyond it: the
    /// last frame's time; 0 without frames).
    double frameTime(std::size_t index) const;
    /// The frame at `index` (< frameCount()); nullopt if its chunk is corrupt or index is out of
    /// range. Entities are those present, sorted by entity index, poses and speeds quantized.
    std::optional<Frame> frame(std::size_t index) const;
    /// As frame(index), with the reason in *error when it fails ("run.rsr: corrupt chunk 12 …").
    std::optional<Frame> frame(std::size_t index, std::string* error) const;
    /// The index of the frame at or just before time t (s); 0 before the first frame or when
    /// there are none, the last frame after the end.
    std::size_t frameAt(double t) const;

    /// Decodes every chunk: true if all of them are sound, else false with the first problem in
    /// *error. For validation tools; frame() checks each chunk anyway.
    bool verifyFrames(std::string* error = nullptr) const;

    struct Impl;

private:
    explicit Recording(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace sim::io
