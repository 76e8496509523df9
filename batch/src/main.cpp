// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "report_command.hpp"

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
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? batch::kOk : batch::kInvalidInput;
    } catch (const std::exception& e) {
        std::cerr << "roadside-batch: internal error: " << e.what() << "\n";
        return batch::kInternalError;
    }
    return exitCode;
}
