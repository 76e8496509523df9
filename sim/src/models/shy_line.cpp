// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/shy_line.hpp"

#include <array>
#include <utility>

#include "sim/units.hpp"

namespace sim::models {

double shyLineOffset(double v) {
    // (mph, ft) pairs of the AASHTO Roadside Design Guide table [M].
    static constexpr std::array<std::pair<double, double>, 9> kTable{{
        {30, 4.0}, {40, 5.0}, {45, 6.0}, {50, 6.5}, {55, 7.0}, {60, 8.0}, {70, 9.0}, {75, 10.0}, {80, 12.0}}};
    const double mph = v / units::kMph;
    if (mph <= kTable.front().first) return kTable.front().second * units::kFoot;
    for (std::size_t i = 1; i < kTable.size(); ++i) {
        const auto [s1, o1] = kTable[i];
        const auto [s0, o0] = kTable[i - 1];
        if (mph <= s1) return (o0 + (o1 - o0) * (mph - s0) / (s1 - s0)) * units::kFoot;
    }
    return kTable.back().second * units::kFoot;
}

}  // namespace sim::models
