// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "recording_format.hpp"

#include <zstd.h>

#include <bit>
#include <cstring>
#include <stdexcept>

namespace sim::io::detail::rec {

// ---------------------------------------------------------------------------------------------
// XXH64, after Yann Collet's specification (github.com/Cyan4973/xxHash, doc/xxhash_spec.md)
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::uint64_t kP1 = 11400714785074694791ull;
constexpr std::uint64_t kP2 = 14029467366897019727ull;
constexpr std::uint64_t kP3 = 1609587929392839161ull;
constexpr std::uint64_t kP4 = 9650029242287828579ull;
constexpr std::uint64_t kP5 = 2870177450012600261ull;

std::uint64_t load64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}
std::uint64_t load32(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}
std::uint64_t round64(std::uint64_t acc, std::uint64_t input) {
    acc += input * kP2;
    acc = std::rotl(acc, 31);
    return acc * kP1;
}
std::uint64_t merge64(std::uint64_t acc, std::uint64_t v) {
    acc ^= round64(0, v);
    return acc * kP1 + kP4;
}

}  // namespace

std::uint64_t xxh64(std::span<const std::uint8_t> bytes, std::uint64_t seed) {
    const std::uint8_t* p = bytes.data();
    const std::size_t len = bytes.size();
    const std::uint8_t* const end = p + len;
    std::uint64_t h;
    if (len >= 32) {
        std::uint64_t v1 = seed + kP1 + kP2, v2 = seed + kP2, v3 = seed, v4 = seed - kP1;
        const std::uint8_t* const limit = end - 32;
        do {
            v1 = round64(v1, load64(p));
            v2 = round64(v2, load64(p + 8));
            v3 = round64(v3, load64(p + 16));
            v4 = round64(v4, load64(p + 24));
            p += 32;
        } while (p <= limit);
        h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
        h = merge64(h, v1);
        h = merge64(h, v2);
        h = merge64(h, v3);
        h = merge64(h, v4);
    } else {
        h = seed + kP5;
    }
    h += static_cast<std::uint64_t>(len);
    while (end - p >= 8) {
        h ^= round64(0, load64(p));
        h = std::rotl(h, 27) * kP1 + kP4;
        p += 8;
    }
    if (end - p >= 4) {
        h ^= load32(p) * kP1;
        h = std::rotl(h, 23) * kP2 + kP3;
        p += 4;
    }
    while (p < end) {
        h ^= *p * kP5;
        h = std::rotl(h, 11) * kP1;
        ++p;
    }
    h ^= h >> 33;
    h *= kP2;
    h ^= h >> 29;
    h *= kP3;
    h ^= h >> 32;
    return h;
}

// ---------------------------------------------------------------------------------------------
// ByteWriter / ByteReader
// ---------------------------------------------------------------------------------------------

void ByteWriter::fixed(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) bytes_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void ByteWriter::f64(double v) { u64(std::bit_cast<std::uint64_t>(v)); }

void ByteWriter::varintLong(std::uint64_t v) {
    while (v >= 0x80) {
        bytes_.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    bytes_.push_back(static_cast<std::uint8_t>(v));
}

void ByteWriter::string(std::string_view s) {
    varint(s.size());
    bytes_.insert(bytes_.end(), s.begin(), s.end());
}

void ByteWriter::tag(const Tag& t) {
    for (char c : t) bytes_.push_back(static_cast<std::uint8_t>(c));
}

std::uint8_t ByteReader::u8() {
    if (!ok_ || pos_ >= bytes_.size()) {
        ok_ = false;
        return 0;
    }
    return bytes_[pos_++];
}

std::uint64_t ByteReader::fixed(int n) {
    if (!ok_ || bytes_.size() - pos_ < static_cast<std::size_t>(n)) {
        ok_ = false;
        return 0;
    }
    std::uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | bytes_[pos_ + static_cast<std::size_t>(i)];
    pos_ += static_cast<std::size_t>(n);
    return v;
}

double ByteReader::f64() { return std::bit_cast<double>(u64()); }

std::uint64_t ByteReader::varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const std::uint8_t b = u8();
        if (!ok_) return 0;
        // The tenth byte holds bit 63 only.
        if (shift == 63 && b > 1) break;
        v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
}

std::int64_t ByteReader::svarint() {
    const std::uint64_t u = varint();
    return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::string ByteReader::string() {
    const std::uint64_t n = varint();
    if (!ok_ || n > remaining() || n > kMaxStringBytes) {
        ok_ = false;
        return {};
    }
    const auto b = raw(static_cast<std::size_t>(n));
    return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

std::span<const std::uint8_t> ByteReader::raw(std::size_t n) {
    if (!ok_ || bytes_.size() - pos_ < n) {
        ok_ = false;
        return {};
    }
    const auto b = bytes_.subspan(pos_, n);
    pos_ += n;
    return b;
}

Tag ByteReader::tag() {
    Tag t{};
    const auto b = raw(4);
    if (b.size() == 4)
        for (std::size_t i = 0; i < 4; ++i) t[i] = static_cast<char>(b[i]);
    return t;
}

std::size_t ByteReader::count(std::size_t minBytes) {
    const std::uint64_t n = varint();
    if (!ok_ || n > remaining() / (minBytes == 0 ? 1 : minBytes)) {
        ok_ = false;
        return 0;
    }
    return static_cast<std::size_t>(n);
}

// ---------------------------------------------------------------------------------------------
// zstd
// ---------------------------------------------------------------------------------------------

Compressor::Compressor(int level) : cctx_(ZSTD_createCCtx()), level_(level) {
    if (!cctx_) throw std::runtime_error("zstd: cannot create a compression context");
}
Compressor::~Compressor() { ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(cctx_)); }

std::vector<std::uint8_t> Compressor::compress(std::span<const std::uint8_t> raw) {
    std::vector<std::uint8_t> out(ZSTD_compressBound(raw.size()));
    const std::size_t n = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(cctx_), out.data(), out.size(), raw.data(),
                                            raw.size(), level_);
    if (ZSTD_isError(n)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Decompressor::Decompressor() : dctx_(ZSTD_createDCtx()) {}
Decompressor::~Decompressor() { ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_)); }

