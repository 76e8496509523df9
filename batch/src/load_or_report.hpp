// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <iostream>
#include <optional>
#include <string>

#include "sim/io/scenario_loader.hpp"

namespace batch {

/// Loads a scenario; prints its notes (how values were read) and, on failure, every error to
/// stderr, and returns nullopt then.
inline std::optional<sim::Scenario> loadOrReport(const std::string& path) {
    sim::io::LoadResult r = sim::io::loadScenarioFile(path);
    for (const sim::io::Diagnostic& d : r.notes) std::cerr << d.message() << "\n";
    for (const sim::io::Diagnostic& d : r.errors) std::cerr << d.message() << "\n";
    return std::move(r.scenario);
}

}  // namespace batch
