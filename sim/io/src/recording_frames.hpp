// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "recording_format.hpp"
#include "sim/frame.hpp"

/// Frame chunks of a recording: a run of frames, quantized and predicted from the frames before
/// it in the same chunk (never from another chunk, so every chunk decodes on its own).
///
/// Per frame, per present entity: position and heading predicted by constant velocity from the
/// last two frames (by the last value when the entity was present in only one, from zero when
/// new); speed from the last value; flags XOR the last flags. Residuals are zigzag varints in
/// five streams (x, y, heading, speed, flags) after a presence stream of entities that left and
/// entities that came, so that zstd sees like next to like.
namespace sim::io::detail::rec {

/// Quantization steps; stored in the file's meta section, so a reader uses the writer's.
struct Quanta {
    double position = 0.01;   ///< m   (error <= 5 mm)
    double heading = 0.001;   ///< rad (error <= 0.5 mrad)
    double speed = 0.01;      ///< m/s (error <= 5 mm/s)
};

/// True for steps a reader accepts: finite and in [1e-6, 1].
bool validQuanta(const Quanta& q);

/// value / step rounded to the nearest integer (half away from zero); NaN gives 0 and
/// magnitudes are clamped to 2^52 steps (only a diverged run's last frame can hold such values).
std::int64_t quantize(double value, double step);
/// As quantize(value, 1 / perStep), with a multiplication instead of a division (the encoder's
/// hot path). May differ from quantize() by one step only where value / step is within an ulp
/// of a half-integer; the error stays within half a step (plus that ulp).
std::int64_t quantizeScaled(double value, double perStep);

/// Builds the payload of one chunk frame by frame.
class ChunkEncoder {
public:
    explicit ChunkEncoder(const Quanta& q)
        : q_(q), perPosition_(1.0 / q.position), perHeading_(1.0 / q.heading), perSpeed_(1.0 / q.speed) {}
    /// Appends a frame. Its entities must be sorted by index with no duplicates.
    void add(const Frame& frame);
    std::size_t frameCount() const { return frames_; }
    /// Bytes the payload would have now.
    std::size_t size() const;
    /// The payload; the encoder is then empty, ready for the next chunk.
    std::vector<std::uint8_t> take();

private:
    struct Track {
        std::uint32_t entity = 0;
        std::int64_t x = 0, y = 0, h = 0;     // quantized
        std::int64_t dx = 0, dy = 0, dh = 0;  // change since the frame before (if `moving`)
        bool moving = false;
        std::int64_t v = 0;
        std::uint16_t flags = 0;
    };
    Quanta q_;
    double perPosition_, perHeading_, perSpeed_;  // 1 / step
    std::vector<Track> prev_, cur_;
    std::vector<std::uint32_t> removed_, added_;  // scratch, kept to avoid allocating per frame
    ByteWriter presence_, xs_, ys_, hs_, vs_, fs_;
    std::size_t frames_ = 0;
};

/// Decodes a chunk payload of `frameCount` frames whose entity indices are < `entityCount`;
/// `times` (frameCount values) become the frames' times. nullopt on anything inconsistent.
std::optional<std::vector<Frame>> decodeChunk(std::span<const std::uint8_t> payload, std::uint32_t frameCount,
                                              std::uint32_t entityCount, const Quanta& q,
                                              std::span<const double> times);

}  // namespace sim::io::detail::rec
