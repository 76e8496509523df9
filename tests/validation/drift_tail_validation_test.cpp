// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The tail of unintentional drift (calibration §12.3): how far edge-line crossings go.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>

#include "drift_tail.hpp"
#include "sim/scenario.hpp"

using namespace sim;

namespace {

/// Free driving, no scene: the default road and traffic, `minutes` long.
Scenario freeRoad(double minutes) {
    Scenario sc;
    sc.run.duration = minutes * 60.0;
    return sc;
}

}  // namespace

TEST_CASE("drift tail: crossing rate and excursion shares, printed for calibration", "[.calibration]") {
    const double minutes = 60.0;
    const auto seeds = static_cast<std::uint64_t>(std::getenv("SEEDS") ? std::atoi(std::getenv("SEEDS")) : 4);
    for (const bool lapses : {false, true}) {
        Scenario sc = freeRoad(minutes);
        // Lapses alone, at 200x their rate: their tail per crossing, divided back by 200.
        const double scale = 200.0;
        if (lapses) {
            sc.drivers.attention.episodeRate = 0.0;
            sc.drivers.attention.lapse.rate *= scale;
            sc.drivers.drowsy.lapseRate *= scale;
            sc.drivers.impaired.lapseRate *= scale;
        }
        std::vector<double> depths;
        double hours = 0.0;
        for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
            const test::CrossingSample s = test::rightEdgeCrossings(sc, seed);
            depths.insert(depths.end(), s.depths.begin(), s.depths.end());
            hours += s.vehicleHours;
        }
        std::printf("%s: %zu right-edge crossings in %.1f veh-h = %.3f /veh-h%s\n", lapses ? "lapses x200" : "ordinary",
                    depths.size(), hours, static_cast<double>(depths.size()) / hours, lapses ? " (x1/200)" : "");
        for (const double d : {0.1, 0.3, 0.6, 1.0, 2.0, 3.0})
            std::printf("  > %.1f m: %zu (%.4g of crossings)\n", d,
                        static_cast<std::size_t>(test::shareBeyond(depths, d) * static_cast<double>(depths.size()) + 0.5),
                        test::shareBeyond(depths, d));
    }
}
