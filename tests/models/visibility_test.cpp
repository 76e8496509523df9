// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "sim/models/visibility.hpp"

using namespace sim;
using namespace sim::models;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("Allard solver satisfies E(d) = E_T across extreme visibilities", "[models]") {
    // Analytic check: at the returned d, I exp(-sigma d) / d^2 equals E_T (relative 1e-10), from
    // millimetre fog to clear air.
    for (const double intensity : {1.0, 100.0, 1000.0, 1e6}) {
        for (const double threshold : {1e-7, 1e-6, 1e-4, 1e-3, 1.0}) {
            for (const double visibility : {1e-3, 0.5, 10.0, 100.0, 2000.0, 1e5, 1e9, 1e200}) {
                const double d = lightDetectionDistance(intensity, visibility, threshold);
                const double sigma = extinctionCoefficient(visibility);
                INFO("I " << intensity << " E_T " << threshold << " V " << visibility << " d " << d);
                REQUIRE(d > 0.0);
                REQUIRE(std::isfinite(d));
                // ln E(d) - ln E_T, which is what the solver zeroes (no underflow for tiny V).
                const double logResidual =
                    std::log(intensity) - sigma * d - 2.0 * std::log(d) - std::log(threshold);
                CHECK(std::abs(logResidual) < 1e-10);
                CHECK(d <= std::sqrt(intensity / threshold) * (1.0 + 1e-12));  // never beyond clear air
            }
        }
    }
    // Clear air: the inverse-square law, sqrt(I / E_T).
    CHECK(lightDetectionDistance(1000.0, kInf, 1e-6) == Approx(std::sqrt(1000.0 / 1e-6)));
    CHECK(lightDetectionDistance(0.0, 100.0, 1e-6) == 0.0);
    CHECK(lightDetectionDistance(1000.0, 0.0, 1e-6) == 0.0);
}

TEST_CASE("Light detection grows with intensity and visibility and shrinks with the threshold", "[models]") {
    double last = 0.0;
    for (const double v : {5.0, 20.0, 50.0, 200.0, 1000.0, 10000.0}) {
        const double d = lightDetectionDistance(1000.0, v, 1e-6);
        CHECK(d > last);
        last = d;
    }
    CHECK(lightDetectionDistance(1000.0, 200.0, 1e-6) > lightDetectionDistance(100.0, 200.0, 1e-6));
    CHECK(lightDetectionDistance(1000.0, 200.0, 1e-6) > lightDetectionDistance(1000.0, 200.0, 1e-4));
}

TEST_CASE("Light thresholds, warning-light intensities and unlit caps per condition", "[models]") {
    CHECK(lightThreshold(Light::Night) == Approx(1e-6));     // references.md#visibility [M]
    CHECK(lightThreshold(Light::Dusk) == Approx(1e-4));      // references.md#visibility [M]
    CHECK(lightThreshold(Light::NightLit) == Approx(1e-4));  // references.md#visibility [M], bright surround
    CHECK(lightThreshold(Light::Day) > lightThreshold(Light::Dusk));  // assumption 1e-3
    CHECK(warningLightIntensity(UnitLights::None) == 0.0);
    CHECK(warningLightIntensity(UnitLights::Hazards) == Approx(100.0));
    CHECK(warningLightIntensity(UnitLights::Emergency) == Approx(1000.0));
    CHECK(warningLightIntensity(UnitLights::ArrowBoard) >= warningLightIntensity(UnitLights::Hazards));
    CHECK(unlitRecognitionCap(Light::Night) == Approx(113.5));  // Balk et al. 2008 [C]
    CHECK(std::isinf(unlitRecognitionCap(Light::Day)));
    CHECK(unlitRecognitionCap(Light::Night) < unlitRecognitionCap(Light::NightLit));
    CHECK(unlitRecognitionCap(Light::NightLit) < unlitRecognitionCap(Light::Dusk));
}

TEST_CASE("sceneDetectionDistance composes object, lights, sight distance and the cap", "[models]") {
    Environment night;
    night.light = Light::Night;
    night.visibility = 100.0;
    // Night fog, emergency lights: the 1000 cd night column (248 m) beats the officer's 59 m.
    CHECK(sceneDetectionDistance(night, UnitLights::Emergency, kInf) == Approx(248.0).epsilon(0.005));
    // ... capped by a curve's sight distance and by maxDistance.
    CHECK(sceneDetectionDistance(night, UnitLights::Emergency, 150.0) == Approx(150.0));
    CHECK(sceneDetectionDistance(night, UnitLights::Emergency, kInf, 120.0) == Approx(120.0));
    // No lights: only the object's contrast distance (0.59 V, under the 113.5 m headlight cap).
    CHECK(sceneDetectionDistance(night, UnitLights::None, kInf) == Approx(contrastDetectionDistance(100.0)));

    Environment clearNight = night;
    clearNight.visibility = 20000.0;
    // Clear night, no lights: the headlight cap (Balk 113.5 m), not the 11.8 km contrast distance.
    CHECK(sceneDetectionDistance(clearNight, UnitLights::None, kInf) == Approx(113.5));

    Environment day;  // clear day, V 20 km
    CHECK(sceneDetectionDistance(day, UnitLights::None, kInf) == Approx(1000.0));  // maxDistance
    CHECK(sceneDetectionDistance(day, UnitLights::None, 300.0) == Approx(300.0));

    Environment fogDay = day;
    fogDay.visibility = 50.0;
    const double lights = lightDetectionDistance(1000.0, 50.0, lightThreshold(Light::Day));
    CHECK(sceneDetectionDistance(fogDay, UnitLights::Emergency, kInf) ==
          Approx(std::max(lights, contrastDetectionDistance(50.0))));
    CHECK(sceneDetectionDistance(fogDay, UnitLights::Emergency, kInf) >=
          sceneDetectionDistance(fogDay, UnitLights::None, kInf));
}
