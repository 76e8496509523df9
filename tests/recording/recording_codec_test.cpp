// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <zstd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "recording_format.hpp"
#include "recording_frames.hpp"
#include "sim/rng.hpp"

using namespace sim::io::detail::rec;

namespace {

std::span<const std::uint8_t> bytesOf(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("XXH64 matches the reference values and zstd's frame checksum", "[recording]") {
    CHECK(xxh64(bytesOf("")) == 0xEF46DB3751D8E999ull);
    CHECK(xxh64(bytesOf("abc")) == 0x44BC2CF5AD770999ull);
    // zstd's content checksum is the low 32 bits of XXH64 (seed 0) of the content, stored after
    // the frame: check every length class (< 4, < 8, < 32, >= 32 with a tail) against it.
    sim::Rng rng(5);
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1);
    for (std::size_t n : {1u, 3u, 4u, 7u, 8u, 31u, 32u, 33u, 63u, 64u, 100u, 1000u, 4099u}) {
        std::vector<std::uint8_t> data(n);
        for (auto& b : data) b = static_cast<std::uint8_t>(rng.uniform() * 256);
        std::vector<std::uint8_t> frame(ZSTD_compressBound(n));
        const std::size_t size = ZSTD_compress2(cctx, frame.data(), frame.size(), data.data(), n);
        REQUIRE_FALSE(ZSTD_isError(size));
        std::uint32_t stored = 0;
        for (int i = 0; i < 4; ++i) stored |= static_cast<std::uint32_t>(frame[size - 4 + static_cast<std::size_t>(i)]) << (8 * i);
        INFO(n << " bytes");
        CHECK(stored == static_cast<std::uint32_t>(xxh64(data)));
    }
    ZSTD_freeCCtx(cctx);
}

TEST_CASE("varints round-trip and malformed ones fail", "[recording]") {
    ByteWriter w;
    const std::uint64_t unsignedValues[] = {0, 1, 127, 128, 16383, 16384, 0xFFFFFFFFull,
                                            std::numeric_limits<std::uint64_t>::max()};
    const std::int64_t signedValues[] = {0, -1, 1, -64, 64, std::numeric_limits<std::int64_t>::min(),
                                         std::numeric_limits<std::int64_t>::max()};
    for (auto v : unsignedValues) w.varint(v);
    for (auto v : signedValues) w.svarint(v);
    ByteReader r(w.bytes());
    for (auto v : unsignedValues) CHECK(r.varint() == v);
    for (auto v : signedValues) CHECK(r.svarint() == v);
    CHECK(r.atEnd());

    const std::vector<std::uint8_t> overlong(11, 0x80);
    ByteReader o(overlong);
    o.varint();
    CHECK_FALSE(o.ok());
    const std::vector<std::uint8_t> tooBig = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02};
    ByteReader b(tooBig);
    b.varint();
    CHECK_FALSE(b.ok());
    const std::vector<std::uint8_t> cut = {0x80};
    ByteReader c(cut);
    c.varint();
    CHECK_FALSE(c.ok());
    CHECK(c.u64() == 0);  // sticky: every read after a failure gives nothing
    CHECK(c.remaining() == 0);

    // A string or a count longer than what is left fails before anything is allocated.
    ByteWriter s;
    s.varint(1u << 30);
    ByteReader sr(s.bytes());
    CHECK(sr.string().empty());
    CHECK_FALSE(sr.ok());
    ByteReader cr(s.bytes());
    CHECK(cr.count(1) == 0);
    CHECK_FALSE(cr.ok());
}

TEST_CASE("quantization rounds to the nearest step and clamps what is not finite", "[recording]") {
    CHECK(quantize(1.234, 0.01) == 123);
    CHECK(quantize(-1.236, 0.01) == -124);
    CHECK(quantize(std::nan(""), 0.01) == 0);
    CHECK(quantize(std::numeric_limits<double>::infinity(), 0.01) == (std::int64_t{1} << 52));
    CHECK(quantize(-std::numeric_limits<double>::infinity(), 0.01) == -(std::int64_t{1} << 52));
}

TEST_CASE("a frame chunk round-trips entities that come, go and move", "[recording]") {
    const Quanta q;
    ChunkEncoder enc(q);
    std::vector<sim::Frame> frames;
    for (int f = 0; f < 30; ++f) {
        sim::Frame frame;
        frame.time = 0.05 * f;
        for (std::uint32_t e = 0; e < 12; ++e) {
            if ((e + static_cast<std::uint32_t>(f)) % 5 == 0) continue;  // entities leave and come back
            const double t = frame.time;
            frame.entities.push_back({e, {{-1500.0 + 30.0 * t + e, 0.3 * std::sin(t + e)}, 0.01 * e - 0.05 * t},
                                      30.0 - 0.5 * t, static_cast<std::uint16_t>(1 | (f & 6))});
        }
        enc.add(frame);
        frames.push_back(frame);
    }
    const std::vector<std::uint8_t> payload = enc.take();
    CHECK(enc.frameCount() == 0);
    std::vector<double> times;
    for (const auto& f : frames) times.push_back(f.time);
    const auto decoded = decodeChunk(payload, 30, 12, q, times);
    REQUIRE(decoded.has_value());
    for (std::size_t f = 0; f < frames.size(); ++f) {
        REQUIRE((*decoded)[f].entities.size() == frames[f].entities.size());
        for (std::size_t i = 0; i < frames[f].entities.size(); ++i) {
            const auto& a = (*decoded)[f].entities[i];
            const auto& b = frames[f].entities[i];
            CHECK(a.entity == b.entity);
            CHECK(std::abs(a.pose.position.x - b.pose.position.x) <= 0.005 + 1e-9);
            CHECK(std::abs(a.pose.position.y - b.pose.position.y) <= 0.005 + 1e-9);
            CHECK(std::abs(a.pose.heading - b.pose.heading) <= 0.0005 + 1e-9);
            CHECK(std::abs(a.speed - b.speed) <= 0.005 + 1e-9);
            CHECK(a.flags == b.flags);
        }
    }
    // Wrong frame count, too few entities, a cut payload: refused.
    CHECK_FALSE(decodeChunk(payload, 29, 12, q, std::span(times).first(29)).has_value());
    CHECK_FALSE(decodeChunk(payload, 30, 11, q, times).has_value());
    CHECK_FALSE(decodeChunk(std::span(payload).first(payload.size() - 1), 30, 12, q, times).has_value());
}
