// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

/// The byte level of replay files (.rsr): constants, little-endian and varint coding, the XXH64
/// checksum, zstd, and the framing shared by every section. docs/recording-format.md is the
/// specification; this header and that document change together.
namespace sim::io::detail::rec {

// ---------------------------------------------------------------------------------------------
// Constants of the format (version 1)
// ---------------------------------------------------------------------------------------------

/// First 8 bytes of every recording. PNG-style: a non-ASCII first byte (not text), and CR LF,
/// EOF and LF bytes that reveal text-mode transfers.
inline constexpr std::array<std::uint8_t, 8> kMagic = {0x89, 'R', 'S', 'R', '\r', '\n', 0x1A, '\n'};
/// Last 8 bytes of a finished recording.
inline constexpr std::array<std::uint8_t, 8> kEndMagic = {'R', 'S', 'R', '-', 'E', 'N', 'D', '\n'};

inline constexpr std::uint16_t kMajorVersion = 1;  ///< incompatible changes bump this
inline constexpr std::uint16_t kMinorVersion = 0;  ///< additive changes bump this

inline constexpr std::size_t kPreambleBytes = 16;       ///< magic, major, minor, check
inline constexpr std::size_t kFooterBytes = 32;         ///< index offset, file size, check, end magic
inline constexpr std::size_t kSectionHeaderBytes = 24;  ///< tag, codec, sizes, checksum

/// Section tags (four ASCII bytes, stored in this order).
using Tag = std::array<char, 4>;
inline constexpr Tag kTagMeta = {'M', 'E', 'T', 'A'};
inline constexpr Tag kTagFrames = {'F', 'R', 'M', 'S'};
inline constexpr Tag kTagEntities = {'E', 'N', 'T', 'S'};
inline constexpr Tag kTagEvents = {'E', 'V', 'N', 'T'};
inline constexpr Tag kTagOutcome = {'O', 'U', 'T', 'C'};
inline constexpr Tag kTagIndex = {'I', 'N', 'D', 'X'};

enum class Codec : std::uint8_t { Stored = 0, Zstd = 1 };

/// Upper bounds a reader enforces before allocating (the writer stays far below them).
inline constexpr std::uint32_t kMaxChunkRawBytes = 16u << 20;    ///< one frame chunk, decompressed
inline constexpr std::uint32_t kMaxSectionRawBytes = 64u << 20;  ///< meta, entities, events, index
inline constexpr std::uint32_t kMaxOutcomeRawBytes = 16u << 20;  ///< the outcome's JSON
inline constexpr std::uint32_t kMaxFramesPerChunk = 4096;
inline constexpr std::size_t kMaxStringBytes = 64u << 20;

// ---------------------------------------------------------------------------------------------
// Checksum
// ---------------------------------------------------------------------------------------------

/// XXH64 (seed 0) of the bytes: the hash zstd uses for its frame checksums.
std::uint64_t xxh64(std::span<const std::uint8_t> bytes, std::uint64_t seed = 0);

// ---------------------------------------------------------------------------------------------
// Writing bytes
// ---------------------------------------------------------------------------------------------

/// Appends little-endian integers, LEB128 varints, doubles and strings to a byte buffer.
class ByteWriter {
public:
    void u8(std::uint8_t v) { bytes_.push_back(v); }
    void u16(std::uint16_t v) { fixed(v, 2); }
    void u32(std::uint32_t v) { fixed(v, 4); }
    void u64(std::uint64_t v) { fixed(v, 8); }
    void f64(double v);
    void varint(std::uint64_t v) {
        if (v < 0x80) bytes_.push_back(static_cast<std::uint8_t>(v));  // the common case, inline
        else varintLong(v);
    }
    void svarint(std::int64_t v) {  ///< zigzag
        varint((static_cast<std::uint64_t>(v) << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));
    }
    void string(std::string_view s);
    void raw(std::span<const std::uint8_t> b) { bytes_.insert(bytes_.end(), b.begin(), b.end()); }
    void tag(const Tag& t);

