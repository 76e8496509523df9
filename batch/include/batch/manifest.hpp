// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "batch/layout.hpp"
#include "batch/sweep.hpp"

/// manifest.json: the provenance of a results folder (docs/batch.md, "manifest.json"). Its
/// "sweep" member is a pure function of the sweep (identical for any thread count, after a resume
/// and after a merge); the other members say how and when this folder was produced.
namespace batch {

/// The "tool" member: name, version, the commit of the build (`git describe --always --dirty`),
/// compiler and CMake build type.
nlohmann::json toolJson();

/// The "sweep" member: the sweep file's text, the resolved base scenario and overlays with their
/// hashes, the axes, and every point (id, file, hash, axis values, baseline).
nlohmann::json sweepJson(const Sweep& sweep);

/// The layout stored in a "sweep" member. Throws std::runtime_error when it is malformed.
Layout layoutFromJson(const nlohmann::json& sweepMember);

/// Reads a manifest. Throws std::runtime_error when it is missing or not JSON.
nlohmann::json readManifest(const std::filesystem::path& file);

/// Writes a file through a temporary and a rename, so that readers never see half of it.
void writeFileAtomically(const std::filesystem::path& file, std::string_view text);

/// Now, UTC, "2024-05-01T12:34:56Z".
std::string utcNow();

}  // namespace batch
