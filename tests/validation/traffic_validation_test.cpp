// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Published figures about passing traffic that the traffic model must reproduce
// (references.md#move-over, #drift, #traffic-stream, #validation-cases). Each test names its source and states its
// tolerance; the sample sizes are chosen so that sampling error is well inside it. Where the model
// cannot reproduce a figure the test is tagged [!mayfail] and says why, with the model's numbers;
// the tolerance stays the published one.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <vector>

#include "io/io_test_support.hpp"
#include "sim/io/scenario_loader.hpp"

#include "world/driver_traits.hpp"
#include "sim/models/idm.hpp"
#include "sim/world.hpp"
#include "world/stop_fixture.hpp"

using namespace sim;

namespace {

/// Observed Move Over behaviour summed over several runs.
struct Observed {
    int vehicles = 0;
    double movedOver = 0.0, slowed = 0.0, atMandated = 0.0;
    int adjacentPassers = 0;
};

/// AAA's setting: a lit police car (and the car it stopped) on the shoulder of a multi-lane
/// freeway by day, moderate traffic: 3 lanes at 1000 veh/h each.
Observed observeMoveOver() {
    test::StopOptions o;
    o.flowPerLane = 1000.0;
    o.duration = 1800.0;
    o.attention = true;
    Scenario sc = test::stopScenario(o);
    sc.road.lanes = 3;
    sc.traffic.flowPerLane.assign(3, 1000.0 / 3600.0);
    Observed obs;
    // 16 half-hour stops, about 8000 observed vehicles: the share's standard error is then about
    // 0.006, a tenth of AAA's band (3 stops, about 1100, put it at 0.015, and a model at 0.61
    // fell below the band by chance when the random sequences changed).
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        const Outcome out = run(sc, seed);
        obs.vehicles += out.observedVehicles;
        obs.movedOver += out.moveOverRate * out.observedVehicles;
        obs.slowed += out.slowDownRate * out.observedVehicles;
        obs.atMandated += out.mandatedSpeedRate * out.observedVehicles;  // weights approximately by volume
    }
    obs.movedOver /= obs.vehicles;
    obs.slowed /= obs.vehicles;
    obs.atMandated /= obs.vehicles;
    return obs;
}

/// The peak of the IDM's fundamental diagram q(v) = v / (s_e(v) + L), veh/h per lane.
double idmCapacity(double v0, double T) {
    const IdmParams p;
    const models::IdmDriver d = models::makeIdmDriver(v0, p.a, p.b, T, p.s0, p.delta);
    const double length = vehicleSpec(VehicleKind::Sedan).length;
    double best = 0.0;
    for (double v = 0.5; v < 0.999 * v0; v += 0.01) best = std::max(best, v / (models::idmEquilibriumGap(d, v) + length));
    return best * 3600.0;
}

/// Capacity reduction (share) that the drivers' weather adjustment gives.
double capacityLoss(const Environment& env) {
    const double v0 = 65.0 * units::kMph + Traffic{}.speedOffset;
    const detail::WeatherAdjustment w = detail::weatherAdjustment(env);
    return 1.0 - idmCapacity(v0 * w.speedFactor, IdmParams{}.T * w.headwayFactor) / idmCapacity(v0, IdmParams{}.T);
}

}  // namespace

TEST_CASE("AAA 2025: 60-68 % of drivers passing a lit police car move over or slow, moving over dominant",
          "[validation][slow]") {
    // AAA Foundation / Westat 2025: 64 % moved over or slowed (police 66 %, Florida ~68 %), lane
    // changes far more common than slowing. Tolerance: the published 0.60-0.68 band.
    const Observed obs = observeMoveOver();
    REQUIRE(obs.vehicles > 5000);
    CHECK(obs.movedOver + obs.slowed >= 0.60);
    CHECK(obs.movedOver + obs.slowed <= 0.68);
    CHECK(obs.movedOver > obs.slowed);
}

