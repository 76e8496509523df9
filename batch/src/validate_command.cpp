// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <iostream>
#include <memory>
#include <vector>

#include "commands.hpp"
#include "load_or_report.hpp"

namespace batch {

void addValidateCommand(CLI::App& app, int& exitCode) {
    auto files = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("validate", "Check scenario files; report every error with its location");
    cmd->add_option("files", *files, "Files to check")->required();
    cmd->callback([files, &exitCode] {
        int bad = 0;
        for (const std::string& f : *files) {
            if (loadOrReport(f)) std::cout << f << ": ok\n";
            else ++bad;
        }
        exitCode = bad == 0 ? kOk : kInvalidInput;
    });
}

}  // namespace batch
