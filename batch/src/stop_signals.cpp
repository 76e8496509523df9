// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "stop_signals.hpp"

#include <unistd.h>

namespace batch {

std::atomic<bool> interruptRequested{false};

namespace {

volatile std::sig_atomic_t signalsSeen = 0;
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void onStopSignal(int signal) {
    if (signalsSeen != 0) {
        std::signal(signal, SIG_DFL);
        std::raise(signal);
        return;
    }
    signalsSeen = 1;
    interruptRequested.store(true);
    static const char message[] = "\nroadside-batch: stopping: finishing the runs in flight (press Ctrl-C again to abort)\n";
    [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
}

}  // namespace

StopSignals::StopSignals() {
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previousInt_);
    sigaction(SIGTERM, &action, &previousTerm_);
}

StopSignals::~StopSignals() {
    sigaction(SIGINT, &previousInt_, nullptr);
    sigaction(SIGTERM, &previousTerm_, nullptr);
}

}  // namespace batch
