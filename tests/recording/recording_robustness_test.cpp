// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "recording_format.hpp"
#include "recording_test_support.hpp"
#include "sim/io/recording.hpp"
#include "sim/rng.hpp"

using namespace sim;
using sim::io::Recording;

namespace {

/// A small recording: a 1.5 s stop with a little traffic, some 2-3 KB.
std::string smallRecording(const test::RecordingDir& dir) {
    const auto path = dir / "small.rsr";
    Scenario sc = test::strikeScenario(1.5, 600.0);
    io::runAndRecord(sc, 2, path);
    return test::readBytes(path);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// Opens bytes in memory; if that works, decodes every frame. True if anything was refused.
bool refused(const std::string& bytes, std::string& error) {
    error.clear();
    const auto rec = Recording::fromBytes(bytes, "mutant.rsr", &error);
    if (!rec) return true;
    for (std::size_t k = 0; k < rec->frameCount(); ++k) (void)rec->frame(k);  // must not crash
    (void)rec->frameAt(1.0);
    return !rec->verifyFrames(&error);
}

/// Rewrites the preamble's version and its check, as a writer of that version would.
std::string withVersion(std::string bytes, std::uint16_t major, std::uint16_t minor) {
    bytes[8] = static_cast<char>(major & 0xFF);
    bytes[9] = static_cast<char>(major >> 8);
    bytes[10] = static_cast<char>(minor & 0xFF);
    bytes[11] = static_cast<char>(minor >> 8);
    const std::uint32_t check = io::detail::rec::preambleCheck(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), 12));
    for (int i = 0; i < 4; ++i) bytes[12 + static_cast<std::size_t>(i)] = static_cast<char>(check >> (8 * i));
    return bytes;
}

}  // namespace

TEST_CASE("a recording truncated at any byte gives an error, never a crash", "[recording]") {
    test::RecordingDir dir;
    const std::string bytes = smallRecording(dir);
    REQUIRE(Recording::fromBytes(bytes).has_value());
    INFO("file of " << bytes.size() << " bytes");
    REQUIRE(bytes.size() < 16000);
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        std::string error;
        const auto rec = Recording::fromBytes(bytes.substr(0, n), "cut.rsr", &error);
        INFO("cut at " << n << ": " << error);
        REQUIRE_FALSE(rec.has_value());
        if (n == 0) CHECK(error == "cut.rsr: not a Roadside recording (empty file)");
        else CHECK(contains(error, "cut.rsr: truncated at byte " + std::to_string(n)));
    }
}

TEST_CASE("a recording with any bit flipped is refused at open or at its frame, never crashes", "[recording]") {
    test::RecordingDir dir;
    const std::string bytes = smallRecording(dir);
    std::size_t atOpen = 0, atFrames = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string mutant = bytes;
        mutant[i] = static_cast<char>(mutant[i] ^ (1 << (i % 8)));
        std::string error;
        const auto rec = Recording::fromBytes(mutant, "flip.rsr", &error);
        INFO("bit " << i % 8 << " of byte " << i << ": " << error);
        if (!rec) {
            ++atOpen;
            CHECK(contains(error, "flip.rsr: "));
            continue;
        }
        // Only a frame chunk may pass open(); its frames then fail.
        ++atFrames;
        CHECK_FALSE(rec->verifyFrames(&error));
        CHECK(contains(error, "corrupt chunk"));
        bool someFrameFailed = false;
        for (std::size_t k = 0; k < rec->frameCount(); ++k) someFrameFailed |= !rec->frame(k).has_value();
        CHECK(someFrameFailed);
    }
    CHECK(atOpen > 0);
    CHECK(atFrames > 0);
}

