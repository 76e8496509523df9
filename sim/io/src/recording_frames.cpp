// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "recording_frames.hpp"

#include <algorithm>
#include <cmath>

#include "sim/assert.hpp"

namespace sim::io::detail::rec {

namespace {

constexpr double kQuantLimit = 4503599627370496.0;  // 2^52 steps

// Additions and subtractions of predictions wrap instead of overflowing: a corrupt chunk may
// hold any residual, and wrapping keeps that defined (the chunk checksum catches it first).
std::int64_t wrapAdd(std::int64_t a, std::int64_t b) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrapSub(std::int64_t a, std::int64_t b) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}

}  // namespace

bool validQuanta(const Quanta& q) {
    auto ok = [](double s) { return std::isfinite(s) && s >= 1e-6 && s <= 1.0; };
    return ok(q.position) && ok(q.heading) && ok(q.speed);
}

std::int64_t quantize(double value, double step) { return quantizeScaled(value / step, 1.0); }

std::int64_t quantizeScaled(double value, double perStep) {
    const double s = value * perStep;
    if (std::isnan(s)) return 0;
    // Half away from zero, as llround, without its library call (a third of the encoder's time);
    // exact here since |s| <= 2^52 after clamping.
    const double c = std::clamp(s, -kQuantLimit, kQuantLimit);
    return static_cast<std::int64_t>(c >= 0.0 ? c + 0.5 : c - 0.5);
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

void ChunkEncoder::add(const Frame& frame) {
    cur_.clear();
    cur_.reserve(frame.entities.size());
    std::vector<std::uint32_t>& removed = removed_;
    std::vector<std::uint32_t>& added = added_;
    removed.clear();
    added.clear();
    std::size_t p = 0;
    for (const EntityState& e : frame.entities) {
        SIM_ASSERT(cur_.empty() || e.entity > cur_.back().entity, "Frame::entities must be sorted by entity index");
        Track t;
        t.entity = e.entity;
        t.x = quantizeScaled(e.pose.position.x, perPosition_);
        t.y = quantizeScaled(e.pose.position.y, perPosition_);
        t.h = quantizeScaled(e.pose.heading, perHeading_);
        t.v = quantizeScaled(e.speed, perSpeed_);
        t.flags = e.flags;
        while (p < prev_.size() && prev_[p].entity < e.entity) removed.push_back(prev_[p++].entity);
        const Track* before = p < prev_.size() && prev_[p].entity == e.entity ? &prev_[p++] : nullptr;
        if (before) {
            const std::int64_t px = before->moving ? wrapAdd(before->x, before->dx) : before->x;
            const std::int64_t py = before->moving ? wrapAdd(before->y, before->dy) : before->y;
            const std::int64_t ph = before->moving ? wrapAdd(before->h, before->dh) : before->h;
            xs_.svarint(wrapSub(t.x, px));
            ys_.svarint(wrapSub(t.y, py));
            hs_.svarint(wrapSub(t.h, ph));
            vs_.svarint(wrapSub(t.v, before->v));
            fs_.varint(static_cast<std::uint16_t>(t.flags ^ before->flags));
            t.dx = wrapSub(t.x, before->x);
            t.dy = wrapSub(t.y, before->y);
            t.dh = wrapSub(t.h, before->h);
            t.moving = true;
        } else {
            added.push_back(e.entity);
            xs_.svarint(t.x);
            ys_.svarint(t.y);
            hs_.svarint(t.h);
            vs_.svarint(t.v);
            fs_.varint(t.flags);
        }
        cur_.push_back(t);
    }
    while (p < prev_.size()) removed.push_back(prev_[p++].entity);

    // Entity indices as gaps from the one after the previous: strictly increasing by construction.
    auto writeSet = [this](const std::vector<std::uint32_t>& set) {
        presence_.varint(set.size());
        std::uint64_t next = 0;
        for (std::uint32_t e : set) {
            presence_.varint(e - next);
            next = std::uint64_t{e} + 1;
        }
    };
    writeSet(removed);
    writeSet(added);
    std::swap(prev_, cur_);
    ++frames_;
}

std::size_t ChunkEncoder::size() const {
    return presence_.size() + xs_.size() + ys_.size() + hs_.size() + vs_.size() + fs_.size() + 64;
}

std::vector<std::uint8_t> ChunkEncoder::take() {
    ByteWriter out;
    out.varint(frames_);
    const ByteWriter* streams[] = {&presence_, &xs_, &ys_, &hs_, &vs_, &fs_};
    for (const ByteWriter* s : streams) out.varint(s->size());
    for (const ByteWriter* s : streams) out.raw(s->bytes());
    for (ByteWriter* s : {&presence_, &xs_, &ys_, &hs_, &vs_, &fs_}) s->clear();
    prev_.clear();
    cur_.clear();
    frames_ = 0;
    return std::move(out.bytes());
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

namespace {

struct Track {
    std::uint32_t entity = 0;
    std::int64_t x = 0, y = 0, h = 0;
    std::int64_t dx = 0, dy = 0, dh = 0;
    bool moving = false;
    std::int64_t v = 0;
    std::uint16_t flags = 0;
};

/// A sorted set of entity indices from the presence stream; false if malformed.
bool readSet(ByteReader& r, std::uint32_t entityCount, std::vector<std::uint32_t>& out) {
    out.clear();
    const std::size_t n = r.count(1);
    if (!r.ok() || n > entityCount) return false;
    std::uint64_t next = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t gap = r.varint();
        if (!r.ok() || gap >= entityCount || next + gap >= entityCount) return false;
        const std::uint64_t e = next + gap;
        out.push_back(static_cast<std::uint32_t>(e));
        next = e + 1;
    }
    return true;
}

}  // namespace

std::optional<std::vector<Frame>> decodeChunk(std::span<const std::uint8_t> payload, std::uint32_t frameCount,
                                              std::uint32_t entityCount, const Quanta& q,
                                              std::span<const double> times) {
    if (!validQuanta(q) || times.size() != frameCount || frameCount > kMaxFramesPerChunk) return std::nullopt;
    ByteReader head(payload);
    if (head.varint() != frameCount || !head.ok()) return std::nullopt;
    std::uint64_t lengths[6];
    std::uint64_t total = 0;
    for (std::uint64_t& n : lengths) {
        n = head.varint();
        if (!head.ok() || n > payload.size()) return std::nullopt;
        total += n;
    }
    if (total != head.remaining()) return std::nullopt;
    std::span<const std::uint8_t> rest = payload.subspan(head.position());
    std::vector<ByteReader> s;
    for (std::uint64_t n : lengths) {
        s.emplace_back(rest.first(static_cast<std::size_t>(n)));
        rest = rest.subspan(static_cast<std::size_t>(n));
    }
    ByteReader &presence = s[0], &xs = s[1], &ys = s[2], &hs = s[3], &vs = s[4], &fs = s[5];

    std::vector<Frame> frames;
    frames.reserve(frameCount);
    std::vector<Track> prev, cur;
    std::vector<std::uint32_t> removed, added;
    for (std::uint32_t f = 0; f < frameCount; ++f) {
        if (!readSet(presence, entityCount, removed) || !readSet(presence, entityCount, added)) return std::nullopt;
        // Every entity costs at least one byte in each value stream: refuse sets that cannot be
        // there before allocating for them.
        if (prev.size() - std::min(prev.size(), removed.size()) + added.size() > xs.remaining()) return std::nullopt;
        cur.clear();
        std::size_t p = 0, r = 0, a = 0;
        auto takeNew = [&](std::uint32_t e) {
            Track t;
            t.entity = e;
            t.x = xs.svarint();
            t.y = ys.svarint();
            t.h = hs.svarint();
            t.v = vs.svarint();
            const std::uint64_t fl = fs.varint();
            if (fl > 0xFFFF) fs.fail();
            t.flags = static_cast<std::uint16_t>(fl);
            cur.push_back(t);
        };
        while (p < prev.size() || a < added.size()) {
            const bool fromPrev = a == added.size() || (p < prev.size() && prev[p].entity < added[a]);
            if (!fromPrev) {
                if (p < prev.size() && prev[p].entity == added[a]) return std::nullopt;  // already present
                takeNew(added[a++]);
                continue;
            }
            const Track& b = prev[p++];
            if (r < removed.size() && removed[r] < b.entity) return std::nullopt;  // removing an absent entity
            if (r < removed.size() && removed[r] == b.entity) {
                ++r;
                continue;
            }
            Track t;
            t.entity = b.entity;
            t.x = wrapAdd(b.moving ? wrapAdd(b.x, b.dx) : b.x, xs.svarint());
            t.y = wrapAdd(b.moving ? wrapAdd(b.y, b.dy) : b.y, ys.svarint());
            t.h = wrapAdd(b.moving ? wrapAdd(b.h, b.dh) : b.h, hs.svarint());
            t.v = wrapAdd(b.v, vs.svarint());
            const std::uint64_t fl = fs.varint();
            if (fl > 0xFFFF) fs.fail();
            t.flags = static_cast<std::uint16_t>(b.flags ^ fl);
            t.dx = wrapSub(t.x, b.x);
            t.dy = wrapSub(t.y, b.y);
            t.dh = wrapSub(t.h, b.h);
            t.moving = true;
            cur.push_back(t);
        }
        if (r != removed.size()) return std::nullopt;
        for (const ByteReader& stream : s)
            if (!stream.ok()) return std::nullopt;

        Frame frame;
        frame.time = times[f];
        frame.entities.reserve(cur.size());
        for (const Track& t : cur)
            frame.entities.push_back({t.entity,
                                      {{static_cast<double>(t.x) * q.position, static_cast<double>(t.y) * q.position},
                                       static_cast<double>(t.h) * q.heading},
                                      static_cast<double>(t.v) * q.speed,
                                      t.flags});
        frames.push_back(std::move(frame));
        std::swap(prev, cur);
    }
    for (const ByteReader& stream : s)
        if (!stream.atEnd()) return std::nullopt;
    return frames;
}

}  // namespace sim::io::detail::rec