std::optional<std::vector<std::uint8_t>> Decompressor::decompress(std::span<const std::uint8_t> stored,
                                                                  std::size_t rawSize) {
    if (!dctx_) return std::nullopt;
    // Cheap refusal before allocating: the first frame announces its size (the writer always
    // writes it); a payload that claims something else is not ours.
    const unsigned long long announced = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (announced == ZSTD_CONTENTSIZE_ERROR || announced == ZSTD_CONTENTSIZE_UNKNOWN || announced > rawSize)
        return std::nullopt;
    std::vector<std::uint8_t> out(rawSize);
    const std::size_t n =
        ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(dctx_), out.data(), out.size(), stored.data(), stored.size());
    if (ZSTD_isError(n) || n != rawSize) return std::nullopt;
    return out;
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

namespace {

void writeSectionHeader(ByteWriter& w, const Tag& tag, Codec codec, std::uint32_t stored, std::uint32_t raw) {
    w.tag(tag);
    w.u8(static_cast<std::uint8_t>(codec));
    w.u8(0);
    w.u8(0);
    w.u8(0);
    w.u32(stored);
    w.u32(raw);
}

}  // namespace

std::vector<std::uint8_t> encodeSection(const Tag& tag, std::span<const std::uint8_t> raw, Compressor& zstd) {
    if (raw.size() > kMaxSectionRawBytes) throw std::runtime_error("recording: a section is too large");
    std::vector<std::uint8_t> packed = zstd.compress(raw);
    const bool useZstd = packed.size() < raw.size();
    const std::span<const std::uint8_t> stored = useZstd ? std::span<const std::uint8_t>(packed) : raw;
    ByteWriter w;
    writeSectionHeader(w, tag, useZstd ? Codec::Zstd : Codec::Stored, static_cast<std::uint32_t>(stored.size()),
                       static_cast<std::uint32_t>(raw.size()));
    w.raw(stored);
    const std::uint64_t sum = xxh64(w.bytes());
    std::vector<std::uint8_t> out = std::move(w.bytes());
    // The checksum goes between the header's first 16 bytes and the payload.
    ByteWriter s;
    s.u64(sum);
    out.insert(out.begin() + 16, s.bytes().begin(), s.bytes().end());
    return out;
}

std::optional<SectionHeader> parseSectionHeader(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < kSectionHeaderBytes) return std::nullopt;
    ByteReader r(bytes.first(kSectionHeaderBytes));
    SectionHeader h;
    h.tag = r.tag();
    const std::uint8_t codec = r.u8();
    if (r.u8() != 0 || r.u8() != 0 || r.u8() != 0) return std::nullopt;
    if (codec > static_cast<std::uint8_t>(Codec::Zstd)) return std::nullopt;
    h.codec = static_cast<Codec>(codec);
    h.storedSize = r.u32();
    h.rawSize = r.u32();
    h.checksum = r.u64();
    if (!r.ok()) return std::nullopt;
    if (h.codec == Codec::Stored && h.storedSize != h.rawSize) return std::nullopt;
    return h;
}

std::optional<std::vector<std::uint8_t>> decodeSection(const SectionHeader& header,
                                                       std::span<const std::uint8_t> headerBytes,
                                                       std::span<const std::uint8_t> stored, Decompressor& zstd,
                                                       SectionError* why) {
    auto failed = [&](SectionError e) {
        if (why) *why = e;
        return std::nullopt;
    };
    if (headerBytes.size() < 16 || stored.size() != header.storedSize) return failed(SectionError::Size);
    std::vector<std::uint8_t> summed(headerBytes.begin(), headerBytes.begin() + 16);
    summed.insert(summed.end(), stored.begin(), stored.end());
    if (xxh64(summed) != header.checksum && checksumsEnforced()) return failed(SectionError::Checksum);
    if (header.codec == Codec::Stored) {
        if (stored.size() != header.rawSize) return failed(SectionError::Size);
        if (why) *why = SectionError::None;
        return std::vector<std::uint8_t>(stored.begin(), stored.end());
    }
    auto raw = zstd.decompress(stored, header.rawSize);
    if (!raw) return failed(SectionError::Codec);
    if (why) *why = SectionError::None;
    return raw;
}

std::uint32_t preambleCheck(std::span<const std::uint8_t> first12) {
    return static_cast<std::uint32_t>(xxh64(first12.first(12)));
}

bool checksumsEnforced() {
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    return false;
#else
    return true;
#endif
}

std::string tagName(const Tag& t) {
    std::string s;
    for (char c : t) s += (c >= 0x20 && c < 0x7F) ? c : '?';
    return s;
}

}  // namespace sim::io::detail::rec
