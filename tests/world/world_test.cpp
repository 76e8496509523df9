// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/io/outcome_json.hpp"
#include "sim/models/injury.hpp"
#include "sim/world.hpp"
#include "stop_fixture.hpp"

using namespace sim;

// A World keeps a reference to its Scenario, so it cannot be built from a temporary one (which
// would dangle after the statement); sim::run() keeps none and takes anything.
static_assert(std::is_constructible_v<World, const Scenario&, std::uint64_t>);
static_assert(!std::is_constructible_v<World, Scenario, std::uint64_t>);
static_assert(!std::is_constructible_v<World, Scenario&&, std::uint64_t>);
static_assert(!std::is_constructible_v<World, const Scenario&&, std::uint64_t>);

namespace {

const Strike* strikeOn(const Outcome& o, const std::string& person) {
    for (const Strike& s : o.strikes)
        if (s.person == person) return &s;
    return nullptr;
}

/// The outcome of a stop with one car whose driver looks away and drifts toward the shoulder
/// (lane keeping exact, so that its path is known; see test::driftingCar).
Outcome runWithDrifter(const test::StopOptions& o, double speed, double lateral, double startS) {
    Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(test::driftingCar(speed, lateral, startS));
    return run(sc, 1);
}

/// (id, step at which it appeared) of every traffic vehicle, in order of appearance.
std::vector<std::pair<std::string, int>> arrivals(const Scenario& sc, std::uint64_t seed, int steps) {
    World w(sc, seed);
    std::vector<std::pair<std::string, int>> seen;
    std::size_t known = 0;
    for (int i = 0; i < steps; ++i) {
        w.step();
        for (; known < w.entities().size(); ++known)
            if (w.entities()[known].kind == EntityKind::TrafficVehicle) seen.emplace_back(w.entities()[known].id, i);
    }
    return seen;
}

}  // namespace

TEST_CASE("a car that never leaves its lane strikes nobody on the shoulder", "[world]") {
    test::StopOptions o;
    o.flowPerLane = 1500.0;
    o.duration = 300.0;
    o.attention = false;  // no eyes-off episodes: every driver keeps their lane
    const Outcome out = run(test::stopScenario(o), 7);
    CHECK(out.vehiclesPassed > 100);
    CHECK_FALSE(out.struck);
    CHECK(out.strikes.empty());
    CHECK(out.collisions.empty());
    CHECK(out.shoulderIntrusions == 0);
    REQUIRE(out.people.size() == 1);
    // The officer at the driver's window stands ~0.1 m off the edge line: lane-1 traffic passes
    // about a metre away (this is why the window is the dangerous place), but never touches them.
    CHECK(out.people[0].minClearance > 0.2);
    CHECK(out.people[0].minClearance < 1.2);
    CHECK(out.people[0].closePassesLt2m > 50);
}

TEST_CASE("a forced drift at an officer strikes them at the car's speed", "[world]") {
    test::StopOptions o;
    o.patrol = false;
    const double speed = 25.0, lateral = -2.0;
    const Outcome out = runWithDrifter(o, speed, lateral, -25.0);
    const Strike* s = strikeOn(out, "officer-1");
    REQUIRE(s != nullptr);
    CHECK(s->by == "drifter");
    CHECK(s->via == StrikeVia::Direct);
    // A driver whose eyes are off the road does not brake: the impact speed is the car's speed.
    CHECK(s->impactSpeed == Approx(std::hypot(speed, lateral)).epsilon(0.01));
    // The front of the car meets the officer: Tefft's frontal curves at the impact speed.
    CHECK(s->contact == StrikeContact::Frontal);
    CHECK(s->injurySpeed == s->impactSpeed);
    CHECK(s->pFatal == Approx(models::pedestrianDeathRisk(s->impactSpeed)));
    CHECK(s->time > 0.0);
    // What a trainer is told: the drifter, a sedan, its driver unresponsive (a scripted drift
    // that never reacts is a lapse) since the drift began (20 m upstream of the officer at
    // 25 m/s: under a second), not braking.
    CHECK(s->striker.id == "drifter");
    CHECK(s->striker.kind == VehicleKind::Sedan);
    CHECK(s->striker.state == DriverState::Asleep);
    CHECK(s->striker.drifting);
    CHECK_FALSE(s->striker.braking);
    CHECK(s->striker.eyesOffFor > 0.0);
    CHECK(s->striker.eyesOffFor < 1.5);
    CHECK(s->striker.speed == Approx(std::hypot(speed, lateral)).epsilon(0.01));
}

