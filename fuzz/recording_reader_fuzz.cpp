// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// libFuzzer harness for the recording (.rsr) reader: any bytes must give a Recording or a one-line
// error, and a frame or nullopt, never a crash, a leak, a hang or an exception.
//
// It is built with FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, which makes the reader ignore
// checksum mismatches (it still computes them): otherwise nearly every mutation would stop at a
// checksum and the decoders behind it would never see fuzzed data. Each input is used twice:
//  1. as a whole file (Recording::fromBytes), then every accessor, with the reader's contracts
//     checked (aborting, a finding, when one breaks): frames sorted by entity index, indices
//     within the entity table, frame times increasing, frameAt(frameTime(k)) == k;
//  2. as the raw payload of one section decoder, chosen by its first byte (meta, entities,
//     events, index, a frame chunk, the outcome's JSON), past zstd as well.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "recording_format.hpp"
#include "recording_frames.hpp"
#include "recording_sections.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"

namespace {

using namespace sim::io::detail::rec;

[[noreturn]] void broken(const char* contract) {
    std::fprintf(stderr, "contract broken: %s\n", contract);
    std::abort();
}

void checkFrame(const sim::io::Recording& rec, std::size_t k) {
    const auto frame = rec.frame(k);
    if (!frame) return;
    if (frame->time != rec.frameTime(k)) broken("a frame's time is frameTime()");
    for (std::size_t i = 0; i < frame->entities.size(); ++i) {
        const sim::EntityState& e = frame->entities[i];
        if (e.entity >= rec.entities().size()) broken("frame entities are in the entity table");
        if (i > 0 && e.entity <= frame->entities[i - 1].entity) broken("frame entities sorted by index");
        if (!std::isfinite(e.pose.position.x) || !std::isfinite(e.pose.heading) || !std::isfinite(e.speed))
            broken("decoded values are finite");
    }
}

void wholeFile(const std::uint8_t* data, std::size_t size) {
    std::string error;
    const auto rec = sim::io::Recording::fromBytes(std::string(reinterpret_cast<const char*>(data), size),
                                                   "fuzz.rsr", &error);
    if (!rec) {
        if (error.rfind("fuzz.rsr: ", 0) != 0 || error.find('\n') != std::string::npos)
            broken("errors are one line naming the file");
        return;
    }
    for (const sim::Event& e : rec->events())
        if (e.subject >= rec->entities().size() || e.other >= rec->entities().size())
            broken("events refer to the entity table");
    for (const sim::EntityInfo& e : rec->entities()) (void)sim::name(e.kind);
    (void)sim::io::outcomeToJson(rec->outcome());
    const std::size_t n = rec->frameCount();
    if (n == 0) {
        (void)rec->frame(0);
        (void)rec->frameAt(1.0);
        return;
    }
    // A few frames from the ends and the middle, then every chunk (each decode is cached or fails
    // fast, so the whole file is covered without one call per frame).
    for (std::size_t k : {std::size_t{0}, n / 2, n - 1}) {
        checkFrame(*rec, k);
        if (rec->frameAt(rec->frameTime(k)) != k && rec->frameTime(k) != rec->frameTime(rec->frameAt(rec->frameTime(k))))
            broken("frameAt(frameTime(k)) == k");
    }
    if (n > 1 && !(rec->frameTime(n - 1) > rec->frameTime(0))) broken("frame times increase");
    (void)rec->frameAt(-1.0);
    (void)rec->frameAt(1e300);
    (void)rec->frameAt(std::nan(""));
    (void)rec->frame(n);
    (void)rec->verifyFrames(&error);
}

void rawPayload(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return;
    const std::uint8_t selector = data[0];
    const bool lenient = (data[1] & 1) != 0;
    const std::span<const std::uint8_t> payload(data + 4, size - 4);
    switch (selector % 6) {
        case 0: (void)decodeMeta(payload, lenient); break;
        case 1: (void)decodeEntities(payload, lenient); break;
        case 2: (void)decodeEvents(payload, data[2], lenient); break;
        case 3: (void)decodeIndex(payload, std::uint64_t{data[2]} << (data[3] % 40), lenient); break;
        case 4: {
            const std::uint32_t frames = 1u + data[2] % 64u;
            std::vector<double> times(frames);
            for (std::uint32_t i = 0; i < frames; ++i) times[i] = 0.05 * i;
            const auto decoded = decodeChunk(payload, frames, data[3], Quanta{}, times);
            if (decoded && decoded->size() != frames) broken("a chunk decodes to its frame count");
            break;
        }
        case 5: {
            const std::string_view json(reinterpret_cast<const char*>(payload.data()), payload.size());
            (void)sim::io::outcomeFromJson(json);
            break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    wholeFile(data, size);
    rawPayload(data, size);
    return 0;
}