TEST_CASE("random corruption and garbage never crash the reader", "[recording]") {
    test::RecordingDir dir;
    const std::string bytes = smallRecording(dir);
    Rng rng(99);
    std::string error;
    for (int trial = 0; trial < 3000; ++trial) {
        std::string mutant = bytes;
        const int edits = 1 + static_cast<int>(rng.uniform() * 8);
        for (int e = 0; e < edits; ++e) {
            const auto at = static_cast<std::size_t>(rng.uniform() * static_cast<double>(mutant.size()));
            mutant[at] = static_cast<char>(mutant[at] ^ static_cast<char>(1 + rng.next() % 255));  // a real change
        }
        CHECK(refused(mutant, error));
    }
    // Pure garbage behind a valid magic number.
    for (int trial = 0; trial < 300; ++trial) {
        std::string garbage = bytes.substr(0, 16);
        const auto n = static_cast<std::size_t>(rng.uniform() * 400);
        for (std::size_t i = 0; i < n; ++i) garbage += static_cast<char>(rng.uniform() * 256);
        CHECK(refused(garbage, error));
    }
}

TEST_CASE("foreign files are not Roadside recordings", "[recording]") {
    test::RecordingDir dir;
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a", 33);
    const std::string toml = "name = \"freeway-65\"\n\n[run]\nduration = \"10 min\"\n";
    test::writeBytes(dir / "image.png", png);
    test::writeBytes(dir / "empty.rsr", "");
    test::writeBytes(dir / "stop.toml", toml);
    for (const char* name : {"image.png", "empty.rsr", "stop.toml"}) {
        std::string error;
        const auto path = dir / name;
        CHECK_FALSE(Recording::open(path, &error).has_value());
        INFO(error);
        CHECK(contains(error, path.string() + ": not a Roadside recording"));
    }
    std::string error;
    CHECK_FALSE(Recording::open(dir / "missing.rsr", &error).has_value());
    CHECK(contains(error, "missing.rsr: cannot open (No such file or directory)"));
    CHECK_FALSE(Recording::open(dir / ".", &error).has_value());
    CHECK(contains(error, "is a folder"));
}

TEST_CASE("format versions: a newer major version is refused by name, a newer minor one is read", "[recording]") {
    test::RecordingDir dir;
    const std::string bytes = smallRecording(dir);
    std::string error;
    CHECK_FALSE(Recording::fromBytes(withVersion(bytes, 2, 0), "new.rsr", &error).has_value());
    CHECK(error == "new.rsr: written by a newer Roadside (recording format 2.0; this build reads format 1.x)");
    CHECK_FALSE(Recording::fromBytes(withVersion(bytes, 0, 3), "old.rsr", &error).has_value());
    CHECK(error == "old.rsr: recording format 0.3 is not supported");
    const auto minor = Recording::fromBytes(withVersion(bytes, 1, 7), "minor.rsr", &error);
    INFO(error);
    REQUIRE(minor.has_value());
    CHECK(minor->header().formatMinorVersion == 7);
    CHECK(minor->verifyFrames());
    // A flipped version byte without a matching check is corruption, not a newer version.
    std::string flipped = bytes;
    flipped[8] = 2;
    CHECK_FALSE(Recording::fromBytes(flipped, "flip.rsr", &error).has_value());
    CHECK(error == "flip.rsr: corrupt header (checksum mismatch)");
}

TEST_CASE("a writer that never finished leaves a file that reads as truncated", "[recording]") {
    test::RecordingDir dir;
    const Scenario sc = test::strikeScenario(3.0);
    {
        World world(sc, 1);
        io::RecordingWriter writer(dir / "unfinished.rsr", sc, 1);
        writer.observe(world);
        for (int i = 0; i < 50; ++i) {
            world.step();
            writer.observe(world);
        }
    }  // no finish()
    std::string error;
    CHECK_FALSE(Recording::open(dir / "unfinished.rsr", &error).has_value());
    CHECK(contains(error, "no index at the end: the run did not finish, or the file was cut"));
    // Extra bytes after a finished recording are not ignored either.
    const std::string bytes = smallRecording(dir);
    CHECK_FALSE(Recording::fromBytes(bytes + "x", "long.rsr", &error).has_value());
}
