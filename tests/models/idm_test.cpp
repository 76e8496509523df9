// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/models/idm.hpp"

using namespace sim;
using namespace sim::models;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

TEST_CASE("IDM defaults are Treiber, Hennecke & Helbing 2000 (references.md#traffic-stream)", "[models]") {
    const IdmDriver d;
    CHECK(d.a == 0.73);
    CHECK(d.b == 1.67);
    CHECK(d.T == 1.6);
    CHECK(d.s0 == 2.0);
    CHECK(d.sqrtAb == Approx(std::sqrt(0.73 * 1.67)));
    const IdmDriver m = makeIdmDriver(33.0, 1.0, 1.5, 1.0, 2.0);
    CHECK(m.sqrtAb == Approx(std::sqrt(1.5)));
}

TEST_CASE("IDM desired gap s* = s0 + max(0, vT + v dv / (2 sqrt(ab)))", "[models]") {
    const IdmDriver d = makeIdmDriver(30.0, 1.0, 4.0, 1.5, 2.0);  // sqrt(ab) = 2
    CHECK(idmDesiredGap(d, 20.0, 0.0) == Approx(2.0 + 30.0));
    CHECK(idmDesiredGap(d, 20.0, 4.0) == Approx(2.0 + 30.0 + 20.0 * 4.0 / 4.0));
    // A leader pulling away quickly cannot make s* smaller than the jam distance s0.
    CHECK(idmDesiredGap(d, 20.0, -100.0) == Approx(2.0));
}

TEST_CASE("IDM free road: a at standstill, zero at the desired speed, negative above it", "[models]") {
    const IdmDriver d;
    CHECK(idmAcceleration(d, 0.0, kInf, 0.0) == Approx(d.a));
    CHECK(idmAcceleration(d, d.v0, kInf, 0.0) == Approx(0.0).margin(1e-15));
    CHECK(idmAcceleration(d, 0.5 * d.v0, kInf, 0.0) == Approx(d.a * (1.0 - 1.0 / 16.0)));  // delta = 4
    CHECK(idmAcceleration(d, 1.1 * d.v0, kInf, 0.0) < 0.0);
}

TEST_CASE("IDM equilibrium gap makes the acceleration zero (analytic)", "[models]") {
    const IdmDriver d;
    for (const double v : {0.0, 5.0, 12.0, 20.0, 27.0, 29.5}) {
        INFO("v " << v);
        const double s = idmEquilibriumGap(d, v);
        CHECK(idmAcceleration(d, v, s, 0.0) == Approx(0.0).margin(1e-12));
        // Closer than equilibrium brakes, farther accelerates.
        CHECK(idmAcceleration(d, v, 0.9 * s, 0.0) < 0.0);
        if (v < d.v0) CHECK(idmAcceleration(d, v, 1.1 * s, 0.0) > 0.0);
    }
    CHECK(idmEquilibriumGap(d, 0.0) == Approx(d.s0));
}

TEST_CASE("IDM brakes harder than b approaching a stopped leader (the emergency regime)", "[models]") {
    // Treiber & Kesting: when the kinematic deceleration b_kin = v^2 / (2 s) needed to stop exceeds
    // b, the IDM decelerates by more than b_kin: s* >= v dv / (2 sqrt(ab)) gives exactly
    // dv/dt <= a (1 - (v/v0)^4) - b_kin^2 / b.
    const IdmDriver d;
    for (const double v : {15.0, 25.0, 29.0}) {
        for (const double bKinOverB : {1.5, 2.0, 4.0}) {
            const double bKin = bKinOverB * d.b;
            const double gap = v * v / (2.0 * bKin);
            const double acc = idmAcceleration(d, v, gap, v);  // leader stopped: dv = v
            INFO("v " << v << " gap " << gap << " acc " << acc);
            CHECK(acc <= idmFreeAcceleration(d, v) - bKin * bKin / d.b + 1e-12);
            CHECK(acc < -d.b);
            CHECK(acc < -bKin);
        }
    }
}

TEST_CASE("IDM follower converges to the equilibrium gap behind a steady leader", "[models]") {
    // Simulation check: leader at constant 20 m/s; the follower starts off equilibrium; ballistic
    // integration with dt = 0.05 s for 120 s. Must end within 1 % of s_e(20) and 0.05 m/s of 20.
    // (Starts: closing fast from far, too close and slow, too far at the same speed. A start from
    // standstill needs longer than 120 s: the leader is ~400 m away before the follower reaches
    // 20 m/s at a = 0.73 m/s^2.)
    const IdmDriver d;
    const double vLeader = 20.0;
    const double target = idmEquilibriumGap(d, vLeader);  // (2 + 32) / sqrt(1 - (2/3)^4) = 37.95 m
    struct Start {
        double gap;
        double v;
    };
    for (const Start start : {Start{80.0, 28.0}, Start{15.0, 12.0}, Start{60.0, 20.0}}) {
        double gap = start.gap;
        double v = start.v;
        const double dt = 0.05;
        double minGap = gap;
        for (int i = 0; i < 2400; ++i) {
            const double acc = idmAcceleration(d, v, gap, v - vLeader);
            const double vNext = std::max(0.0, v + acc * dt);
            gap += vLeader * dt - 0.5 * (v + vNext) * dt;
            v = vNext;
            minGap = std::min(minGap, gap);
        }
        INFO("start gap " << start.gap << " v " << start.v);
        CHECK(gap == Approx(target).epsilon(0.01));
        CHECK(v == Approx(vLeader).margin(0.05));
        CHECK(minGap > 0.0);  // the IDM is collision-free
    }
}
