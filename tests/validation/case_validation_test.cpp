// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The case scenarios (scenarios/cases/) reproduce the stories they are built from, each for a
// named seed (the seed also written as run.seed in the file, so `roadside-batch run FILE` and
// `roadside-viz FILE` show the same run). The story each reproduces and what it teaches are in the
// file's comments; scenarios/README.md lists them. A scenario or model change that breaks a story
// fails here: look at the replay (roadside-batch run FILE --record case.rsr; roadside-viz
// case.rsr) and either re-tune the case or explain the change.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/geometry.hpp"
#include "io/io_test_support.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/world.hpp"

using namespace sim;

namespace {

Scenario loadCase(const std::string& file) {
    return test::loadFileOk(std::filesystem::path(ROADSIDE_SOURCE_DIR) / "scenarios/cases" / file);
}

/// What a case test needs from a run: the outcome, and per step the poses of the entities it
/// follows, so that it can measure a pass between named vehicles and people.
struct Traced {
    Outcome outcome;
    std::vector<EntityInfo> entities;
    struct Sample {
        double t;
        std::map<std::string, EntityState> states;  ///< by entity id, followed ids only
    };
    std::vector<Sample> samples;
};

Traced trace(const Scenario& sc, std::uint64_t seed, const std::vector<std::string>& follow) {
    World w(sc, seed);
    Traced tr;
    while (!w.done()) {
        w.step();
        Traced::Sample sample{w.time(), {}};
        for (const EntityState& st : w.snapshot().entities) {
            const std::string& id = w.entities()[st.entity].id;
            if (std::find(follow.begin(), follow.end(), id) != follow.end()) sample.states.emplace(id, st);
        }
        tr.samples.push_back(std::move(sample));
    }
    tr.outcome = w.outcome();
    tr.entities = w.entities();
    return tr;
}

const EntityInfo& info(const Traced& tr, const std::string& id) {
    const auto it = std::find_if(tr.entities.begin(), tr.entities.end(), [&](const EntityInfo& e) { return e.id == id; });
    REQUIRE(it != tr.entities.end());
    return *it;
}

/// Gap (m) between a vehicle's outline and a person's body (or another outline's nearest corner).
double clearanceToPerson(const EntityState& vehicle, const EntityInfo& v, const EntityState& person, const EntityInfo& p) {
    const OrientedBox box{vehicle.pose, 0.5 * v.length, 0.5 * v.width};
    return distanceToBox(person.pose.position, box) - 0.5 * p.width;
}

double clearanceBetweenBoxes(const EntityState& a, const EntityInfo& ai, const EntityState& b, const EntityInfo& bi) {
    const OrientedBox boxA{a.pose, 0.5 * ai.length, 0.5 * ai.width};
    const OrientedBox boxB{b.pose, 0.5 * bi.length, 0.5 * bi.width};
    if (boxesOverlap(boxA, boxB)) return 0.0;
    Vec2 ca[4], cb[4];
    boxCorners(boxA, ca);
    boxCorners(boxB, cb);
    double best = 1e9;
    for (const Vec2& p : ca) best = std::min(best, distanceToBox(p, boxB));
    for (const Vec2& p : cb) best = std::min(best, distanceToBox(p, boxA));
    return best;
}

std::optional<Collision> findCollision(const Outcome& o, const std::string& a, const std::string& b, double after = -1.0) {
    for (const Collision& c : o.collisions)
        if (c.time > after && ((c.a == a && c.b == b) || (c.a == b && c.b == a))) return c;
    return std::nullopt;
}

}  // namespace

TEST_CASE("Case trooper-motorist-snow, seed 44: patrol SUV struck and pushed into trooper and motorist, then a second car strikes the first",
          "[validation][cases]") {
    // scenarios/cases/trooper-motorist-snow.toml: snow, 150 m visibility, the trooper and the
    // stranded motorist talking between her car and the patrol SUV. The story: (1) a car strikes the
    // patrol SUV from behind; (2) the SUV is forced into the trooper and the motorist; (3) another
    // vehicle strikes the first car from behind and (4) forces it back into the SUV.
    const Scenario sc = loadCase("trooper-motorist-snow.toml");
    CHECK(sc.environment.weather == Weather::Snow);
    CHECK(sc.environment.visibility <= 200.0);
    const Traced tr = trace(sc, 44, {"patrol", "car-1"});
    const Outcome& o = tr.outcome;

    // (1) car-1 into the patrol SUV, at speed.
    const auto first = findCollision(o, "car-1", "patrol");
    REQUIRE(first);
    CHECK(first->closingSpeed > 15.0);
    // (2) the pushed SUV strikes the people on foot between the cars.
    std::vector<std::string> pushedInto;
    for (const Strike& s : o.strikes)
        if (s.via == StrikeVia::PushedUnit && s.by == "patrol" && s.time >= first->time) pushedInto.push_back(s.person);
    CHECK(std::find(pushedInto.begin(), pushedInto.end(), "trooper") != pushedInto.end());
    CHECK(std::find(pushedInto.begin(), pushedInto.end(), "motorist") != pushedInto.end());
    // (3) a later collision of another traffic vehicle with car-1's wreck.
    std::optional<Collision> second;
    for (const Collision& c : o.collisions) {
        if (c.time <= first->time || (c.a != "car-1" && c.b != "car-1")) continue;
        const std::string other = c.a == "car-1" ? c.b : c.a;
        if (other != "patrol" && other != "stranded" && other != "guardrail") {
            second = c;
            break;
        }
    }
    REQUIRE(second);
    CHECK(second->closingSpeed > 5.0);
    // (4) car-1, driven on by the second crash, comes back against the SUV and moves it again: the
    // SUV's speed jumps when car-1 touches it (an SUV still rolling from the first crash, or a
    // second car striking the SUV itself past car-1, does not count).
    const EntityInfo& patrol = info(tr, "patrol");
    const EntityInfo& car1 = info(tr, "car-1");
    std::optional<double> touched;
    double speedBefore = 0.0, speedAfter = 0.0, xAtTouch = 0.0, moved = 0.0;
    for (const auto& s : tr.samples) {
        const auto p = s.states.find("patrol");
        const auto c = s.states.find("car-1");
        if (p == s.states.end() || c == s.states.end()) continue;
        if (!touched) {
            if (s.t < second->time || clearanceBetweenBoxes(p->second, patrol, c->second, car1) > 0.1) {
                speedBefore = p->second.speed;
                continue;
            }
            touched = s.t;
            xAtTouch = p->second.pose.position.x;
        }
        if (s.t > *touched + 2.0) break;
        speedAfter = std::max(speedAfter, p->second.speed);
        moved = std::max(moved, std::abs(p->second.pose.position.x - xAtTouch));
    }
    INFO("car-1 back against the SUV at " << (touched ? *touched : -1.0) << " s; SUV " << speedBefore << " m/s before, up to "
                                          << speedAfter << " m/s after, moved " << moved << " m");
    REQUIRE(touched);
    CHECK(speedAfter > speedBefore + 0.3);
    CHECK(moved > 0.1);
}