TEST_CASE("Calgary simulator (Mayer, Caird et al.): at most about a fifth slow to the mandated speed",
          "[validation][slow]") {
    // Only 16 % of drivers slowed to the legal 60 km/h. Tolerance: at most 0.20, and not none.
    const Observed obs = observeMoveOver();
    CHECK(obs.atMandated <= 0.20);
    CHECK(obs.atMandated > 0.0);
}

TEST_CASE("SHRP2 (Bareiss et al. 2023): free driving crosses an edge line about 1.3 times per vehicle-hour",
          "[validation][slow]") {
    // 278,415 road departures in 215,993 h = 1.29 per driving-hour. No scene, default traffic.
    // Tolerance +-15 %: the count over ~180 vehicle-hours has a Poisson sd of ~6 %.
    Scenario sc;
    sc.run.duration = 3600.0;
    int crossings = 0;
    double hours = 0.0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const Outcome out = run(sc, seed);
        crossings += out.edgeLineCrossings;
        hours += out.vehicleHours;
    }
    REQUIRE(hours > 100.0);
    CHECK(crossings / hours == Approx(1.29).epsilon(0.15));
}

TEST_CASE("HCM 2010 Exhibit 10-15 and Agarwal et al. 2005: freeway capacity falls in rain, snow and fog",
          "[validation]") {
    // Rain > 0.25 in/h: -14.1 % (HCM average; Agarwal 10-17 %). Snow > 0.5 in/h: -22.4 % (HCM;
    // Agarwal 19-27 %). Visibility under 1/4 mile: -12 % (Agarwal). Tolerance: the published ranges.
    Environment rain, snow, fog;
    rain.weather = Weather::Rain;
    snow.weather = Weather::Snow;
    fog.weather = Weather::Fog;
    fog.visibility = 200.0;
    CHECK(capacityLoss(Environment{}) == Approx(0.0).margin(1e-12));
    CHECK(capacityLoss(rain) >= 0.10);
    CHECK(capacityLoss(rain) <= 0.17);
    CHECK(capacityLoss(snow) >= 0.19);
    CHECK(capacityLoss(snow) <= 0.27);
    CHECK(capacityLoss(fog) == Approx(0.12).margin(0.03));
}

TEST_CASE("Agarwal et al. 2005: operating speeds fall 4-7 % in heavy rain and 10-12 % in low visibility",
          "[validation][slow]") {
    // Mean speed of light free-flowing traffic past the same point, rain or fog vs dry.
    // Tolerance: the published ranges, widened by 1 point for the sampling error of ~250 vehicles.
    auto meanSpeed = [](Environment env) {
        test::StopOptions o;
        o.flowPerLane = 400.0;
        o.duration = 1200.0;
        Scenario sc = test::stopScenario(o);
        sc.units.clear();  // no scene: undisturbed operating speed
        sc.people.clear();
        sc.environment = env;
        double sum = 0.0;
        for (std::uint64_t seed = 1; seed <= 2; ++seed) {
            World w(sc, seed);
            double speeds = 0.0;
            int n = 0;
            while (!w.done()) {
                w.step();
                for (const EntityState& e : w.snapshot().entities)
                    if (e.pose.position.x > 0.0 && e.pose.position.x < 100.0) {
                        speeds += e.speed;
                        ++n;
                    }
            }
            sum += speeds / n;
        }
        return sum / 2.0;
    };
    Environment dry, rain, fog;
    rain.weather = Weather::Rain;
    fog.weather = Weather::Fog;
    fog.visibility = 200.0;
    const double vDry = meanSpeed(dry);
    const double rainDrop = 1.0 - meanSpeed(rain) / vDry;
    const double fogDrop = 1.0 - meanSpeed(fog) / vDry;
    CHECK(rainDrop >= 0.03);
    CHECK(rainDrop <= 0.08);
    CHECK(fogDrop >= 0.09);
    CHECK(fogDrop <= 0.13);
}

