// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/world.hpp"

namespace batch {

void addRunCommand(CLI::App& app, int& exitCode) {
    struct Options {
        std::string scenario;
        std::optional<std::uint64_t> seed;
        bool pretty = false;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("run", "Run one scenario and print its outcome as JSON on stdout");
    cmd->add_option("scenario", opt->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--seed", opt->seed, "Random seed (default: the scenario's run.seed)");
    cmd->add_flag("--pretty", opt->pretty, "Indent the JSON");
    cmd->callback([opt, &exitCode] {
        const std::optional<sim::Scenario> sc = loadOrReport(opt->scenario);
        if (!sc) {
            exitCode = kInvalidInput;
            return;
        }
        const sim::Outcome outcome = sim::run(*sc, opt->seed.value_or(sc->run.seed));
        std::cout << sim::io::outcomeToJson(outcome, opt->pretty ? 2 : -1) << "\n";
        exitCode = kOk;
    });
}

}  // namespace batch
