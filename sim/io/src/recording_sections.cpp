// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "recording_sections.hpp"

#include <algorithm>
#include <cmath>

#include "sim/assert.hpp"

namespace sim::io::detail::rec {

namespace {

/// A section's payload is fully consumed, unless the file is of a newer minor version, whose
/// writer may have appended fields this reader does not know.
bool finished(const ByteReader& r, bool lenient) { return r.ok() && (lenient || r.atEnd()); }

/// An enumerator stored as a byte: values past `last` are corruption, or (lenient) a newer
/// writer's enumerator, shown as `fallback`.
template <typename E>
E enumFrom(ByteReader& r, E last, E fallback, bool lenient) {
    const std::uint8_t v = r.u8();
    if (v <= static_cast<std::uint8_t>(last)) return static_cast<E>(v);
    if (!lenient) r.fail();
    return fallback;
}

// Ticks stay far below 2^53, so that distinct ticks give distinct frame times (2^40 steps of
// 5 ms, the shortest step a scenario may have, are 174 years).
constexpr std::uint64_t kMaxTick = std::uint64_t{1} << 40;

}  // namespace

// ---------------------------------------------------------------------------------------------
// META
// ---------------------------------------------------------------------------------------------

std::vector<std::uint8_t> encodeMeta(const Meta& m) {
    ByteWriter w;
    w.string(m.toolVersion);
    w.string(m.scenarioName);
    w.string(m.scenarioText);
    w.u64(m.seed);
    w.f64(m.frameRate);
    w.f64(m.timeStep);
    w.f64(m.quanta.position);
    w.f64(m.quanta.heading);
    w.f64(m.quanta.speed);
    w.varint(m.chunkFrames);
    return std::move(w.bytes());
}

std::optional<Meta> decodeMeta(std::span<const std::uint8_t> raw, bool lenient) {
    ByteReader r(raw);
    Meta m;
    m.toolVersion = r.string();
    m.scenarioName = r.string();
    m.scenarioText = r.string();
    m.seed = r.u64();
    m.frameRate = r.f64();
    m.timeStep = r.f64();
    m.quanta.position = r.f64();
    m.quanta.heading = r.f64();
    m.quanta.speed = r.f64();
    const std::uint64_t chunkFrames = r.varint();
    if (!finished(r, lenient)) return std::nullopt;
    if (!(std::isfinite(m.frameRate) && m.frameRate > 0.0 && m.frameRate <= 1e4)) return std::nullopt;
    if (!(std::isfinite(m.timeStep) && m.timeStep >= 1e-6 && m.timeStep <= 1e3)) return std::nullopt;
    if (!validQuanta(m.quanta) || chunkFrames > kMaxFramesPerChunk) return std::nullopt;
    m.chunkFrames = static_cast<std::uint32_t>(chunkFrames);
    return m;
}

// ---------------------------------------------------------------------------------------------
// ENTS
// ---------------------------------------------------------------------------------------------

std::vector<std::uint8_t> encodeEntities(std::span<const EntityInfo> entities) {
    ByteWriter w;
    w.varint(entities.size());
    for (const EntityInfo& e : entities) {
        w.string(e.id);
        w.u8(static_cast<std::uint8_t>(e.kind));
        w.u8(static_cast<std::uint8_t>(e.vehicleKind));
        w.u8(static_cast<std::uint8_t>(e.unitRole));
        w.u8(static_cast<std::uint8_t>(e.personRole));
        w.u8(static_cast<std::uint8_t>(e.lights));
        w.f64(e.length);
        w.f64(e.width);
        w.u32(e.colour);
    }
    return std::move(w.bytes());
}

std::optional<std::vector<EntityInfo>> decodeEntities(std::span<const std::uint8_t> raw, bool lenient) {
    constexpr std::size_t kMinRecord = 1 + 5 + 8 + 8 + 4;
    ByteReader r(raw);
    const std::size_t n = r.count(kMinRecord);
    std::vector<EntityInfo> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        EntityInfo e;
        e.id = r.string();
        e.kind = enumFrom(r, EntityKind::Flare, EntityKind::Cone, lenient);
        e.vehicleKind = enumFrom(r, VehicleKind::Motorhome, VehicleKind::Sedan, lenient);
        e.unitRole = enumFrom(r, UnitRole::Other, UnitRole::Other, lenient);
        e.personRole = enumFrom(r, PersonRole::Other, PersonRole::Other, lenient);
        e.lights = enumFrom(r, UnitLights::ArrowBoard, UnitLights::None, lenient);
        e.length = r.f64();
        e.width = r.f64();
        e.colour = r.u32();
        if (!std::isfinite(e.length) || !std::isfinite(e.width)) r.fail();
        out.push_back(std::move(e));
    }
    if (!finished(r, lenient)) return std::nullopt;
    return out;
}

// ---------------------------------------------------------------------------------------------
// EVNT
// ---------------------------------------------------------------------------------------------

std::vector<std::uint8_t> encodeEvents(std::span<const Event> events) {
    ByteWriter w;
    w.varint(events.size());
    for (const Event& e : events) {
        w.f64(e.time);
        w.u8(static_cast<std::uint8_t>(e.kind));
        w.varint(e.subject);
        w.varint(e.other);
        w.f64(e.value);
        w.f64(e.position.x);
        w.f64(e.position.y);
        w.u8(e.viaPushedUnit ? 1 : 0);
    }
    return std::move(w.bytes());
}