TEST_CASE("a car whose side brushes past an officer is a glancing contact, scored below a frontal strike at its speed",
          "[world]") {
    // The same drift as above, started 5 m later: the car's right side, not its front, reaches
    // the officer at the window, and slides past them at 25 m/s.
    test::StopOptions o;
    o.patrol = false;
    const Outcome out = runWithDrifter(o, 25.0, -2.0, -20.0);
    const Strike* s = strikeOn(out, "officer-1");
    REQUIRE(s != nullptr);
    CHECK(s->impactSpeed == Approx(std::hypot(25.0, 2.0)).epsilon(0.01));
    CHECK(s->contact == StrikeContact::Glancing);
    CHECK(models::injuryModel(s->contact) == "tefft-2013-at-normal-speed");
    CHECK(s->injurySpeed < 0.5 * s->impactSpeed);
    CHECK(s->pFatal == Approx(models::pedestrianDeathRisk(s->injurySpeed)));
    CHECK(s->pFatal < 0.5 * models::pedestrianDeathRisk(s->impactSpeed));
    CHECK(s->pSevere < models::pedestrianSevereInjuryRisk(s->impactSpeed));
    // Touched is touched: the clearance was 0, and the car that struck is not also a close pass.
    REQUIRE(out.people.size() == 1);
    CHECK(out.people[0].minClearance == 0.0);
    CHECK(out.people[0].closePassesLt1m == 0);
}

TEST_CASE("a 100 mph car does not tunnel through a standing officer", "[world]") {
    test::StopOptions o;
    o.patrol = false;
    const double speed = 45.0;  // m/s, about 100 mph: 2.25 m per 0.05 s step
    const Outcome out = runWithDrifter(o, speed, -2.0, -35.0);
    const Strike* s = strikeOn(out, "officer-1");
    REQUIRE(s != nullptr);
    CHECK(s->impactSpeed == Approx(std::hypot(speed, 2.0)).epsilon(0.01));
}

TEST_CASE("a car that hits the parked patrol car pushes it into the officer in front of it", "[world]") {
    test::StopOptions o;
    o.patrol = true;
    o.officerPlace = Place::Front;  // standing between the cars, in front of the patrol car
    o.officerUnit = 1;
    const Outcome out = runWithDrifter(o, 25.0, -2.5, -42.0);
    bool hitPatrol = false;
    for (const Collision& c : out.collisions) hitPatrol = hitPatrol || (c.a == "drifter" && c.b == "patrol");
    CHECK(hitPatrol);
    const Strike* s = strikeOn(out, "officer-1");
    REQUIRE(s != nullptr);
    CHECK(s->by == "patrol");
    CHECK(s->via == StrikeVia::PushedUnit);
    CHECK(s->impactSpeed > 2.0);
    // The strike is explained by the car that pushed the patrol car, at the moment it hit it.
    CHECK(s->striker.id == "drifter");
    CHECK(s->striker.speed == Approx(std::hypot(25.0, 2.5)).epsilon(0.02));
    CHECK(s->striker.eyesOffFor > 0.0);
    // The patrol car was struck (by a traffic vehicle) before the officer was.
    CHECK(out.unitStruck);
    CHECK(out.unitStruckAt > 0.0);
    CHECK(out.unitStruckAt <= s->time);
    // The pushed patrol car touched the officer: clearance 0, and its pass is the strike, not a close pass.
    REQUIRE(out.people.size() == 1);
    CHECK(out.people[0].minClearance == 0.0);
    CHECK(out.people[0].closePassesLt1m == 0);
    CHECK(out.people[0].closePassesLt2m == 0);
}

