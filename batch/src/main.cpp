// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "report_command.hpp"
#include "sim/io/text.hpp"

namespace {

/// "unknown option --thread; did you mean --threads?" for each option of the command that was
/// not understood and is close to one it has. Empty when nothing is close.
std::string unknownOptionHints(const CLI::App& app) {
    std::string out;
    for (const CLI::App* command : app.get_subcommands()) {
        std::vector<std::string> names;
        for (const CLI::Option* o : command->get_options())
            for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
        const std::vector<std::string_view> candidates(names.begin(), names.end());
        for (const std::string& word : command->remaining()) {
            if (word.size() < 3 || word.rfind("--", 0) != 0) continue;
            const std::string name = word.substr(0, word.find('='));
            if (const auto match = sim::io::closestMatch(name, candidates))
                out += "roadside-batch " + command->get_name() + ": unknown option " + name + "; did you mean " + std::string(*match) + "?\n";
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"roadside-batch: simulate roadside stops and estimate how likely an officer on foot is struck"};
    app.set_version_flag("--version", std::string("roadside ") + ROADSIDE_VERSION);
    app.require_subcommand(1);
    int exitCode = batch::kOk;
    batch::addRunCommand(app, exitCode);
    batch::addValidateCommand(app, exitCode);
    batch::addBenchCommand(app, exitCode);
    batch::addEstimateCommand(app, exitCode);
    const std::vector<std::string> commandLine(argv, argv + argc);
    batch::addSweepCommand(app, exitCode, commandLine);
    batch::addMergeCommand(app, exitCode, commandLine);
    batch::addReportCommand(app, exitCode);  // docs/results.md (tools/results.sh)
    try {
        app.parse(argc, argv);
    } catch (const CLI::ExtrasError& e) {
        if (const std::string hints = unknownOptionHints(app); !hints.empty()) {
            std::cerr << hints;
            return batch::kInvalidInput;
        }
        return app.exit(e) == 0 ? batch::kOk : batch::kInvalidInput;
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? batch::kOk : batch::kInvalidInput;
    } catch (const std::exception& e) {
        std::cerr << "roadside-batch: internal error: " << e.what() << "\n";
        return batch::kInternalError;
    }
    return exitCode;
}
