// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"
#include "sim/world.hpp"

namespace batch {

void addRunCommand(CLI::App& app, int& exitCode) {
    struct Options {
        std::string scenario;
        std::vector<std::string> set;
        std::optional<std::uint64_t> seed;
        bool pretty = false;
        std::string record;
        double frameRate = sim::io::kDefaultFrameRate;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("run", "Run one scenario and print its outcome as JSON on stdout");
    cmd->add_option("scenario", opt->scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--seed", opt->seed, "Random seed (default: the scenario's run.seed)");
    cmd->add_option("--set", opt->set, "KEY=VALUE: change the scenario before running it, e.g. --set units.patrol.offset='\"6 ft\"'")
        ->allow_extra_args(false);
    cmd->add_flag("--pretty", opt->pretty, "Indent the JSON");
    cmd->add_option("--record", opt->record, "Also write a replay of the run to this file (.rsr) for roadside-viz");
    cmd->add_option("--fps", opt->frameRate, "Frames per simulated second in the replay")->check(CLI::Range(1.0, 120.0));
    cmd->callback([opt, &exitCode] {
        const auto overrides = overridesOrReport(opt->set, "roadside-batch run");
        if (!overrides) {
            exitCode = kInvalidInput;
            return;
        }
        const std::optional<sim::Scenario> sc = loadOrReport(opt->scenario, *overrides);
        if (!sc) {
            exitCode = kInvalidInput;
            return;
        }
        const std::uint64_t seed = opt->seed.value_or(sc->run.seed);
        const sim::Outcome outcome = opt->record.empty()
                                         ? sim::run(*sc, seed)
                                         : sim::io::runAndRecord(*sc, seed, opt->record, opt->frameRate);
        std::cout << sim::io::outcomeToJson(outcome, opt->pretty ? 2 : -1) << "\n";
        if (!opt->record.empty()) std::cerr << "replay written to " << opt->record << "\n";
        exitCode = kOk;
    });
}

}  // namespace batch