std::optional<std::vector<Event>> decodeEvents(std::span<const std::uint8_t> raw, std::size_t entityCount,
                                               bool lenient) {
    constexpr std::size_t kMinRecord = 8 + 1 + 1 + 1 + 8 + 16 + 1;
    ByteReader r(raw);
    const std::size_t n = r.count(kMinRecord);
    std::vector<Event> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
        Event e;
        e.time = r.f64();
        const std::uint8_t kind = r.u8();
        const std::uint64_t subject = r.varint();
        const std::uint64_t other = r.varint();
        e.value = r.f64();
        e.position.x = r.f64();
        e.position.y = r.f64();
        const std::uint8_t via = r.u8();
        // An event of a kind this reader does not know (newer minor version) is skipped.
        if (kind > static_cast<std::uint8_t>(EventKind::ClosePass)) {
            if (!lenient) r.fail();
            continue;
        }
        if (!std::isfinite(e.time) || subject >= entityCount || other >= entityCount || via > 1) r.fail();
        e.kind = static_cast<EventKind>(kind);
        e.subject = static_cast<std::uint32_t>(subject);
        e.other = static_cast<std::uint32_t>(other);
        e.viaPushedUnit = via == 1;
        out.push_back(e);
    }
    if (!finished(r, lenient)) return std::nullopt;
    return out;
}

// ---------------------------------------------------------------------------------------------
// INDX
// ---------------------------------------------------------------------------------------------

void appendTick(std::vector<TickRun>& runs, std::uint64_t& frames, std::uint64_t tick) {
    if (runs.empty()) {
        runs.push_back({frames, tick, 0, 1});
    } else {
        TickRun& last = runs.back();
        const std::uint64_t lastTick = last.firstTick + (last.count - 1) * last.step;
        SIM_ASSERT(tick > lastTick, "frame ticks must increase");
        const std::uint64_t step = tick - lastTick;
        if (last.count == 1) {
            last.step = step;
            last.count = 2;
        } else if (last.step == step) {
            ++last.count;
        } else {
            runs.push_back({frames, tick, 0, 1});
        }
    }
    ++frames;
}

std::uint64_t tickOf(std::span<const TickRun> runs, std::uint64_t frame) {
    auto it = std::upper_bound(runs.begin(), runs.end(), frame,
                               [](std::uint64_t f, const TickRun& r) { return f < r.firstFrame; });
    SIM_ASSERT(it != runs.begin(), "frame before the first tick run");
    const TickRun& r = *(it - 1);
    return r.firstTick + (frame - r.firstFrame) * r.step;
}

std::vector<std::uint8_t> encodeIndex(const Index& index) {
    ByteWriter w;
    w.f64(index.duration);
    w.varint(index.chunks.size());
    std::uint64_t offset = 0;
    for (const ChunkRef& c : index.chunks) {
        w.varint(c.offset - offset);
        w.varint(c.frameCount);
        offset = c.offset;
    }
    w.varint(index.ticks.size());
    std::uint64_t lastTick = 0;
    for (const TickRun& t : index.ticks) {
        w.varint(t.firstTick - lastTick);
        w.varint(t.step);
        w.varint(t.count);
        lastTick = t.firstTick + (t.count - 1) * t.step;
    }
    w.varint(index.entitiesOffset);
    w.varint(index.eventsOffset);
    w.varint(index.outcomeOffset);
    return std::move(w.bytes());
}

std::optional<Index> decodeIndex(std::span<const std::uint8_t> raw, std::uint64_t dataEnd, bool lenient) {
    ByteReader r(raw);
    Index index;
    index.duration = r.f64();
    if (!std::isfinite(index.duration) || index.duration < 0.0) return std::nullopt;
    auto placed = [&](std::uint64_t offset) {
        return offset >= kPreambleBytes && offset < dataEnd && dataEnd - offset >= kSectionHeaderBytes;
    };

    const std::size_t chunks = r.count(2);
    index.chunks.reserve(chunks);
    std::uint64_t offset = 0;
    for (std::size_t i = 0; i < chunks && r.ok(); ++i) {
        const std::uint64_t delta = r.varint();
        const std::uint64_t frames = r.varint();
        if ((i > 0 && delta < kSectionHeaderBytes) || delta > dataEnd || !placed(offset + delta)) return std::nullopt;
        if (frames == 0 || frames > kMaxFramesPerChunk) return std::nullopt;
        offset += delta;
        index.chunks.push_back({offset, index.frameCount, static_cast<std::uint32_t>(frames)});
        index.frameCount += frames;
    }

    const std::size_t runs = r.count(3);
    index.ticks.reserve(runs);
    std::uint64_t frame = 0, lastTick = 0;
    for (std::size_t i = 0; i < runs && r.ok(); ++i) {
        const std::uint64_t gap = r.varint();
        const std::uint64_t step = r.varint();
        const std::uint64_t count = r.varint();
        if (!r.ok() || count == 0 || count > index.frameCount - frame) return std::nullopt;
        if (i > 0 && gap == 0) return std::nullopt;  // ticks strictly increase
        if (gap > kMaxTick - lastTick) return std::nullopt;
        const std::uint64_t first = lastTick + gap;
        if (count > 1 && (step == 0 || step > (kMaxTick - first) / (count - 1))) return std::nullopt;
        index.ticks.push_back({frame, first, count > 1 ? step : 0, count});
        frame += count;
        lastTick = first + (count - 1) * (count > 1 ? step : 0);
    }
    if (frame != index.frameCount) return std::nullopt;

    index.entitiesOffset = r.varint();
    index.eventsOffset = r.varint();
    index.outcomeOffset = r.varint();
    if (!finished(r, lenient)) return std::nullopt;
    if (!placed(index.entitiesOffset) || !placed(index.eventsOffset) || !placed(index.outcomeOffset))
        return std::nullopt;
    return index;
}

}  // namespace sim::io::detail::rec
