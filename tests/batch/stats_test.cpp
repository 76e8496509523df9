// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>

#include "batch/stats.hpp"

using batch::PairedCounts;

TEST_CASE("Wilson score interval matches Newcombe (1998) Table II, method 3", "[batch][validation]") {
    // Newcombe RG, Two-sided confidence intervals for the single proportion: comparison of seven
    // methods, Stat Med 17:857-872 (1998), Table II: score method without continuity correction.
    struct Case { std::size_t x, n; double lo, hi; };
    for (const Case& c : {Case{81, 263, 0.2553, 0.3662}, Case{15, 148, 0.0624, 0.1605}, Case{0, 20, 0.0000, 0.1611},
                          Case{1, 29, 0.0061, 0.1718}}) {
        const batch::Estimate e = batch::wilsonInterval(c.x, c.n);
        INFO(c.x << "/" << c.n);
        CHECK(e.estimate == Approx(static_cast<double>(c.x) / static_cast<double>(c.n)));
        CHECK(e.lo == Approx(c.lo).margin(0.00005));
        CHECK(e.hi == Approx(c.hi).margin(0.00005));
    }
}

TEST_CASE("no strikes in n runs gives the rule of three, 3/n", "[batch]") {
    const batch::Estimate none = batch::strikeProbability(0, 300);
    CHECK(none.estimate == 0.0);
    CHECK(none.lo == 0.0);
    CHECK(none.hi == Approx(0.01));
    CHECK(none.method == "rule-of-three");
    CHECK(batch::strikeProbability(0, 2).hi == 1.0);  // capped at 1
    const batch::Estimate some = batch::strikeProbability(15, 148);
    CHECK(some.method == "wilson");
    CHECK(some.hi == Approx(0.1605).margin(0.00005));
}

TEST_CASE("paired relative risk: the delta-method interval on log RR, by hand", "[batch]") {
    // a = both struck, b = point only, c = baseline only: RR = (a + b) / (a + c).
    const PairedCounts counts{10, 20, 5, 65};
    const batch::RiskRatio rr = batch::pairedRiskRatio(counts);
    REQUIRE(rr.defined);
    CHECK(rr.estimate == Approx(2.0));
    const double se = std::sqrt(25.0 / (30.0 * 15.0));
    CHECK(rr.lo == Approx(2.0 * std::exp(-batch::kZ95 * se)));
    CHECK(rr.hi == Approx(2.0 * std::exp(batch::kZ95 * se)));
    CHECK_FALSE(rr.corrected);
    // Identical outcomes at both points (CRN, a tactic that changes nothing): RR = 1, zero width.
    const batch::RiskRatio same = batch::pairedRiskRatio({7, 0, 0, 93});
    CHECK(same.estimate == 1.0);
    CHECK(same.lo == 1.0);
    CHECK(same.hi == 1.0);
    // Pairing narrows the interval: the same margins with more concordant pairs.
    const batch::RiskRatio looser = batch::pairedRiskRatio({0, 30, 15, 55});
    CHECK(looser.estimate == Approx(2.0));
    CHECK(looser.hi / looser.lo > rr.hi / rr.lo);
}

TEST_CASE("paired relative risk with no strikes at one point: a one-sided interval that contains the estimate", "[batch]") {
    // No strike at the point, 4 at the baseline: RR = 0; the upper bound is the Haldane-corrected
    // one, exp(log(0.5 / 4.5) + z sqrt(5 / (0.5 * 4.5))).
    const batch::RiskRatio zeroPoint = batch::pairedRiskRatio({0, 0, 4, 96});
    REQUIRE(zeroPoint.defined);
    CHECK(zeroPoint.estimate == 0.0);
    CHECK(zeroPoint.corrected);
    CHECK(zeroPoint.lo == 0.0);
    CHECK(zeroPoint.hi == Approx(0.5 / 4.5 * std::exp(batch::kZ95 * std::sqrt(5.0 / (0.5 * 4.5)))));
    // The mirror image: strikes at the point only. RR = infinity, lower bound = 1 / the bound above.
    const batch::RiskRatio zeroBaseline = batch::pairedRiskRatio({0, 4, 0, 96});
    CHECK(std::isinf(zeroBaseline.estimate));
    CHECK(std::isinf(zeroBaseline.hi));
    CHECK(zeroBaseline.lo == Approx(1.0 / zeroPoint.hi));
    CHECK_FALSE(batch::pairedRiskRatio({0, 0, 0, 100}).defined);
}

TEST_CASE("mean interval is the normal approximation", "[batch]") {
    // values 1, 2, 3: mean 2, sd 1
    const batch::Estimate m = batch::meanInterval(6.0, 14.0, 3);
    CHECK(m.estimate == Approx(2.0));
    CHECK(m.hi - m.estimate == Approx(batch::kZ95 / std::sqrt(3.0)));
}
