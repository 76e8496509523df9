// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <string>

#include "sim/io/outcome_json.hpp"
#include "sim/world.hpp"
#include "world/stop_fixture.hpp"

TEST_CASE("outcome JSON has the documented field names and reads back to the same text", "[io]") {
    test::StopOptions o;
    o.patrol = false;
    sim::Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(test::driftingCar(25.0, -2.0, -20.0));
    const std::string json = sim::io::outcomeToJson(sim::run(sc, 1));
    for (const char* field : {"\"scenario\"", "\"seed\"", "\"status\"", "\"simulated_s\"", "\"vehicles_passed\"",
                              "\"vehicle_updates\"", "\"struck\"", "\"strikes\"", "\"t\"", "\"person\"", "\"by\"",
                              "\"via\"", "\"impact_speed_mps\"", "\"p_severe\"", "\"p_fatal\"", "\"collisions\"",
                              "\"people\"", "\"exposure_s\"", "\"min_clearance_m\"", "\"close_passes_lt_1m\"",
                              "\"close_passes_lt_2m\"", "\"min_ttc_s\"", "\"shoulder_intrusions\"", "\"move_over_rate\"",
                              "\"slow_down_rate\"", "\"adjacent_lane_mean_speed_mps\"", "\"ended\"", "\"measured_until_s\"",
                              "\"unit_struck\"", "\"unit_struck_s\"", "\"contact\"", "\"injury_speed_mps\"", "\"injury_model\""})
        CHECK(json.find(field) != std::string::npos);
    CHECK(json.find("\"struck\":true") != std::string::npos);
    const auto back = sim::io::outcomeFromJson(json);
    REQUIRE(back.has_value());
    CHECK(sim::io::outcomeToJson(*back) == json);
}

TEST_CASE("outcome JSON that is not ours is refused, never undefined", "[io]") {
    std::string error;
    CHECK_FALSE(sim::io::outcomeFromJson("{}", &error).has_value());
    CHECK_FALSE(error.empty());
    CHECK_FALSE(sim::io::outcomeFromJson("not json").has_value());
    // An integer field holding a huge float would be undefined behaviour if converted.
    test::StopOptions o;
    std::string json = sim::io::outcomeToJson(sim::run(test::stopScenario(o), 1));
    const auto at = json.find("\"vehicles_passed\":");
    json.replace(at, json.find(',', at) - at, "\"vehicles_passed\":1e300");
    CHECK_FALSE(sim::io::outcomeFromJson(json, &error).has_value());
}
