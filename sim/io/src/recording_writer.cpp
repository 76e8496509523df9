// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Writing recordings. The file grows front to back and is never rewritten: preamble and META at
// construction, one FRMS section per chunk as frames come, then ENTS, EVNT, OUTC, INDX and the
// footer at finish(). docs/recording-format.md describes the bytes.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "recording_format.hpp"
#include "recording_frames.hpp"
#include "recording_sections.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"
#include "sim/version.hpp"

namespace sim::io {

using namespace detail::rec;

static_assert(kMajorVersion == kRecordingFormatVersion && kMinorVersion == kRecordingFormatMinorVersion,
              "the public and the private format versions must agree");

namespace {

constexpr double kChunkSeconds = 2.0;          // of frames per chunk: seeking decodes at most this much
constexpr std::size_t kFlushBytes = 4u << 20;  // a chunk is written early past this many raw bytes
// zstd level 1: on the SUMO corridor's streams levels 1, 3 and 5 give the same size within 1 %
// and level 9 saves 2.4 % for 5x the time (docs/recording-format.md), so the fastest wins.
constexpr int kZstdLevel = 1;

}  // namespace

struct RecordingWriter::Impl {
    std::filesystem::path path;
    std::ofstream out;
    std::uint64_t offset = 0;
    Compressor zstd{kZstdLevel};
    Meta meta;
    ChunkEncoder chunk{Quanta{}};
    std::uint64_t chunkFirstFrame = 0;
    std::vector<EntityInfo> entities;
    std::vector<Event> events;
    Index index;
    double period = 0.0;
    double nextFrame = 0.0;
    double lastTime = 0.0;
    bool observed = false;
    bool finished = false;

    [[noreturn]] void ioError(const char* what) const {
        throw std::runtime_error(path.string() + ": cannot " + what + ": " + std::strerror(errno));
    }

    void write(std::span<const std::uint8_t> bytes) {
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out) ioError("write");
        offset += bytes.size();
    }

    void flushChunk() {
        if (chunk.frameCount() == 0) return;
        const auto frames = static_cast<std::uint32_t>(chunk.frameCount());
        const std::vector<std::uint8_t> raw = chunk.take();
        if (raw.size() > kMaxChunkRawBytes)
            throw std::runtime_error(path.string() + ": a frame is too large to record (" +
                                     std::to_string(raw.size()) + " bytes)");
        index.chunks.push_back({offset, chunkFirstFrame, frames});
        chunkFirstFrame += frames;
        write(encodeSection(kTagFrames, raw, zstd));
    }
};

RecordingWriter::RecordingWriter(const std::filesystem::path& path, const Scenario& scenario, std::uint64_t seed,
                                 double frameRate)
    : impl_(std::make_unique<Impl>()) {
    if (!(std::isfinite(frameRate) && frameRate > 0.0 && frameRate <= 1e4))
        throw std::invalid_argument("recording: the frame rate must be in (0, 10000] frames/s (got " +
                                    std::to_string(frameRate) + ")");
    Impl& w = *impl_;
    w.path = path;
    w.period = 1.0 / frameRate;
    w.meta.toolVersion = "roadside " + std::string(kVersion) + " (" + std::string(kBuild) + ")";
    w.meta.scenarioName = scenario.name;
    w.meta.scenarioText = scenario.sourceText;
    w.meta.seed = seed;
    w.meta.frameRate = frameRate;
    w.meta.timeStep = scenario.run.dt;
    w.meta.chunkFrames = static_cast<std::uint32_t>(
        std::clamp<long long>(std::llround(kChunkSeconds * frameRate), 1, kMaxFramesPerChunk));
    w.chunk = ChunkEncoder(w.meta.quanta);

    errno = 0;
    w.out.open(path, std::ios::binary | std::ios::trunc);
    if (!w.out) w.ioError("create the file");

    ByteWriter pre;
    for (std::uint8_t b : kMagic) pre.u8(b);
    pre.u16(kMajorVersion);
    pre.u16(kMinorVersion);
    pre.u32(preambleCheck(pre.bytes()));
    w.write(pre.bytes());
    w.write(encodeSection(kTagMeta, encodeMeta(w.meta), w.zstd));
}

