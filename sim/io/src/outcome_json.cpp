// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/io/outcome_json.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sim::io {

namespace {

using Json = nlohmann::ordered_json;

/// x rounded to `scale` steps per unit (dividing by an exact power of ten prints cleanly).
double rounded(double x, double scale) { return std::round(x * scale) / scale; }
double seconds(double x) { return rounded(x, 1e3); }
double metres(double x) { return rounded(x, 1e4); }
double share(double x) { return rounded(x, 1e6); }

/// A "no value" sentinel (nothing passed, no conflict) is null in JSON, not 1e9.
Json orNull(double x, double (*round)(double)) { return x >= 1e8 ? Json(nullptr) : Json(round(x)); }

std::string hex(std::uint64_t x) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
    return buf;
}

}  // namespace

std::string outcomeToJson(const Outcome& o, int indent) {
    Json j;
    j["scenario"] = o.scenario;
    j["seed"] = o.seed;
    j["status"] = std::string(name(o.status));
    j["simulated_s"] = seconds(o.simulated);
    j["vehicles_passed"] = o.vehiclesPassed;
    j["vehicle_updates"] = o.vehicleUpdates;
    j["struck"] = o.struck;
    j["strikes"] = Json::array();
    for (const Strike& s : o.strikes)
        j["strikes"].push_back({{"t", seconds(s.time)}, {"person", s.person}, {"by", s.by},
                                {"via", std::string(name(s.via))}, {"impact_speed_mps", metres(s.impactSpeed)},
                                {"p_severe", share(s.pSevere)}, {"p_fatal", share(s.pFatal)}});
    j["collisions"] = Json::array();
    for (const Collision& c : o.collisions)
        j["collisions"].push_back(
            {{"t", seconds(c.time)}, {"a", c.a}, {"b", c.b}, {"closing_speed_mps", metres(c.closingSpeed)}});
    j["people"] = Json::array();
    for (const PersonOutcome& p : o.people)
        j["people"].push_back({{"id", p.id}, {"exposure_s", seconds(p.exposure)},
                               {"min_clearance_m", orNull(p.minClearance, metres)},
                               {"close_passes_lt_1m", p.closePassesLt1m}, {"close_passes_lt_2m", p.closePassesLt2m},
                               {"min_ttc_s", orNull(p.minTtc, seconds)}});
    j["shoulder_intrusions"] = o.shoulderIntrusions;
    j["move_over_rate"] = share(o.moveOverRate);
    j["slow_down_rate"] = share(o.slowDownRate);
    j["observed_vehicles"] = o.observedVehicles;
    j["mandated_speed_rate"] = share(o.mandatedSpeedRate);
    j["adjacent_lane_mean_speed_mps"] = metres(o.adjacentLaneMeanSpeed);
    j["edge_line_crossings"] = o.edgeLineCrossings;
    j["vehicle_hours"] = rounded(o.vehicleHours, 1e6);
    j["log_weight"] = o.logWeight;
    j["state_hash"] = hex(o.stateHash);
    return j.dump(indent);
}

}  // namespace sim::io
