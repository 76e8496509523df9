// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "batch/importance.hpp"
#include "commands.hpp"
#include "load_or_report.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"
#include "sim/world.hpp"

namespace batch {
namespace {

/// The tuned proposal of the point a sweep wrote as `pointFile` (DIR/points/<id>.toml), from the
/// sweep's importance.json; an error message instead when there is none.
std::optional<sim::ImportanceSampling> pointProposal(const std::string& importanceFile, const std::string& pointFile,
                                                     std::string& error) {
    const std::string id = std::filesystem::path(pointFile).stem().string();
    std::ifstream in(importanceFile);
    if (!in) {
        error = importanceFile + ": cannot read it";
        return std::nullopt;
    }
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        for (const nlohmann::json& point : j.at("points"))
            if (point.at("id").get<std::string>() == id) return proposalFromJson(point.at("proposal"));
        error = importanceFile + ": no point \"" + id + "\" (the point is named by the scenario file, DIR/points/<point>.toml)";
    } catch (const std::exception& e) {
        error = importanceFile + ": not an importance.json a sweep wrote (" + e.what() + ")";
    }
    return std::nullopt;
}

}  // namespace

void addRunCommand(CLI::App& app, int& exitCode) {
    struct Options {
        std::string scenario;
        std::vector<std::string> set;
        std::optional<std::uint64_t> seed;
        bool pretty = false;
        std::string record;
        double frameRate = sim::io::kDefaultFrameRate;
        std::string proposal;
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
    cmd->add_option("--proposal", opt->proposal,
                    "An importance-sampled sweep's DIR/importance.json: run the point DIR/points/<point>.toml as the sweep "
                    "ran it, with its tuned proposal (the outcome then has the row's log_weight)");
    cmd->callback([opt, &exitCode] {
        const auto overrides = overridesOrReport(opt->set, "roadside-batch run");
        if (!overrides) {
            exitCode = kInvalidInput;
            return;
        }
        std::optional<sim::Scenario> sc = loadOrReport(opt->scenario, *overrides);
        if (!sc) {
            exitCode = kInvalidInput;
            return;
        }
        if (!opt->proposal.empty()) {
            std::string error;
            const std::optional<sim::ImportanceSampling> proposal = pointProposal(opt->proposal, opt->scenario, error);
            if (!proposal) {
                std::cerr << "roadside-batch run: --proposal " << error << "\n";
                exitCode = kInvalidInput;
                return;
            }
            sc->importance = *proposal;
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
