// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/visibility.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::models {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// references.md#visibility [C]: Koschmieder, V = 3.912 / sigma (the 2 % contrast threshold: ln 50 = 3.912).
constexpr double kKoschmieder = 3.912;
}  // namespace

double extinctionCoefficient(double visibility) {
    if (!(visibility > 0.0)) return kInf;
    return kKoschmieder / visibility;  // +inf visibility gives 0
}

double visibilityFromExtinction(double sigma) {
    if (!(sigma > 0.0)) return kInf;
    return kKoschmieder / sigma;
}

double contrastDetectionDistance(double visibility, double c0, double eps) {
    // references.md#visibility [M, standard]: C(d) = C0 exp(-sigma d), detected while |C(d)| >= eps.
    const double c = std::abs(c0);
    if (!(eps > 0.0) || !(c > eps) || !(visibility > 0.0)) return 0.0;
    const double sigma = extinctionCoefficient(visibility);
    if (sigma == 0.0) return kInf;
    return std::log(c / eps) / sigma;
}

double lightDetectionDistance(double intensity, double visibility, double thresholdIlluminance) {
    // references.md#visibility [M]: Allard's law E(d) = I exp(-sigma d) / d^2, detected while E >= E_T.
    if (!(intensity > 0.0) || !(visibility > 0.0)) return 0.0;
    if (!(thresholdIlluminance > 0.0)) return kInf;
    const double sigma = extinctionCoefficient(visibility);
    const double logRatio = std::log(intensity) - std::log(thresholdIlluminance);  // ln(I / E_T)
    const double xClear = 0.5 * logRatio;  // ln of the clear-air range sqrt(I / E_T)
    if (sigma == 0.0) return std::exp(xClear);  // clear air: the inverse-square law alone

    // Solve g(x) = ln(I/E_T) - sigma e^x - 2x = 0 in x = ln d. g is strictly decreasing
    // (g' = -sigma e^x - 2) and concave, so the root is unique, and Newton started right of it
    // (at the clear-air range, where g = -sigma sqrt(I/E_T) <= 0) converges monotonically from the
    // right. Working in ln d keeps the iteration well scaled for V from millimetres to
    // "infinity" (sigma e^x tiny: the first step returns the clear-air range). A bisection
    // bracket [lo, hi] guards against rounding. (Equivalently d = (2/sigma) W0(sigma sqrt(I/E_T)/2),
    // W0 the Lambert W function.)
    const auto g = [&](double x) { return logRatio - sigma * std::exp(x) - 2.0 * x; };
    double hi = xClear;  // g(hi) <= 0
    double lo = xClear - 1.0;
    for (int i = 0; i < 4000 && g(lo) <= 0.0; ++i) lo -= 1.0;  // g -> +inf as x -> -inf
    double x = hi;
    for (int i = 0; i < 200; ++i) {
        const double gx = g(x);
        if (gx == 0.0) break;
        if (gx > 0.0) lo = x; else hi = x;
        double next = x + gx / (sigma * std::exp(x) + 2.0);
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
        const double tol = 1e-14 * std::max(1.0, std::abs(x));
        const bool done = std::abs(next - x) <= tol || hi - lo <= tol;
        x = next;
        if (done) break;
    }
    return std::exp(x);
}

double lightThreshold(Light light) {
    switch (light) {
        // references.md#visibility [M]: ~1e-6 lx at night, a modelling assumption (ICAO RVR manual lists
        // E_T values).
        case Light::Night: return 1e-6;
        // references.md#visibility [M]: ~1e-4 lx "in twilight or bright surrounds"; street lighting is a
        // bright surround.
        case Light::Dusk: return 1e-4;
        case Light::NightLit: return 1e-4;
        // Assumption: ten times the twilight value. The reference gives no daytime threshold; a
        // point light against a daylit sky needs far more illuminance than at dusk, and we
        // remember (unverified, [M]) ICAO listing ~1e-3 lx for bright day.
        case Light::Day: return 1e-3;
    }
    return 1e-3;
}

double warningLightIntensity(UnitLights lights) {
    switch (lights) {
        case UnitLights::None: return 0.0;
        // Assumption: the references.md#visibility table's 100 cd column (the order of a rear amber turn
        // signal lamp, which hazard flashers use).
        case UnitLights::Hazards: return 100.0;
        // Assumption: the references.md#visibility table's 1000 cd column. Bullough et al.'s beacons
        // (references.md#visibility [C]) peaked at 25-150 cd each; a full light bar has many heads.
        case UnitLights::Emergency: return 1000.0;
        // Assumption: the same 1000 cd column. An arrow board (MUTCD Type C, legible at a mile)
        // is likely brighter by day; no figure in the reference.
        case UnitLights::ArrowBoard: return 1000.0;
    }
    return 0.0;
}

double personRecognitionDistance(const Environment& env) {
    const double contrast = contrastDetectionDistance(env.visibility);
    switch (env.light) {
        case Light::Day: return contrast;
        // references.md#visibility [C]: Balk, Tyrrell, Brooks & Carpenter (2008), low beams, black clothing.
        case Light::Night: return std::min(contrast, 30.6);
        // Assumption: street lighting and dusk let a driver see a person about as far as the
        // biomotion-marked pedestrian of Balk et al. (2008), 113.5 m.
        case Light::NightLit:
        case Light::Dusk: return std::min(contrast, 113.5);
    }
    return contrast;
}

double unlitRecognitionCap(Light light) {
    switch (light) {
        case Light::Day: return kInf;  // daylight: only visibility limits recognition
        // Assumption: twice the night-lit cap. At dusk ambient light still shows the shape of a
        // parked vehicle beyond headlight reach; no published figure.
        case Light::Dusk: return 440.0;
        // references.md#visibility [C]: Balk et al. (2008), low beams, full retroreflective (biomotion)
        // markings, 113.5 m. A parked vehicle's reflectors and plates are the proxy.
        case Light::Night: return 113.5;
        // Assumption: street lighting shows the scene about as far as the best case of Wood et al.
        // (2005) (young drivers, high beams, biomotion markings: 220 m, references.md#visibility [C]).
        case Light::NightLit: return 220.0;
    }
    return kInf;
}

double sceneDetectionDistance(const Environment& env, UnitLights brightestLights, double sightDistance,
                              double maxDistance) {
    const double object = std::min(contrastDetectionDistance(env.visibility), unlitRecognitionCap(env.light));
    const double intensity = warningLightIntensity(brightestLights);
    const double lights =
        intensity > 0.0 ? lightDetectionDistance(intensity, env.visibility, lightThreshold(env.light)) : 0.0;
    const double d = std::min({sightDistance, maxDistance, std::max(object, lights)});
    return std::max(d, 0.0);
}

}  // namespace sim::models