TEST_CASE("an officer pinned by the pushed patrol car against the violator is crushed, and recorded so", "[world]") {
    // The patrol car offset left with 50 % overlap, the officer between the cars in front of it;
    // a car drifting onto the shoulder strikes it from behind and drives it into the officer and
    // on against the violator's rear.
    test::StopOptions o;
    o.patrol = true;
    o.patrolOffset = 1.0;
    o.officerPlace = Place::Front;
    o.officerUnit = 1;
    const Outcome out = runWithDrifter(o, 25.0, -1.0, -80.0);
    const Strike* s = strikeOn(out, "officer-1");
    REQUIRE(s != nullptr);
    CHECK(s->by == "patrol");
    CHECK(s->contact == StrikeContact::Crush);
    CHECK(models::injuryModel(s->contact) == "tefft-2013-at-crush-closing-speed");
    CHECK(s->injurySpeed >= s->impactSpeed);
    CHECK(s->pFatal == Approx(models::pedestrianDeathRisk(s->injurySpeed)));
}

TEST_CASE("a run ends ten seconds after the first strike, its measures taken up to the strike", "[world]") {
    // Without the end the struck officer lay in lane 1 for the rest of the run and queued both
    // lanes: 108 vehicles passed the default stop's seed 23 instead of about 400.
    test::StopOptions o;
    o.patrol = false;
    o.flowPerLane = 1200.0;
    o.duration = 300.0;
    Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.scriptedVehicles.push_back(test::driftingCar(25.0, -2.0, -25.0));
    const Outcome out = run(sc, 1);
    REQUIRE(out.struck);
    const double first = out.strikes.front().time;
    CHECK(out.ended == RunEnd::FirstStrike);
    CHECK(out.simulated == Approx(first + sc.run.dt + sc.run.aftermath).margin(1e-9));
    CHECK(sc.run.aftermath == 10.0);
    CHECK(out.measuredUntil == Approx(first + sc.run.dt).margin(1e-9));

    // run.aftermath = inf: the run goes on to its duration, its measures still end at the strike.
    Scenario on = sc;
    on.run.aftermath = kInfinity;
    const Outcome full = run(on, 1);
    CHECK(full.ended == RunEnd::FirstStrike);
    CHECK(full.simulated == Approx(300.0));
    CHECK(full.measuredUntil == out.measuredUntil);
    CHECK(full.vehiclesPassed == out.vehiclesPassed);
    CHECK(full.people[0].exposure == out.people[0].exposure);

    test::StopOptions quiet = o;
    const Outcome none = run(test::stopScenario(quiet), 1);
    CHECK_FALSE(none.struck);
    CHECK(none.ended == RunEnd::Duration);
    CHECK(none.simulated == Approx(300.0));
    CHECK(none.measuredUntil == Approx(300.0));
}

TEST_CASE("the same seed gives the same bytes, on any thread", "[world][determinism]") {
    test::StopOptions o;
    o.flowPerLane = 1200.0;
    o.duration = 120.0;
    o.attention = true;
    const Scenario sc = test::stopScenario(o);
    const std::string first = io::outcomeToJson(run(sc, 42));
    CHECK(first == io::outcomeToJson(run(sc, 42)));
    std::string a, b;
    std::thread ta([&] { a = io::outcomeToJson(run(sc, 42)); });
    std::thread tb([&] { b = io::outcomeToJson(run(sc, 42)); });
    ta.join();
    tb.join();
    CHECK(a == first);
    CHECK(b == first);
    CHECK(io::outcomeToJson(run(sc, 43)) != first);
}

TEST_CASE("moving the patrol car does not change which vehicles arrive when", "[world][determinism]") {
    test::StopOptions inLine;
    inLine.flowPerLane = 1500.0;
    inLine.attention = true;
    test::StopOptions offset = inLine;
    offset.patrolOffset = 3.0 * units::kFoot;
    const int steps = 1200;  // 60 s
    const auto a = arrivals(test::stopScenario(inLine), 5, steps);
    const auto b = arrivals(test::stopScenario(offset), 5, steps);
    CHECK(a.size() > 60);
    CHECK(a == b);
}

