// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// A struck parked unit moves as its wheels let it (Ford 2003, references.md#positioning, #struck-parked-cars): the
// "steering wheel full right" tactic sends a patrol car struck from behind away from an officer
// at the violator's driver door.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/world.hpp"
#include "stop_fixture.hpp"

using namespace sim;

namespace {

/// What a pushed patrol car did after a car drifting onto the shoulder struck it from behind.
struct PushedPatrol {
    bool struck = false;           ///< the drifter hit the patrol car
    double clearance = 1e9;        ///< m, closest the patrol car's outline came to the officer's place
    double minD = 1e9, maxD = -1e9;  ///< m, lateral extent of its centre's path after the strike
    double startD = 0.0;           ///< m, its centre before the strike
    double yawAfterHalfSecond = 0.0;  ///< rad, its heading 0.5 s after the strike
};

/// Ford's geometry: the patrol car 20 ft behind the violator, offset left with 50 % overlap; the
/// officer's place is the violator's driver door (nobody stands there, so that nothing but the
/// wheels decides the path). A car at `speed` in lane 1 drifts toward the shoulder at
/// `lateralSpeed` from `driftStart` without reacting, and strikes the patrol car's rear.
PushedPatrol pushedPatrol(double wheelAngle, double speed, double lateralSpeed, double driftStart) {
    test::StopOptions o;
    o.patrol = true;
    o.patrolOffset = 1.0;  // half the patrol SUV's 2.0 m width
    o.officerPlace = Place::DriverDoor;
    o.duration = 20.0;
    Scenario sc = test::stopScenario(o);
    sc.drivers.attention.laneKeepingSd = 0.0;
    sc.units[1].wheelAngle = wheelAngle;
    sc.scriptedVehicles.push_back(test::driftingCar(speed, lateralSpeed, driftStart));
    // The officer's place, then nobody there.
    Vec2 door;
    {
        const World probe(sc, 1);
        for (const EntityState& st : probe.snapshot().entities)
            if (probe.entities()[st.entity].id == "officer-1") door = st.pose.position;
    }
    REQUIRE(door.y > -1.0);  // beside the violator's left side
    sc.people.clear();

    World w(sc, 1);
    std::uint32_t patrol = 0;
    for (std::uint32_t e = 0; e < w.entities().size(); ++e)
        if (w.entities()[e].id == "patrol") patrol = e;
    const EntityInfo info = w.entities()[patrol];  // a copy: the table grows as traffic arrives
    PushedPatrol out;
    double struckAt = -1.0;
    while (!w.done()) {
        w.step();
        for (const Event& e : w.stepEvents())
            if (e.kind == EventKind::Collision && struckAt < 0.0 && (e.subject == patrol || e.other == patrol))
                struckAt = e.time;
        for (const EntityState& st : w.snapshot().entities) {
            if (st.entity != patrol) continue;
            if (struckAt < 0.0) {
                out.startD = st.pose.position.y;
                continue;
            }
            out.struck = true;
            out.clearance = std::min(out.clearance, distanceToBox(door, {st.pose, 0.5 * info.length, 0.5 * info.width}));
            out.minD = std::min(out.minD, st.pose.position.y);
            out.maxD = std::max(out.maxD, st.pose.position.y);
            if (w.time() <= struckAt + 0.5) out.yawAfterHalfSecond = st.pose.heading;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("A patrol car struck from behind goes where its front wheels point: full right takes it away from the officer at the violator's door",
          "[world]") {
    const double fullLock = 35.0 * units::kDegree;  // assumption: a typical full lock of the road wheels
    struct Strike {
        double speed, lateral, start;
    };
    // Drifts of 0.7 to 1.5 m/s, at 45 to 65 mph: each hits the patrol car's rear squarely.
    for (const Strike s : {Strike{25.0, -1.0, -80.0}, Strike{25.0, -0.7, -110.0}, Strike{25.0, -1.5, -60.0},
                           Strike{29.0, -1.0, -80.0}, Strike{20.0, -1.0, -80.0}}) {
        CAPTURE(s.speed, s.lateral, s.start);
        const PushedPatrol right = pushedPatrol(-fullLock, s.speed, s.lateral, s.start);
        const PushedPatrol straight = pushedPatrol(0.0, s.speed, s.lateral, s.start);
        const PushedPatrol left = pushedPatrol(fullLock, s.speed, s.lateral, s.start);
        REQUIRE(right.struck);
        REQUIRE(straight.struck);
        REQUIRE(left.struck);
        CAPTURE(right.clearance, straight.clearance, left.clearance, right.yawAfterHalfSecond,
                straight.yawAfterHalfSecond, left.yawAfterHalfSecond);
        // A square strike from behind does not spin the car: in the first half second it turns
        // the way its wheels point, and with them straight it hardly turns.
        CHECK(std::abs(straight.yawAfterHalfSecond) < 5.0 * units::kDegree);
        CHECK(right.yawAfterHalfSecond < -2.0 * units::kDegree);
        CHECK(right.yawAfterHalfSecond < straight.yawAfterHalfSecond);
        CHECK(left.yawAfterHalfSecond > straight.yawAfterHalfSecond);
        // Straight, it runs along the violator's left side, through the officer's place.
        CHECK(straight.clearance < 0.2);
        // Full right, it leaves to the right (toward the shoulder's edge), clear of the officer.
        CHECK(right.clearance > 0.5);
        CHECK(right.minD < right.startD - 2.0);
        // Full left, it goes out into the lanes.
        CHECK(left.maxD > left.startD + 2.0);
    }
}
