// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <iostream>
#include <optional>
#include <span>
#include <vector>
#include <string>

#include "sim/io/scenario_loader.hpp"

namespace batch {

/// The --set KEY=VALUE options of a command as overrides located on the command line; nullopt
/// after saying on stderr which one is not KEY=VALUE (`command`: "roadside-batch run").
inline std::optional<std::vector<sim::io::Override>> overridesOrReport(const std::vector<std::string>& texts, const std::string& command) {
    std::vector<sim::io::Override> out;
    for (const std::string& text : texts) {
        const auto eq = text.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << command << ": --set " << text << ": expected KEY=VALUE, e.g. --set units.patrol.offset='\"3 ft\"'\n";
            return std::nullopt;
        }
        out.push_back({text.substr(0, eq), text.substr(eq + 1), {"command line (--set)", 0, 0}});
    }
    return out;
}

/// Loads a scenario (with overrides applied, as a sweep point would); prints its notes (how
/// values were read) and, on failure, every error to stderr, and returns nullopt then.
inline std::optional<sim::Scenario> loadOrReport(const std::string& path, std::span<const sim::io::Override> overrides = {}) {
    sim::io::LoadResult r = sim::io::loadScenarioFile(path, overrides);
    for (const sim::io::Diagnostic& d : r.notes) std::cerr << d.message() << "\n";
    for (const sim::io::Diagnostic& d : r.errors) std::cerr << d.message() << "\n";
    return std::move(r.scenario);
}

}  // namespace batch
