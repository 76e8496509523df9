// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The tail of unintentional drift (references.md#drift-tail): how far edge-line crossings go.
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
        const double scale = std::getenv("SCALE") ? std::atof(std::getenv("SCALE")) : 200.0;
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
        std::printf("%s x%g: %zu right-edge crossings in %.1f veh-h = %.3f /veh-h\n", lapses ? "lapses" : "ordinary",
                    lapses ? scale : 1.0, depths.size(), hours, static_cast<double>(depths.size()) / hours);
        for (const double d : {0.1, 0.3, 0.6, 1.0, 2.0, 3.0})
            std::printf("  > %.1f m: %zu (%.4g of crossings)\n", d,
                        static_cast<std::size_t>(test::shareBeyond(depths, d) * static_cast<double>(depths.size()) + 0.5),
                        test::shareBeyond(depths, d));
    }
}

namespace {

/// The excursion tail of the calibrated model per unintentional right-edge crossing: the share
/// of crossings whose outline goes more than d beyond the line. Deep crossings are too rare to
/// count on the nominal model, so each kind is counted where it is made frequent and weighed
/// back: ordinary eyes-off drifts on a run with `kEpisodeScale` times their rate, lapses on a run
/// in which every driver is drowsy and lapses `lapsesPerHour` times an hour (both divided by
/// how many times the nominal hazard that is). Shallow ones (<= 0.3 m, where lane-keeping wander
/// counts too) are counted on the nominal model itself, which also gives the crossing rate.
struct Tail {
    static constexpr double kEpisodeScale = 10.0;
    std::vector<double> nominal, episodes, lapses;  ///< depths of each run's crossings
    double nominalHours = 0.0, episodeHours = 0.0, lapseHours = 0.0;
    double lapseScale = 1.0;  ///< lapse hazard of the lapse run / the nominal one
    double crossingsPerHour() const { return static_cast<double>(nominal.size()) / nominalHours; }
    static double count(const std::vector<double>& v, double d) {
        return static_cast<double>(std::count_if(v.begin(), v.end(), [d](double x) { return x > d; }));
    }
    /// P(> d | a crossing).
    double beyond(double d) const {
        const double perHour = d <= 0.3 ? count(nominal, d) / nominalHours
                                        : count(episodes, d) / episodeHours / kEpisodeScale + count(lapses, d) / lapseHours / lapseScale;
        return perHour / crossingsPerHour();
    }
};

void addRuns(const Scenario& sc, std::uint64_t firstSeed, std::uint64_t seeds, std::vector<double>& depths, double& hours) {
    for (std::uint64_t seed = firstSeed; seed < firstSeed + seeds; ++seed) {
        const test::CrossingSample s = test::rightEdgeCrossings(sc, seed);
        depths.insert(depths.end(), s.depths.begin(), s.depths.end());
        hours += s.vehicleHours;
    }
}

Tail measureTail(std::uint64_t seeds, double minutes, double lapsesPerHour) {
    Tail t;
    addRuns(freeRoad(minutes), 1, seeds, t.nominal, t.nominalHours);
    Scenario ep = freeRoad(minutes);
    ep.drivers.attention.episodeRate *= Tail::kEpisodeScale;
    addRuns(ep, 1001, seeds, t.episodes, t.episodeHours);
    Scenario sc = freeRoad(minutes);
    const Drivers& d = sc.drivers;
    const double alert = 1.0 - d.drowsy.share - d.impaired.share;
    const double nominal = alert * d.attention.lapse.rate + d.drowsy.share * d.drowsy.lapseRate + d.impaired.share * d.impaired.lapseRate;
    sc.drivers.attention.episodeRate = 0.0;  // lapses only
    sc.drivers.drowsy.share = 1.0;
    sc.drivers.impaired.share = 0.0;
    sc.drivers.drowsy.lapseRate = lapsesPerHour / units::kHour;
    t.lapseScale = sc.drivers.drowsy.lapseRate / nominal;
    addRuns(sc, 2001, seeds, t.lapses, t.lapseHours);
    return t;
}

void printTail(const Tail& t) {
    std::printf("%zu crossings in %.1f veh-h (%.3f /veh-h); episodes x%.0f: %zu in %.1f veh-h; lapses x%.0f: %zu in %.1f veh-h\n",
                t.nominal.size(), t.nominalHours, t.crossingsPerHour(), Tail::kEpisodeScale, t.episodes.size(), t.episodeHours,
                t.lapseScale, t.lapses.size(), t.lapseHours);
    for (const double d : {0.3, 0.6, 1.0, 2.0, 3.0})
        std::printf("  > %.1f m: %.3g per crossing (counts: nominal %.0f, episodes %.0f, lapses %.0f)\n", d, t.beyond(d),
                    Tail::count(t.nominal, d), Tail::count(t.episodes, d), Tail::count(t.lapses, d));
}

}  // namespace

TEST_CASE("drift tail: excursion shares per edge-line crossing, printed for calibration", "[.calibration]") {
    const auto seeds = static_cast<std::uint64_t>(std::getenv("SEEDS") ? std::atoi(std::getenv("SEEDS")) : 4);
    const double rate = std::getenv("LAPSES") ? std::atof(std::getenv("LAPSES")) : 5.0;
    printTail(measureTail(seeds, 60.0, rate));
}

TEST_CASE("Calibration 12.3: the excursion tail per edge-line crossing is within one order of magnitude of the targets",
          "[validation][slow]") {
    // references.md#drift-tail [D, each +- one order of magnitude]: P(outer side more than d beyond
    // the edge line | an unintentional crossing) = 0.05-0.3 at 0.3 m (no direct data), 1e-3 at
    // 0.6 m (Kentucky per-pass crash rate), 5e-4 at 1 m, 1-3e-4 at 2 m, 1e-5 at 3 m (encroachment
    // rates). Tolerance: one order of magnitude either side of the value (of the range's ends).
    // 32 one-hour free-road runs of each kind (about a minute of CPU): at 2 m the model sits at the
    // lower edge, 1.1e-5 from about 120 lapse crossings (+-18 %); see docs/model.md, "Absolute risk".
    const Tail t = measureTail(32, 60.0, 5.0);
    printTail(t);
    // Not vacuous: the crossing rate is SHRP2's right-edge share, and each depth was reached.
    REQUIRE(t.nominal.size() > 500);
    REQUIRE(Tail::count(t.lapses, 3.0) >= 10.0);
    struct Target {
        double depth, low, high;
    };
    for (const Target& target : {Target{0.3, 0.05, 0.3}, Target{0.6, 1e-3, 1e-3}, Target{1.0, 5e-4, 5e-4},
                                 Target{2.0, 1e-4, 3e-4}, Target{3.0, 1e-5, 1e-5}}) {
        INFO("beyond " << target.depth << " m: " << t.beyond(target.depth) << " per crossing, target " << target.low << " - "
                       << target.high);
        CHECK(t.beyond(target.depth) >= target.low / 10.0);
        CHECK(t.beyond(target.depth) <= target.high * 10.0);
    }
}
