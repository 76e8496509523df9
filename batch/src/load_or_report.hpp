// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <iostream>
#include <optional>
#include <span>
#include <string>

#include "sim/io/scenario_loader.hpp"

namespace batch {

/// Loads a scenario (with overrides applied, as a sweep point would); on failure prints every
/// diagnostic to stderr and returns nullopt.
inline std::optional<sim::Scenario> loadOrReport(const std::string& path, std::span<const sim::io::Override> overrides = {}) {
    sim::io::LoadResult r = sim::io::loadScenarioFile(path, overrides);
    for (const sim::io::Diagnostic& d : r.errors) std::cerr << d.message() << "\n";
    return std::move(r.scenario);
}

}  // namespace batch