TEST_CASE("HCM 2010 Exhibit 10-15: light rain (up to 0.10 in/h) costs about 2 % of freeway capacity",
          "[validation][!mayfail]") {
    // HCM 2010 Ex. 10-15 (references.md#traffic-stream [C]): rain <= 0.10 in/h: -2.01 % (range 1.17-3.43 %);
    // 0.10-0.25 in/h: -7.24 % (5.67-10.10 %). Tolerance: the published ranges.
    // DOCUMENTED GAP: the model's capacity does respond to rain (drivers keep 18 % longer headways,
    // checked against the > 0.25 in/h figures above), but not to its intensity: there is no
    // rain-rate key, and every rain, light or heavy, gets the > 0.25 in/h reduction (-14 %). Light
    // rain is written here as weather = rain with the visibility of 2.5 mm/h (0.1 in/h):
    // sigma = 0.25 R^0.63 /km gives 8.8 km (references.md#visibility [M]); the visibility does not change the
    // headways above 1/4 mile.
    Environment light;
    light.weather = Weather::Rain;
    light.visibility = 8800.0;
    Environment moderate = light;
    moderate.visibility = 5000.0;  // about 5 mm/h (0.2 in/h)
    INFO("light rain capacity loss " << capacityLoss(light) << ", moderate " << capacityLoss(moderate));
    CHECK(capacityLoss(light) >= 0.0117);
    CHECK(capacityLoss(light) <= 0.0343);
    CHECK(capacityLoss(moderate) >= 0.0567);
    CHECK(capacityLoss(moderate) <= 0.1010);
}

TEST_CASE("AAA 2025 on the library's three-lane interstate stop: 60-68 % move over or slow, moving over dominant",
          "[validation][slow][!mayfail]") {
    // The AAA Foundation / Westat 2025 figure again (64 % moved over or slowed, police 66 %, lane
    // changes far more common than slowing; references.md#move-over [C]), now on the scenario library's
    // busiest multi-lane stop, scenarios/stops/interstate-70.toml: 3 lanes at 70 mph, 1100 / 1300 /
    // 1200 veh/h, the rural truck share (20 % tractor-trailers), a lit patrol car on the shoulder by
    // day, the officer in the car. Three 30-minute runs, about 1700 observed vehicles. Tolerance:
    // the published 0.60-0.68 band.
    // DOCUMENTED GAP: at this volume and truck share the model's drivers slow more than they move
    // over (seeds 1-3: about 0.31 moved over and 0.41 slowed, 0.72 in all): drivers who mean to
    // move over and find no gap in lane 2 slow instead 5 s before the scene, and the merging of
    // those who did move over slows lane 2. The calibration of move_over and slow_down was done at
    // 1000 veh/h per lane with the default mix (the test "AAA 2025: 60-68 % ..." above), where the
    // published figure is met. AAA does not report volumes; its camera sites include busy ones.
    std::vector<sim::io::Override> overrides = {{"people.officer.script", "[{ at = \"inside\" }]", {}},
                                                {"run.duration", "\"30 min\"", {}}};
    const Scenario interstate =
        test::loadFileOk(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/stops/interstate-70.toml", overrides);
    double vehicles = 0.0, movedOver = 0.0, slowed = 0.0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const Outcome out = run(interstate, seed);
        vehicles += out.observedVehicles;
        movedOver += out.moveOverRate * out.observedVehicles;
        slowed += out.slowDownRate * out.observedVehicles;
    }
    REQUIRE(vehicles > 1000);
    movedOver /= vehicles;
    slowed /= vehicles;
    INFO("moved over " << movedOver << ", slowed " << slowed << ", of " << vehicles << " vehicles");
    CHECK(movedOver + slowed >= 0.60);
    CHECK(movedOver + slowed <= 0.68);
    CHECK(movedOver > slowed);
}
