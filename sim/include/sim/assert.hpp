// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdio>
#include <cstdlib>

/// SIM_ASSERT(condition, message): a programming error inside sim/ (never bad input: the loader
/// reports that as Diagnostics). Stays on in release builds, as Box2D's B2_ENABLE_ASSERT does:
/// a broken invariant in a Monte Carlo sweep must stop it, not silently bias it.
#define SIM_ASSERT(condition, message)                                                              \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "%s:%d: SIM_ASSERT(%s) failed: %s\n", __FILE__, __LINE__, #condition, \
                         message);                                                                  \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)
