// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "recording_frames.hpp"
#include "sim/frame.hpp"

/// The payloads of a recording's sections other than frame chunks: what each holds and how it is
/// checked. Decoders never throw and never read outside their span; `lenient` (the file's minor
/// version is newer than this reader's) lets them ignore trailing fields and map enumerators they
/// do not know to neutral values instead of refusing them.
namespace sim::io::detail::rec {

/// META: what the recording is of. Written first, at offset 16.
struct Meta {
    std::string toolVersion;
    std::string scenarioName;
    std::string scenarioText;
    std::uint64_t seed = 0;
    double frameRate = 20.0;    ///< frames per simulated second requested
    double timeStep = 0.05;     ///< s, the run's step: frame times are whole multiples of it
    Quanta quanta;
    std::uint32_t chunkFrames = 40;  ///< frames per chunk the writer aimed at (informative)
};

std::vector<std::uint8_t> encodeMeta(const Meta& m);
std::optional<Meta> decodeMeta(std::span<const std::uint8_t> raw, bool lenient);

/// ENTS: the entity table, in World::entities() order.
std::vector<std::uint8_t> encodeEntities(std::span<const EntityInfo> entities);
std::optional<std::vector<EntityInfo>> decodeEntities(std::span<const std::uint8_t> raw, bool lenient);

/// EVNT: every event of the run in the order the World reported them, stored exactly.
std::vector<std::uint8_t> encodeEvents(std::span<const Event> events);
std::optional<std::vector<Event>> decodeEvents(std::span<const std::uint8_t> raw, std::size_t entityCount,
                                               bool lenient);

/// A run of frames whose ticks (times in units of Meta::timeStep) grow by a constant step.
struct TickRun {
    std::uint64_t firstFrame = 0;
    std::uint64_t firstTick = 0;
    std::uint64_t step = 0;
    std::uint64_t count = 0;
};

struct ChunkRef {
    std::uint64_t offset = 0;      ///< of the chunk's section header
    std::uint64_t firstFrame = 0;
    std::uint32_t frameCount = 0;
};

/// INDX: where everything is. Written last, just before the footer.
struct Index {
    double duration = 0.0;              ///< s simulated when the writer finished
    std::vector<ChunkRef> chunks;       ///< in file and frame order
    std::uint64_t frameCount = 0;
    std::vector<TickRun> ticks;         ///< cover frames [0, frameCount) in order
    std::uint64_t entitiesOffset = 0;
    std::uint64_t eventsOffset = 0;
    std::uint64_t outcomeOffset = 0;
};

/// Tick of each frame, for the writer: compressed into runs here.
std::vector<std::uint8_t> encodeIndex(const Index& index);
/// `dataEnd` is the offset of the index section: chunks and sections must lie before it.
std::optional<Index> decodeIndex(std::span<const std::uint8_t> raw, std::uint64_t dataEnd, bool lenient);

/// Appends a frame's tick to a run list (the writer's side of TickRun).
void appendTick(std::vector<TickRun>& runs, std::uint64_t& frames, std::uint64_t tick);

/// The tick of frame f (< the frames the runs cover).
std::uint64_t tickOf(std::span<const TickRun> runs, std::uint64_t frame);

}  // namespace sim::io::detail::rec
