// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// libFuzzer harness for the scenario loader: any input must give a Scenario or diagnostics,
// never a crash, a leak, a hang or an exception. The input is a scenario, optionally followed by
// a line "%%" and overrides, one per line: "<key path> <TOML value>" (how a sweep varies a
// scenario). Beyond the sanitizers it checks the loader's contracts, aborting (a finding) when
// one breaks:
//  - a Scenario exactly when there are no errors;
//  - no "internal error" diagnostic (an exception escaping the pipeline);
//  - the flat sourceText of a loaded Scenario loads again, to the same text.
#include <cstdint>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sim/io/scenario_loader.hpp"

namespace {

[[noreturn]] void broken(const char* contract, const sim::io::LoadResult& result) {
    std::fprintf(stderr, "contract broken: %s\n%s", contract, sim::io::formatDiagnostics(result.errors).c_str());
    std::abort();
}

/// "path value" lines after the "%%" separator, each located at its line of the input.
std::vector<sim::io::Override> overridesIn(std::string_view lines, int firstLine) {
    std::vector<sim::io::Override> overrides;
    int line = firstLine;
    while (!lines.empty()) {
        const std::size_t end = std::min(lines.find('\n'), lines.size());
        const std::string_view entry = lines.substr(0, end);
        const std::size_t space = entry.find(' ');
        if (space != std::string_view::npos)
            overrides.push_back({std::string(entry.substr(0, space)), std::string(entry.substr(space + 1)), {"sweep.toml", line, 1}});
        lines.remove_prefix(std::min(end + 1, lines.size()));
        ++line;
    }
    return overrides;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t separator = input.find("\n%%\n");
    const std::string_view text = input.substr(0, separator);
    const std::vector<sim::io::Override> overrides =
        separator == std::string_view::npos ? std::vector<sim::io::Override>{} : overridesIn(input.substr(separator + 4), 1);
    const sim::io::LoadResult result = sim::io::loadScenarioText(text, "fuzz.toml", overrides);
    if (result.scenario.has_value() == !result.errors.empty()) broken("a scenario exactly when there are no errors", result);
    for (const sim::io::Diagnostic& d : result.errors)
        if (d.found.rfind("internal error", 0) == 0) broken("no internal errors", result);
    if (!result.scenario) return 0;

    const sim::io::LoadResult again = sim::io::loadScenarioText(result.scenario->sourceText, "fuzz.toml");
    if (!again.ok()) broken("sourceText loads again", again);
    if (again.scenario->sourceText != result.scenario->sourceText) broken("sourceText is stable", again);
    return 0;
}
