// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <CLI/CLI.hpp>

/// The subcommands of roadside-batch. Each add*Command registers its options and a callback
/// that sets the process exit code: 0 success, 2 invalid input, 1 internal error.
namespace batch {

enum ExitCode : int { kOk = 0, kInternalError = 1, kInvalidInput = 2 };

void addRunCommand(CLI::App& app, int& exitCode);
void addValidateCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);

}  // namespace batch