    std::vector<std::uint8_t>& bytes() { return bytes_; }
    const std::vector<std::uint8_t>& bytes() const { return bytes_; }
    std::size_t size() const { return bytes_.size(); }
    void clear() { bytes_.clear(); }

private:
    void fixed(std::uint64_t v, int n);
    void varintLong(std::uint64_t v);
    std::vector<std::uint8_t> bytes_;
};

// ---------------------------------------------------------------------------------------------
// Reading bytes
// ---------------------------------------------------------------------------------------------

/// Reads what ByteWriter wrote from a span it never reads outside of. The first failure (reading
/// past the end, an overlong varint, a string longer than what is left) makes it fail; every
/// later read returns 0 / empty, and ok() is false from then on.
class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    std::uint8_t u8();
    std::uint16_t u16() { return static_cast<std::uint16_t>(fixed(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(fixed(4)); }
    std::uint64_t u64() { return fixed(8); }
    double f64();
    std::uint64_t varint();
    std::int64_t svarint();
    std::string string();
    std::span<const std::uint8_t> raw(std::size_t n);
    Tag tag();

    /// A count of records that each take at least `minBytes` (>= 1): fails (and returns 0) when
    /// what is left cannot hold that many, so that callers can reserve() without fear.
    std::size_t count(std::size_t minBytes);

    bool ok() const { return ok_; }
    void fail() { ok_ = false; }
    std::size_t remaining() const { return ok_ ? bytes_.size() - pos_ : 0; }
    std::size_t position() const { return pos_; }
    bool atEnd() const { return ok_ && pos_ == bytes_.size(); }

private:
    std::uint64_t fixed(int n);
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

// ---------------------------------------------------------------------------------------------
// zstd
// ---------------------------------------------------------------------------------------------

/// A reusable zstd compression context (not thread-safe).
class Compressor {
public:
    explicit Compressor(int level);
    ~Compressor();
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;
    /// Compresses `raw`; throws std::runtime_error if zstd fails.
    std::vector<std::uint8_t> compress(std::span<const std::uint8_t> raw);

private:
    void* cctx_;
    int level_;
};

/// A reusable zstd decompression context (not thread-safe).
class Decompressor {
public:
    Decompressor();
    ~Decompressor();
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;
    /// Decompresses into exactly `rawSize` bytes; nullopt unless the input is zstd frames that
    /// decompress to exactly that many bytes.
    std::optional<std::vector<std::uint8_t>> decompress(std::span<const std::uint8_t> stored, std::size_t rawSize);

private:
    void* dctx_;
};

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

/// The 24 bytes in front of every section: tag, codec, 3 zero bytes, stored size, raw size, and
/// the XXH64 of the first 16 header bytes followed by the stored bytes.
struct SectionHeader {
    Tag tag{};
    Codec codec = Codec::Stored;
    std::uint32_t storedSize = 0;
    std::uint32_t rawSize = 0;
    std::uint64_t checksum = 0;
};

/// A section ready to be written: header and stored bytes. Picks zstd unless it does not shrink
/// the payload.
std::vector<std::uint8_t> encodeSection(const Tag& tag, std::span<const std::uint8_t> raw, Compressor& zstd);

/// Parses the 24 header bytes (nullopt if the codec is unknown or the padding is not zero).
std::optional<SectionHeader> parseSectionHeader(std::span<const std::uint8_t> bytes);

/// Why a section could not be decoded.
enum class SectionError { None, Checksum, Codec, Size };

/// Checks the checksum and decompresses. `stored` are the storedSize bytes after the header,
/// `headerBytes` the 24 header bytes as read. Errors are never thrown.
std::optional<std::vector<std::uint8_t>> decodeSection(const SectionHeader& header,
                                                       std::span<const std::uint8_t> headerBytes,
                                                       std::span<const std::uint8_t> stored,
                                                       Decompressor& zstd, SectionError* why);

/// The check stored in the preamble's last 4 bytes: low 32 bits of XXH64 of its first 12.
std::uint32_t preambleCheck(std::span<const std::uint8_t> first12);

/// True when a checksum mismatch is fatal. Builds for fuzzing (FUZZING_BUILD_MODE_UNSAFE_FOR_
/// PRODUCTION, set by the fuzz harness) still compute checksums but ignore mismatches, so that
/// the fuzzer reaches the decoders behind them.
bool checksumsEnforced();

std::string tagName(const Tag& t);

}  // namespace sim::io::detail::rec
