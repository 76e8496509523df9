// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <atomic>
#include <csignal>

/// Ctrl-C and SIGTERM for the long commands (sweep, estimate): the first signal asks the command
/// to stop issuing runs (it finishes those in flight and writes what it has); a second one ends
/// the process at once.
namespace batch {

/// Set by the first SIGINT/SIGTERM while a StopSignals is alive.
extern std::atomic<bool> interruptRequested;

/// Installs the handler for its lifetime.
class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

private:
    struct sigaction previousInt_ = {};
    struct sigaction previousTerm_ = {};
};

}  // namespace batch