TEST_CASE("traffic is conserved: what arrives passes the scene", "[world]") {
    test::StopOptions o;
    o.flowPerLane = 1200.0;
    o.duration = 600.0;
    const Outcome out = run(test::stopScenario(o), 3);
    // 2 lanes x 1200 veh/h x 10 min = 400 arrivals (Poisson sd 20), plus the vehicles present at
    // t = 0 upstream of the scene, minus those still upstream at the end: about as many.
    CHECK(out.vehiclesPassed > 340);
    CHECK(out.vehiclesPassed < 460);
    CHECK(out.vehicleHours > 0.0);
}

TEST_CASE("complying drivers move over, non-complying drivers stay in the lane", "[world]") {
    test::StopOptions o;
    o.flowPerLane = 300.0;  // light traffic: gaps to move into
    o.duration = 900.0;
    Scenario all = test::stopScenario(o);
    all.drivers.moveOverShare = 1.0;
    all.drivers.slowDownShare = 0.0;
    Scenario none = all;
    none.drivers.moveOverShare = 0.0;
    const Outcome yes = run(all, 11);
    const Outcome no = run(none, 11);
    REQUIRE(yes.observedVehicles > 30);
    REQUIRE(no.observedVehicles > 30);
    CHECK(yes.moveOverRate > 0.85);
    CHECK(no.moveOverRate < 0.1);
    CHECK(yes.adjacentLaneMeanSpeed > 0.0);
}

TEST_CASE("the scene is detected closer in dense fog than on a clear day", "[world]") {
    test::StopOptions o;
    Scenario clear = test::stopScenario(o);
    Scenario fog = clear;
    fog.environment.weather = Weather::Fog;
    fog.environment.visibility = 50.0;
    const World a(clear, 1), b(fog, 1);
    CHECK(b.sceneDetectionDistance() < 150.0);
    CHECK(a.sceneDetectionDistance() > 3.0 * b.sceneDetectionDistance());
}

TEST_CASE("a road that starts full starts without a crash: every follower can fall back to its leader's speed", "[world]") {
    // The prepopulated road (TrafficStream::prepopulate): a follower is no faster than it can
    // shed, braking at MOBIL's safe deceleration, before the gap closes to the jam distance.
    // Before, a leader slowed by its own short gap could meet a follower 26 m/s faster, and
    // 0.7 % of default stops began with a crash in the contact zone, some pushing a unit.
    test::StopOptions o;
    o.flowPerLane = 1500.0;
    o.duration = 10.0;
    o.attention = false;
    Scenario sc = test::stopScenario(o);
    const double bSafe = sc.drivers.mobil.bSafe, s0 = sc.drivers.idm.s0;
    std::size_t pairs = 0, closing = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const World w(sc, seed);
        std::vector<std::vector<EntityState>> lanes(2);
        for (const EntityState& e : w.snapshot().entities)
            if (w.entities()[e.entity].kind == EntityKind::TrafficVehicle)
                lanes[e.pose.position.y < sc.road.laneWidth ? 0 : 1].push_back(e);
        for (auto& lane : lanes) {
            std::sort(lane.begin(), lane.end(), [](const EntityState& a, const EntityState& b) { return a.pose.position.x > b.pose.position.x; });
            for (std::size_t i = 1; i < lane.size(); ++i) {
                const EntityState &leader = lane[i - 1], &follower = lane[i];
                const double gap = (leader.pose.position.x - 0.5 * w.entities()[leader.entity].length) -
                                   (follower.pose.position.x + 0.5 * w.entities()[follower.entity].length);
                ++pairs;
                if (follower.speed <= leader.speed) continue;
                ++closing;
                const double closingSpeed = follower.speed - leader.speed;
                INFO("seed " << seed << ": gap " << gap << " m, closing at " << closingSpeed << " m/s");
                CHECK(closingSpeed * closingSpeed <= 2.0 * bSafe * std::max(0.0, gap - s0) + 1e-9);
            }
        }
    }
    CHECK(pairs > 1000);
    CHECK(closing > 100);  // the check met followers faster than their leaders
    // And none of 300 default stops begins with a crash.
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const Outcome out = run(sc, seed);
        INFO("seed " << seed);
        CHECK(out.collisions.empty());
    }
}
