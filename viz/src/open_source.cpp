// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/open_source.hpp"

#include <fstream>

#include "viz/live_source.hpp"

namespace viz {

bool looksLikeRecording(const std::filesystem::path& path) {
    if (path.extension() == ".rsr") return true;
    // A scenario is text; a recording is binary from its first bytes. A NUL or a byte that TOML
    // never starts with in the first bytes means "not a scenario".
    std::ifstream in(path, std::ios::binary);
    char head[8] = {};
    in.read(head, sizeof head);
    for (std::streamsize i = 0; i < in.gcount(); ++i)
        if (head[i] == '\0') return true;
    return false;
}

OpenResult openScenarioText(const std::string& text, const std::string& fileName,
                            std::span<const sim::io::Override> overrides, std::uint64_t seed, std::string label) {
    sim::io::LoadResult loaded = sim::io::loadScenarioText(text, fileName, overrides);
    if (!loaded.ok()) return {nullptr, sim::io::formatDiagnostics(loaded.errors)};
    if (label.empty()) label = loaded.scenario->name;
    return {std::make_unique<LiveSource>(std::move(*loaded.scenario), seed, std::move(label)), {}};
}

OpenResult openScenario(const std::filesystem::path& path, std::span<const sim::io::Override> overrides,
                        std::optional<std::uint64_t> seed, std::string label) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return {nullptr, path.string() + ": no such file"};
    sim::io::LoadResult loaded = sim::io::loadScenarioFile(path, overrides);
    if (!loaded.ok()) return {nullptr, sim::io::formatDiagnostics(loaded.errors)};
    const std::uint64_t runSeed = seed.value_or(loaded.scenario->run.seed);
    if (label.empty()) label = loaded.scenario->name;
    return {std::make_unique<LiveSource>(std::move(*loaded.scenario), runSeed, std::move(label)), {}};
}

ReplayCheck checkReplay(const FrameSource& recording) {
    const sim::Scenario& sc = recording.scenario();
    if (sc.sourceText.empty() || !recording.outcome())
        return {false, "Cannot check: the recording carries no scenario text (it was built in code)."};
    OpenResult live = openScenarioText(sc.sourceText, sc.name + ".toml", {}, recording.seed(), "check");
    if (!live.source) return {false, "The recorded scenario no longer loads: " + live.error};
    FrameSource& run = *live.source;
    while (!run.complete()) run.advance(std::chrono::seconds(10));
    if (run.outcome()->stateHash == recording.outcome()->stateHash)
        return {true, "This build reproduces the recorded run exactly (same final state)."};
    return {false, "This build gives a different run from the same scenario and seed: the recording was made by "
                   "another version; what you see is what that version computed."};
}

}  // namespace viz