TEST_CASE("Case impaired-driver-night, seed 9: an impaired driver at about 68 mph enters the shoulder at night and strikes the officer",
          "[validation][cases]") {
    // scenarios/cases/impaired-driver-night.toml: night without street lighting, the officer at the
    // violator's driver window, an impaired pickup driver at 68 mph who does not move over. The
    // story: the vehicle crosses the edge line onto the shoulder at the scene at about 68 mph and
    // strikes, or nearly strikes (under 1 m), the officer.
    const Scenario sc = loadCase("impaired-driver-night.toml");
    CHECK(sc.environment.light == Light::Night);
    const Traced tr = trace(sc, 9, {"impaired-driver", "officer", "violator"});
    const EntityInfo& pickup = info(tr, "impaired-driver");
    const EntityInfo& officer = info(tr, "officer");
    double enteredAtSpeed = -1.0;
    double closest = 1e9;
    for (const auto& s : tr.samples) {
        const auto v = s.states.find("impaired-driver");
        const auto p = s.states.find("officer");
        if (v == s.states.end() || p == s.states.end()) continue;
        const double rightSide = v->second.pose.position.y - 0.5 * pickup.width;
        const bool atScene = std::abs(v->second.pose.position.x) < 50.0;
        if (enteredAtSpeed < 0.0 && atScene && rightSide < 0.0) enteredAtSpeed = v->second.speed;
        if ((p->second.flags & kOnFoot) != 0) closest = std::min(closest, clearanceToPerson(v->second, pickup, p->second, officer));
    }
    INFO("speed entering the shoulder " << enteredAtSpeed << " m/s, closest " << closest << " m");
    REQUIRE(enteredAtSpeed > 0.0);
    CHECK(enteredAtSpeed == Approx(68.0 * units::kMph).margin(2.0 * units::kMph));
    const bool struck = std::any_of(tr.outcome.strikes.begin(), tr.outcome.strikes.end(),
                                    [](const Strike& s) { return s.person == "officer" && s.by == "impaired-driver"; });
    CHECK((struck || closest < 1.0));
    CHECK(struck);  // seed 9: a direct strike at 66 mph
}

TEST_CASE("Case motorhome-squeeze, seed 2: a motorhome passes at speed between the patrol car and the help truck within 1 m of the officer",
          "[validation][cases]") {
    // scenarios/cases/motorhome-squeeze.toml: the patrol car on the shoulder, a help truck blocking
    // lane 2, lane 1 open between them, the officer at the patrol car's driver door. The story: a
    // motorhome squeezes at speed through the gap, under 1 m from the officer (or strikes), and
    // under 1 m from the help truck on its other side.
    const Scenario sc = loadCase("motorhome-squeeze.toml");
    const Traced tr = trace(sc, 2, {"motorhome", "officer", "help-truck", "patrol"});
    const EntityInfo& motorhome = info(tr, "motorhome");
    const EntityInfo& officer = info(tr, "officer");
    const EntityInfo& truck = info(tr, "help-truck");
    double toOfficer = 1e9, toTruck = 1e9, speedAtOfficer = 0.0;
    for (const auto& s : tr.samples) {
        const auto v = s.states.find("motorhome");
        const auto p = s.states.find("officer");
        const auto h = s.states.find("help-truck");
        if (v == s.states.end() || p == s.states.end() || h == s.states.end()) continue;
        if ((p->second.flags & kOnFoot) != 0) {
            const double c = clearanceToPerson(v->second, motorhome, p->second, officer);
            if (c < toOfficer) {
                toOfficer = c;
                speedAtOfficer = v->second.speed;
            }
        }
        toTruck = std::min(toTruck, clearanceBetweenBoxes(v->second, motorhome, h->second, truck));
    }
    INFO("motorhome: " << toOfficer << " m from the officer at " << speedAtOfficer << " m/s, " << toTruck
                       << " m from the help truck");
    const bool struck = std::any_of(tr.outcome.strikes.begin(), tr.outcome.strikes.end(),
                                    [](const Strike& s) { return s.person == "officer" && s.by == "motorhome"; });
    CHECK((struck || toOfficer < 1.0));
    CHECK(toTruck < 1.0);
    CHECK(speedAtOfficer > 55.0 * units::kMph);  // at speed: seed 2 passes at 65 mph
}
