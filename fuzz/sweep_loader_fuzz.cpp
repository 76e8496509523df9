// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// libFuzzer harness for the sweep loader (batch/sweep.hpp): any sweep file must give a Sweep or
// diagnostics, never a crash, a leak, a hang or an exception. The input is the sweep file; it
// sits in <scratch>/sweeps/ next to a small base scenario (../stops/base.toml) and two overlays
// (../tactics/angled.toml, ../tactics/blocker.toml), written once at start-up, so that inputs can
// name them the way the library's sweeps name theirs. Points are capped at 64 (every point is a
// scenario load). Beyond the sanitizers it checks the loader's contracts, aborting (a finding)
// when one breaks:
//  - a Sweep exactly when there are no errors, and no "internal error" diagnostic;
//  - every point has one value per axis, within the axis, and a baseline among the points;
//  - what points/<id>.toml holds loads back to the scenario that runs, to the same flat text.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "batch/sweep.hpp"
#include "sim/io/scenario_loader.hpp"

namespace {

namespace fs = std::filesystem;

fs::path scratch;

constexpr const char* kBase = R"(name = "fuzz-stop"
[run]
duration = "20 s"
[road]
upstream_length = "500 m"
downstream_length = "100 m"
[units.violator]
kind = "sedan"
role = "violator"
s = 0
d = "-5 ft"
[units.patrol]
kind = "patrol-suv"
role = "patrol"
behind = "violator"
[people.officer]
script = [{ at = "driver-door", dwell = "2 s" }, { at = "window", dwell = "20 s" }, { at = "inside" }]
)";

void write(const fs::path& file, const char* text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

[[noreturn]] void broken(const char* contract, const std::string& details) {
    std::fprintf(stderr, "contract broken: %s\n%s\n", contract, details.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::string pattern = (fs::temp_directory_path() / "roadside-sweep-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    scratch = pattern;
    write(scratch / "stops/base.toml", kBase);
    write(scratch / "tactics/angled.toml", "[units.patrol]\nheading = \"15 deg\"\nwheel_angle = \"30 deg\"\n");
    write(scratch / "tactics/blocker.toml",
          "[units.blocker]\nkind = \"fire-engine\"\nrole = \"blocker\"\nbehind = \"patrol\"\ngap = \"50 ft\"\n");
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(scratch, ec);
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    batch::SweepOptions options;
    options.maxPoints = 64;
    const batch::SweepLoad load = batch::loadSweepText(text, (scratch / "sweeps/fuzz.toml").string(), options);
    const std::string errors = sim::io::formatDiagnostics(load.errors);
    if (load.sweep.has_value() == !load.errors.empty()) broken("a sweep exactly when there are no errors", errors);
    for (const sim::io::Diagnostic& d : load.errors)
        if (d.found.rfind("internal error", 0) == 0) broken("no internal errors", errors);
    if (!load.sweep) return 0;

    const batch::Sweep& sweep = *load.sweep;
    for (const batch::SweepPoint& p : sweep.points) {
        if (p.values.size() != sweep.axes.size()) broken("one value per axis", p.id);
        for (std::size_t a = 0; a < sweep.axes.size(); ++a)
            if (p.values[a] >= sweep.axes[a].values.size()) broken("values within their axis", p.id);
        if (p.baseline && *p.baseline >= sweep.points.size()) broken("baselines among the points", p.id);
        const sim::io::LoadResult again = sim::io::loadScenarioText(p.scenarioText, "points/" + p.id + ".toml");
        if (!again.ok()) broken("points/<id>.toml loads", sim::io::formatDiagnostics(again.errors));
        if (again.scenario->sourceText != p.scenario.sourceText) broken("points/<id>.toml loads to the scenario that runs", p.id);
    }
    return 0;
}
