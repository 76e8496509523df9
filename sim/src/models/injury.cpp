// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/models/injury.hpp"

#include <algorithm>
#include <cmath>

#include "sim/units.hpp"

namespace sim::models {

namespace {
/// 1 / (1 + exp(-(b0 + b1 v))) with v in mph, evaluated without overflow for any v.
double logisticMph(double b0, double b1PerMph, double vMetresPerSecond) {
    const double v = std::max(vMetresPerSecond, 0.0) / units::kMph;
    const double z = b0 + b1PerMph * v;
    if (z >= 0.0) return 1.0 / (1.0 + std::exp(-z));
    const double e = std::exp(z);
    return e / (1.0 + e);
}
}  // namespace

double pedestrianDeathRisk(double v) {
    // references.md#injury [D]: logistic fit to Tefft (2013) death percentiles (10/25/50/75/90 % at
    // 24.1/32.5/40.6/48.0/54.6 mph); b0 = -5.725, b1 = 0.1433 per mph, max error 0.023.
    return logisticMph(-5.725, 0.1433, v);
}

double pedestrianSevereInjuryRisk(double v) {
    // references.md#injury [D]: logistic fit to Tefft (2013) AIS 4+ percentiles (17.1/24.9/33.0/40.8/
    // 48.1 mph); b0 = -4.621, b1 = 0.1410 per mph, max error 0.008.
    return logisticMph(-4.621, 0.1410, v);
}

bool glancing(double relativeSpeed, double normalSpeed) {
    // cos 60 deg: see the header [assumption].
    return std::abs(normalSpeed) < 0.5 * relativeSpeed;
}

double injurySpeed(StrikeContact contact, double relativeSpeed, double normalSpeed) {
    switch (contact) {
        case StrikeContact::Glancing: return std::min(std::abs(normalSpeed), relativeSpeed);
        case StrikeContact::Crush: return std::max(relativeSpeed, std::abs(normalSpeed));
        case StrikeContact::Frontal: break;
    }
    return relativeSpeed;
}

std::string_view injuryModel(StrikeContact contact) {
    switch (contact) {
        case StrikeContact::Glancing: return "tefft-2013-at-normal-speed";
        case StrikeContact::Crush: return "tefft-2013-at-crush-closing-speed";
        case StrikeContact::Frontal: break;
    }
    return "tefft-2013";
}

InjuryRisk pedestrianInjury(StrikeContact contact, double relativeSpeed, double normalSpeed) {
    const double v = injurySpeed(contact, relativeSpeed, normalSpeed);
    return {v, pedestrianSevereInjuryRisk(v), pedestrianDeathRisk(v)};
}

}  // namespace sim::models
