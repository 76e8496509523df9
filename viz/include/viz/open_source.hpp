// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "sim/io/scenario_loader.hpp"
#include "viz/frame_source.hpp"

/// Opening what the command line names: a recording (.rsr) to replay, or a scenario file to run
/// live. Errors are messages for a person, never exceptions or crashes.
namespace viz {

struct OpenResult {
    std::unique_ptr<FrameSource> source;  ///< set exactly when error is empty
    std::string error;                    ///< one or more lines: what is wrong and where
};

/// True if this build can read recordings (the recording library is linked).
bool recordingSupport();

/// Opens a recording. Its scenario is rebuilt from the scenario text it carries.
OpenResult openRecording(const std::filesystem::path& path);

/// Loads a scenario file with overrides and prepares a live run (nothing is simulated yet:
/// call advance() or runToEnd() on the live source). Seed: `seed`, else the scenario's run.seed.
OpenResult openScenario(const std::filesystem::path& path, std::span<const sim::io::Override> overrides,
                        std::optional<std::uint64_t> seed, std::string label = {});

/// A live run of a scenario given as text (a scenario copy edited by the live controls).
OpenResult openScenarioText(const std::string& text, const std::string& fileName,
                            std::span<const sim::io::Override> overrides, std::uint64_t seed, std::string label);

/// Re-simulates a recorded run from its scenario text and seed with this build and compares the
/// outcome's state hash with the recorded one (design.md#recordings): a one-line verdict for people, and
/// whether they agree.
struct ReplayCheck {
    bool agrees = false;
    std::string message;
};
ReplayCheck checkReplay(const FrameSource& recording);

/// A recording if the file starts like one or is named *.rsr, else a scenario file.
bool looksLikeRecording(const std::filesystem::path& path);

}  // namespace viz
