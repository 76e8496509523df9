// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Published visibility figures the visibility model and the condition presets must reproduce:
// Koschmieder, the contrast and Allard's-law tables, the fog classes, night recognition distances
// (references.md#visibility, #case-visibility, #case-night-conspicuity). The first three moved from tests/models/visibility_test.cpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string_view>

#include "sim/models/visibility.hpp"
#include "sim/presets.hpp"

using namespace sim;
using namespace sim::models;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

struct TableRow {
    double visibility;
    double sigma;         ///< 1/m, 4 decimals
    double darkOfficer;   ///< m, whole metres
    double light100Night; ///< m
    double light1000Night;
    double light1000Twilight;  ///< E_T = 1e-4 lx
};
// references.md#visibility, the simulator table [D] (from V = 3.912/sigma and Allard's law).
constexpr TableRow kTable[] = {
    {50, 0.0782, 29, 114, 139, 91},       {100, 0.0391, 59, 200, 248, 154},  {200, 0.0196, 118, 344, 438, 257},
    {500, 0.0078, 294, 685, 908, 481},    {1000, 0.0039, 589, 1119, 1544, 741},
};
}  // namespace

TEST_CASE("Koschmieder visibility V = 3.912/sigma (references.md#visibility, #case-visibility): sigma 0.0391 gives 100 m",
          "[validation]") {
    // 3.912 / 0.0391 = 100.05 m: the reference's "V = 100 m" to its 3-figure sigma.
    CHECK(visibilityFromExtinction(0.0391) == Approx(100.0).epsilon(0.001));
    for (const TableRow& r : kTable) {
        INFO("V " << r.visibility);
        CHECK(extinctionCoefficient(r.visibility) == Approx(r.sigma).margin(0.00005));  // 4 decimals
        CHECK(visibilityFromExtinction(extinctionCoefficient(r.visibility)) == Approx(r.visibility));
    }
    CHECK(extinctionCoefficient(kInf) == 0.0);
    CHECK(std::isinf(visibilityFromExtinction(0.0)));
}

TEST_CASE("Dark-clad officer detection about 0.59 V (references.md#visibility table) to the whole metre", "[validation]") {
    // c0 0.5, eps 0.05: d = ln 10 / sigma = 0.5886 V. The table is rounded to whole metres.
    CHECK(contrastDetectionDistance(1000.0) / 1000.0 == Approx(0.59).margin(0.005));
    for (const TableRow& r : kTable) {
        INFO("V " << r.visibility);
        CHECK(contrastDetectionDistance(r.visibility) == Approx(r.darkOfficer).margin(0.5));
    }
    CHECK(contrastDetectionDistance(100.0, 0.05, 0.05) == 0.0);  // no contrast to lose
    CHECK(contrastDetectionDistance(100.0, -0.5) == Approx(contrastDetectionDistance(100.0, 0.5)));  // |c0|
    CHECK(std::isinf(contrastDetectionDistance(kInf)));
}

TEST_CASE("Allard's law light detection distance, references.md#visibility table within 0.5 %", "[validation]") {
    // The table rounds to whole metres from a 3-figure sigma; 0.5 % covers both (at V = 50 m one
    // metre is 0.7 %-1 % of the distance, but the rounding there is below 0.3 %).
    for (const TableRow& r : kTable) {
        INFO("V " << r.visibility);
        CHECK(lightDetectionDistance(100.0, r.visibility, 1e-6) == Approx(r.light100Night).epsilon(0.005));
        CHECK(lightDetectionDistance(1000.0, r.visibility, 1e-6) == Approx(r.light1000Night).epsilon(0.005));
        CHECK(lightDetectionDistance(1000.0, r.visibility, 1e-4) == Approx(r.light1000Twilight).epsilon(0.005));
    }
    // The brief's three headline figures at V = 100 m.
    CHECK(lightDetectionDistance(100.0, 100.0, 1e-6) == Approx(200.0).epsilon(0.005));
    CHECK(lightDetectionDistance(1000.0, 100.0, 1e-6) == Approx(248.0).epsilon(0.005));
    CHECK(lightDetectionDistance(1000.0, 100.0, 1e-4) == Approx(154.0).epsilon(0.005));
}

TEST_CASE("UK Met Office fog classes (thick fog under 200 m, dense under 50 m) and NWS dense-fog advisory: the fog presets",
          "[validation]") {
    // references.md#visibility [C] and references.md#case-visibility: thick fog < 200 m, dense fog < 50 m (Met Office, for motorists);
    // NWS dense-fog advisory at <= 1/4 mile (about 400 m); fog < 1000 m. The issue asks for "thick
    // fog (200 m)" and "dense fog (50 m)", so the presets sit on the class limits: tolerance 0 m
    // above each limit.
    const ConditionsPreset* thick = findConditionsPreset("thick-fog");
    const ConditionsPreset* dense = findConditionsPreset("dense-fog");
    REQUIRE(thick);
    REQUIRE(dense);
    CHECK(thick->weather == Weather::Fog);
    CHECK(dense->weather == Weather::Fog);
    CHECK(thick->visibility <= 200.0);
    CHECK(thick->visibility > 50.0);  // thick, not yet dense
    CHECK(dense->visibility <= 50.0);
    CHECK(dense->visibility <= 0.25 * units::kMile);
    for (const ConditionsPreset& p : conditionsPresets())
        if (p.weather == Weather::Fog) CHECK(p.visibility < 1000.0);
}

TEST_CASE("Balk et al. 2008: in low beams a dark-clad person is recognised 30.6 m ahead, a marked one 113.5 m",
          "[validation]") {
    // references.md#visibility [C] and references.md#case-night-conspicuity: mean response distances with low beams: black clothing 30.6 m,
    // full biomotion markings 113.5 m. The core uses 30.6 m for a person on foot on an unlit road at
    // night, and 113.5 m for an unlit parked vehicle (its reflectors standing in for the markings).
    // Tolerance 0.05 m (the published one decimal).
    Environment night;
    night.light = Light::Night;
    CHECK(personRecognitionDistance(night) == Approx(30.6).margin(0.05));
    CHECK(unlitRecognitionCap(Light::Night) == Approx(113.5).margin(0.05));
    CHECK(unlitRecognitionCap(Light::Night) > personRecognitionDistance(night));
    // In thick fog at night the contrast distance (0.59 V) is shorter still.
    night.visibility = 40.0;
    CHECK(personRecognitionDistance(night) == Approx(contrastDetectionDistance(40.0)));
    CHECK(personRecognitionDistance(night) < 30.6);
}