RecordingWriter::~RecordingWriter() = default;

void RecordingWriter::observe(const World& world) {
    Impl& w = *impl_;
    if (w.finished) throw std::logic_error("recording: observe() after finish()");
    const double t = world.time();
    if (w.observed && !(t > w.lastTime)) return;
    w.observed = true;
    w.lastTime = t;

    const std::vector<EntityInfo>& all = world.entities();
    if (all.size() < w.entities.size())
        throw std::logic_error("recording: observe() was given another World (its entity table shrank)");
    w.entities.insert(w.entities.end(), all.begin() + static_cast<std::ptrdiff_t>(w.entities.size()), all.end());
    const auto stepEvents = world.stepEvents();
    w.events.insert(w.events.end(), stepEvents.begin(), stepEvents.end());

    // A small tolerance, so that a step ending at k/frameRate in floating point counts as on time.
    if (t < w.nextFrame - 1e-6 * w.period) return;
    // Frame times are stored as whole steps of the scenario given to the constructor.
    const double ticks = std::round(t / w.meta.timeStep);
    const bool onStep = std::abs(ticks * w.meta.timeStep - t) <= 1e-6 * w.meta.timeStep && ticks >= 0.0;
    const bool later = w.index.ticks.empty() ||
                       ticks > static_cast<double>(tickOf(w.index.ticks, w.index.frameCount - 1));
    if (!onStep || !later)
        throw std::logic_error("recording: the World's time (" + std::to_string(t) +
                               " s) is not a later step of the scenario given to the writer");
    const Frame frame = world.snapshot();
    appendTick(w.index.ticks, w.index.frameCount, static_cast<std::uint64_t>(ticks));
    w.chunk.add(frame);
    w.nextFrame = (std::floor(t / w.period + 1e-6) + 1.0) * w.period;
    if (w.chunk.frameCount() >= w.meta.chunkFrames || w.chunk.size() >= kFlushBytes) w.flushChunk();
}

void RecordingWriter::finish(const Outcome& outcome) {
    Impl& w = *impl_;
    if (w.finished) throw std::logic_error("recording: finish() called twice");
    w.finished = true;
    w.flushChunk();
    w.index.duration = w.lastTime;
    w.index.entitiesOffset = w.offset;
    w.write(encodeSection(kTagEntities, encodeEntities(w.entities), w.zstd));
    w.index.eventsOffset = w.offset;
    w.write(encodeSection(kTagEvents, encodeEvents(w.events), w.zstd));
    w.index.outcomeOffset = w.offset;
    const std::string json = outcomeToJson(outcome);
    w.write(encodeSection(kTagOutcome, std::span(reinterpret_cast<const std::uint8_t*>(json.data()), json.size()),
                          w.zstd));
    const std::uint64_t indexOffset = w.offset;
    w.write(encodeSection(kTagIndex, encodeIndex(w.index), w.zstd));

    ByteWriter footer;
    footer.u64(indexOffset);
    footer.u64(w.offset + kFooterBytes);
    footer.u64(xxh64(footer.bytes()));
    for (std::uint8_t b : kEndMagic) footer.u8(b);
    w.write(footer.bytes());
    w.out.close();
    if (!w.out) w.ioError("close the file");
}

Outcome runAndRecord(const Scenario& scenario, std::uint64_t seed, const std::filesystem::path& path,
                     double frameRate) {
    World world(scenario, seed);
    RecordingWriter writer(path, scenario, seed, frameRate);
    writer.observe(world);
    while (!world.done()) {
        world.step();
        writer.observe(world);
    }
    const Outcome outcome = world.outcome();
    writer.finish(outcome);
    return outcome;
}

}  // namespace sim::io
