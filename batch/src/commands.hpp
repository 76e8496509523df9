// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

/// The subcommands of roadside-batch. Each add*Command registers its options and a callback
/// that sets the process exit code: 0 success, 2 invalid input, 1 internal error, 130 a sweep
/// interrupted (Ctrl-C, SIGTERM) and resumable.
namespace batch {

enum ExitCode : int { kOk = 0, kInternalError = 1, kInvalidInput = 2, kInterrupted = 130 };

/// A check for a count of at least 1 that says so in words: "--threads: expected a whole number
/// of at least 1, e.g. --threads 2; found 0" (CLI11's own range check prints a range of doubles).
inline CLI::Validator atLeastOne(const std::string& example) {
    return CLI::Validator(
        [example](std::string& text) -> std::string {
            long long n = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec == std::errc() && end == text.data() + text.size() && n >= 1) return {};
            return "expected a whole number of at least 1, e.g. " + example + "; found " + text;
        },
        "N >= 1");
}

/// The same for a real number strictly between `low` and `high` (a share, a relative error):
/// "--rel-error: expected a number above 0 and below 1, e.g. --rel-error 0.2; found 0".
inline CLI::Validator between(double low, double high, const std::string& example) {
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            char* end = nullptr;
            const double x = std::strtod(text.c_str(), &end);
            if (end != text.c_str() && *end == '\0' && x > low && x < high) return {};
            return "expected a number above " + CLI::detail::to_string(low) + " and below " + CLI::detail::to_string(high) + ", e.g. " +
                   example + "; found " + text;
        },
        "NUMBER");
}

void addRunCommand(CLI::App& app, int& exitCode);
void addValidateCommand(CLI::App& app, int& exitCode);
void addBenchCommand(CLI::App& app, int& exitCode);
void addEstimateCommand(CLI::App& app, int& exitCode);
/// `commandLine` is read when the command runs (after parsing), for the manifest.
void addSweepCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine);
void addMergeCommand(CLI::App& app, int& exitCode, const std::vector<std::string>& commandLine);

}  // namespace batch
