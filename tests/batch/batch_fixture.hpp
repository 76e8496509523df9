// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "batch/runner.hpp"
#include "batch/sweep.hpp"

/// Helpers of the [batch] tests: a scratch folder with a short stop scenario and overlays, sweeps
/// written inline, and byte-for-byte comparison of results folders.
namespace test {

namespace fs = std::filesystem;

/// A fresh folder under the system's temporary folder, removed at the end of the test.
class ScratchDir {
public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("roadside-batch-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

inline void writeFile(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

inline std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A 40-second stop on a short road, with frequent eyes-off episodes so that some runs have
/// strikes and collisions: cheap enough to run a few hundred times in a test.
inline const char* kMiniStop = R"(name = "mini-stop"
[run]
duration = "40 s"
[road]
upstream_length = 500
downstream_length = 100
[traffic]
flow = "1500 veh/h"
[drivers.attention]
# A stress stop for the batch machinery, not a calibration: frequent lapses (drivers who drift and
# do not correct), so that 48 short runs hold strikes and collisions.
episode_rate = "400 /h"
lapse = { rate = "400 /h" }
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = "-5 ft"
lights = "hazards"
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
lights = "emergency"
[people.officer-1]
script = [{ at = "driver-door", dwell = "2 s" }, { at = "window", dwell = "20 s" }, { at = "inside" }]
)";

/// Writes stops/mini.toml and two overlays (tactics/angled.toml, tactics/blocker.toml) into dir.
inline void writeScenarios(const fs::path& dir) {
    writeFile(dir / "stops" / "mini.toml", kMiniStop);
    writeFile(dir / "tactics" / "angled.toml", "[units.patrol]\nheading = \"15 deg\"\nwheel_angle = \"30 deg\"\n");
    writeFile(dir / "tactics" / "blocker.toml",
              "[units.blocker]\nkind = \"fire-engine\"\nrole = \"blocker\"\nbehind = \"patrol\"\ngap = \"50 ft\"\nd = \"-4 ft\"\n");
}

/// A sweep of 2 tactics x 2 blockers x 2 offsets = 8 points, with a baseline.
inline const char* kGridSweep = R"(name = "grid"
base = "../stops/mini.toml"
replicates = 6
seed = 7
baseline = { tactic = "in-line", blocker = "none" }

[[axes]]
name = "tactic"
values = [
  { label = "in-line" },
  { label = "angled", include = ["../tactics/angled.toml"], set = { "units.patrol.gap" = "15 ft" } },
]

[[axes]]
name = "blocker"
values = [{ label = "none" }, { label = "engine", include = ["../tactics/blocker.toml"] }]

[[axes]]
key = "units.patrol.offset"
values = ["0 ft", "2 ft"]
)";

inline batch::Sweep loadOrFail(const fs::path& file, batch::SweepOptions options = {}) {
    batch::SweepLoad load = batch::loadSweepFile(file, options);
    if (!load.ok()) throw std::runtime_error(sim::io::formatDiagnostics(load.errors));
    return std::move(*load.sweep);
}

inline batch::RunReport runInto(const batch::Sweep& sweep, const fs::path& out, int threads, batch::Shard shard = {},
                                bool resume = false, std::optional<std::size_t> stopAfter = std::nullopt) {
    batch::RunOptions options;
    options.out = out;
    options.threads = threads;
    options.shard = shard;
    options.resume = resume;
    options.stopAfter = stopAfter;
    return batch::runSweep(sweep, options);
}

/// Every file of a results folder, by relative path, except the manifest, which is reduced to its
/// "sweep" member (the rest says how and when the folder was made: threads, times, command).
std::map<std::string, std::string> outputs(const fs::path& dir);

}  // namespace test
