// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/io/quantity.hpp"

using sim::io::Dimension;
using sim::io::parseQuantity;

namespace {

double si(std::string_view text, Dimension dimension) {
    const sim::io::ParsedQuantity q = parseQuantity(text, dimension);
    INFO(text << ": " << q.error);
    REQUIRE(q.value.has_value());
    return *q.value;
}

bool rejected(std::string_view text, Dimension dimension) { return !parseQuantity(text, dimension).value.has_value(); }

}  // namespace

TEST_CASE("quantities with units convert to SI", "[io]") {
    // Exact conversions: the foot, the mile and the mph are defined exactly in metres.
    CHECK(si("65 mph", Dimension::Speed) == Approx(29.0576).epsilon(1e-12));
    CHECK(si("100 km/h", Dimension::Speed) == Approx(27.777777777777).epsilon(1e-12));
    CHECK(si("12 ft", Dimension::Length) == Approx(3.6576).epsilon(1e-12));
    CHECK(si("3.6 m", Dimension::Length) == 3.6);
    CHECK(si("1 mi", Dimension::Length) == Approx(1609.344).epsilon(1e-12));
    CHECK(si("90 s", Dimension::Time) == 90.0);
    CHECK(si("10 min", Dimension::Time) == 600.0);
    CHECK(si("1.5 h", Dimension::Time) == 5400.0);
    CHECK(si("15 deg", Dimension::Angle) == Approx(0.2617993877991494).epsilon(1e-12));
    CHECK(si("0.5 rad", Dimension::Angle) == 0.5);
    CHECK(si("1500 veh/h", Dimension::Flow) == Approx(1500.0 / 3600.0).epsilon(1e-12));
    CHECK(si("9 /h", Dimension::Rate) == Approx(9.0 / 3600.0).epsilon(1e-12));
    CHECK(si("3.4 m/s^2", Dimension::Acceleration) == 3.4);
    CHECK(si("0.8 g", Dimension::Acceleration) == Approx(0.8 * 9.81).epsilon(1e-12));
    CHECK(si("2000 kg", Dimension::Mass) == 2000.0);
    CHECK(si("2 t", Dimension::Mass) == 2000.0);
    CHECK(si("50 %", Dimension::Dimensionless) == 0.5);
}

TEST_CASE("quantity syntax: spacing, signs, exponents, bare numbers in SI", "[io]") {
    CHECK(si("12ft", Dimension::Length) == Approx(3.6576));
    CHECK(si("  -3 ft ", Dimension::Length) == Approx(-0.9144));
    CHECK(si("+2.5e1 m", Dimension::Length) == 25.0);
    CHECK(si(".5 s", Dimension::Time) == 0.5);
    CHECK(si("7", Dimension::Length) == 7.0);  // a number without a unit is SI
    CHECK(sim::io::siQuantity(3.0, Dimension::Speed).value == 3.0);
}

TEST_CASE("quantities are rejected with a reason: wrong dimension, garbage, nan, inf, huge", "[io]") {
    SECTION("a unit of another dimension names both dimensions") {
        const auto q = parseQuantity("30 kg", Dimension::Speed);
        REQUIRE_FALSE(q.value);
        CHECK_THAT(q.error, Catch::Contains("a mass") && Catch::Contains("not a speed"));
        CHECK_THAT(q.hint, Catch::Contains("mph"));
    }
    SECTION("a misspelt unit gets a suggestion") {
        const auto q = parseQuantity("100 kmh", Dimension::Speed);
        REQUIRE_FALSE(q.value);
        CHECK(q.hint == "did you mean \"100 km/h\"?");
    }
    SECTION("garbage and empty text") {
        CHECK(rejected("", Dimension::Length));
        CHECK(rejected("   ", Dimension::Length));
        CHECK(rejected("ft", Dimension::Length));
        CHECK(rejected("twelve ft", Dimension::Length));
        CHECK(rejected("12 ft ft", Dimension::Length));
        CHECK(rejected("1.2.3 m", Dimension::Length));
        CHECK(rejected("0x10 m", Dimension::Length));
        CHECK(rejected("\xff\xfe m", Dimension::Length));
    }
    SECTION("nan and inf in any spelling") {
        for (const char* text : {"nan", "NaN m", "inf", "-inf m", "infinity", "+inf"}) CHECK(rejected(text, Dimension::Length));
        CHECK_FALSE(sim::io::siQuantity(std::nan(""), Dimension::Length).value);
        CHECK_FALSE(sim::io::siQuantity(HUGE_VAL, Dimension::Length).value);
    }
    SECTION("numbers beyond a double, before or after conversion") {
        CHECK(rejected("1e400 m", Dimension::Length));
        CHECK(rejected("-1e400", Dimension::Length));
        CHECK(rejected("1e308 mi", Dimension::Length));  // finite in miles, infinite in metres
    }
}

TEST_CASE("formatted quantities use display units", "[io]") {
    CHECK(sim::io::formatQuantity(1200.0 / 3600.0, Dimension::Flow) == "1200 veh/h");
    CHECK(sim::io::formatQuantity(3.6576, Dimension::Length) == "3.6576 m");
    CHECK(sim::io::formatQuantity(0.2617993877991494, Dimension::Angle) == "0.261799 rad (15 deg)");
    CHECK(sim::io::formatQuantity(0.5, Dimension::Dimensionless) == "0.5");
}
