// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/io/outcome_json.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "sim/presets.hpp"

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

Json strikerJson(const Striker& s) {
    return {{"id", s.id},
            {"kind", std::string(name(s.kind))},
            {"driver_state", std::string(name(s.state))},
            {"speed_mps", metres(s.speed)},
            {"eyes_off_s", s.eyesOffFor < 0.0 ? Json(nullptr) : Json(seconds(s.eyesOffFor))},
            {"saw_scene_m", s.sawSceneAt < 0.0 ? Json(nullptr) : Json(metres(s.sawSceneAt))},
            {"braking", s.braking},
            {"drifting", s.drifting}};
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
                                {"p_severe", share(s.pSevere)}, {"p_fatal", share(s.pFatal)},
                                {"striker", strikerJson(s.striker)}});
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

namespace {

double orSentinel(const Json& j) { return j.is_null() ? 1e9 : j.get<double>(); }

/// An integer field: converting a JSON float such as 1e300 to int would be undefined behaviour.
template <typename I>
I integer(const Json& j) {
    if (!j.is_number_integer()) throw std::invalid_argument("expected an integer, found " + j.dump());
    if (j.is_number_unsigned()) {
        const auto u = j.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<I>::max())) throw std::invalid_argument("integer out of range");
        return static_cast<I>(u);
    }
    const auto v = j.get<std::int64_t>();
    if (v < static_cast<std::int64_t>(std::numeric_limits<I>::min()) ||
        (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<I>::max())))
        throw std::invalid_argument("integer out of range");
    return static_cast<I>(v);
}

std::uint64_t fromHex(const std::string& s) { return std::stoull(s, nullptr, 16); }

template <typename E>
E enumNamed(const std::string& text) {
    if (const std::optional<E> e = parseName<E>(text)) return *e;
    throw std::invalid_argument("unknown value \"" + text + "\"");
}

/// A null "no value" field as a negative sentinel.
double orNegative(const Json& j) { return j.is_null() ? -1.0 : j.get<double>(); }

Striker parseStriker(const Json& j) {
    Striker s;
    s.id = j.at("id").get<std::string>();
    s.kind = enumNamed<VehicleKind>(j.at("kind").get<std::string>());
    s.state = enumNamed<DriverState>(j.at("driver_state").get<std::string>());
    s.speed = j.at("speed_mps").get<double>();
    s.eyesOffFor = orNegative(j.at("eyes_off_s"));
    s.sawSceneAt = orNegative(j.at("saw_scene_m"));
    s.braking = j.at("braking").get<bool>();
    s.drifting = j.at("drifting").get<bool>();
    return s;
}

Outcome parse(const Json& j) {
    Outcome o;
    o.scenario = j.at("scenario").get<std::string>();
    o.seed = integer<std::uint64_t>(j.at("seed"));
    o.status = enumNamed<RunStatus>(j.at("status").get<std::string>());
    o.simulated = j.at("simulated_s").get<double>();
    o.vehiclesPassed = integer<int>(j.at("vehicles_passed"));
    o.vehicleUpdates = integer<std::uint64_t>(j.at("vehicle_updates"));
    o.struck = j.at("struck").get<bool>();
    for (const Json& s : j.at("strikes"))
        o.strikes.push_back({s.at("t").get<double>(), s.at("person").get<std::string>(), s.at("by").get<std::string>(),
                             enumNamed<StrikeVia>(s.at("via").get<std::string>()),
                             // Replays written before strikers were recorded have none.
                             s.contains("striker") ? parseStriker(s.at("striker")) : Striker{},
                             s.at("impact_speed_mps").get<double>(), s.at("p_severe").get<double>(),
                             s.at("p_fatal").get<double>()});
    for (const Json& c : j.at("collisions"))
        o.collisions.push_back({c.at("t").get<double>(), c.at("a").get<std::string>(), c.at("b").get<std::string>(),
                                c.at("closing_speed_mps").get<double>()});
    for (const Json& p : j.at("people"))
        o.people.push_back({p.at("id").get<std::string>(), p.at("exposure_s").get<double>(),
                            orSentinel(p.at("min_clearance_m")), integer<int>(p.at("close_passes_lt_1m")),
                            integer<int>(p.at("close_passes_lt_2m")), orSentinel(p.at("min_ttc_s"))});
    o.shoulderIntrusions = integer<int>(j.at("shoulder_intrusions"));
    o.moveOverRate = j.at("move_over_rate").get<double>();
    o.slowDownRate = j.at("slow_down_rate").get<double>();
    o.observedVehicles = integer<int>(j.at("observed_vehicles"));
    o.mandatedSpeedRate = j.at("mandated_speed_rate").get<double>();
    o.adjacentLaneMeanSpeed = j.at("adjacent_lane_mean_speed_mps").get<double>();
    o.edgeLineCrossings = integer<int>(j.at("edge_line_crossings"));
    o.vehicleHours = j.at("vehicle_hours").get<double>();
    o.logWeight = j.at("log_weight").get<double>();
    o.stateHash = fromHex(j.at("state_hash").get<std::string>());
    return o;
}

}  // namespace

std::optional<Outcome> outcomeFromJson(std::string_view json, std::string* error) {
    try {
        return parse(Json::parse(json));
    } catch (const std::exception& e) {
        if (error) *error = e.what();
        return std::nullopt;
    }
}

}  // namespace sim::io
