// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/text_format.hpp"

#include <cmath>
#include <cstdio>

#include "sim/units.hpp"

namespace viz {

namespace {

std::string printf1(const char* format, double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

/// An integer with thousands separators: 1,200.
std::string grouped(double v) {
    std::string digits = printf1("%.0f", std::abs(v));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (v < 0 && digits != "0" ? "-" : "") + digits;
}

}  // namespace

std::string formatDistance(double metres, UnitSystem units) {
    if (units == UnitSystem::Metric) {
        if (std::abs(metres) >= 1000.0) return printf1("%.1f km", metres / 1000.0);
        if (std::abs(metres) >= 10.0) return grouped(metres) + " m";
        return printf1("%.2f m", metres);
    }
    const double feet = metres / sim::units::kFoot;
    if (std::abs(feet) >= 5280.0 * 2) return printf1("%.1f mi", metres / sim::units::kMile);
    if (std::abs(feet) >= 20.0) return grouped(feet) + " ft";
    return printf1("%.1f ft", feet);
}

std::string formatSpeed(double metresPerSecond, UnitSystem units) {
    if (units == UnitSystem::Metric) return printf1("%.0f km/h", metresPerSecond / sim::units::kKmh);
    return printf1("%.0f mph", metresPerSecond / sim::units::kMph);
}

std::string formatClock(double seconds) {
    const double t = std::max(0.0, seconds);
    const int minutes = static_cast<int>(t / 60.0);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%d:%04.1f", minutes, t - 60.0 * minutes);
    return buffer;
}

std::string formatDuration(double seconds) {
    if (seconds < 90.0) return printf1("%.0f s", seconds);
    const int minutes = static_cast<int>(seconds / 60.0);
    const int rest = static_cast<int>(std::lround(seconds - 60.0 * minutes));
    return std::to_string(minutes) + " min" + (rest ? " " + std::to_string(rest) + " s" : "");
}

std::string formatFlow(double vehiclesPerSecond) { return grouped(vehiclesPerSecond * 3600.0) + " veh/h"; }

std::string formatShare(double share) {
    const double percent = 100.0 * share;
    if (percent == 0.0) return "0 %";
    if (percent < 0.001) return "< 0.001 %";
    if (percent >= 10.0) return printf1("%.0f %%", percent);
    return printf1("%.2g %%", percent);  // two significant digits: 0.4 %, 1.5 %, 0.05 %
}

std::string conditionsSummary(const sim::Environment& env, UnitSystem units) {
    std::string out = displayName(env.light);
    if (env.weather != sim::Weather::Clear) out += " · " + displayName(env.weather);
    if (env.visibility < 10000.0) out += " · visibility " + formatDistance(env.visibility, units);
    switch (env.surface) {
    case sim::Surface::Dry: break;
    case sim::Surface::Wet: out += " · wet road"; break;
    case sim::Surface::Snow: out += " · snow on the road"; break;
    case sim::Surface::Ice: out += " · icy road"; break;
    }
    return out;
}

std::string roadSummary(const sim::Scenario& scenario, UnitSystem units) {
    const sim::Road& r = scenario.road;
    std::string out = std::to_string(r.lanes) + (r.lanes == 1 ? " lane · " : " lanes · ") + formatSpeed(r.speedLimit, units);
    const auto& flows = scenario.traffic.flowPerLane;
    if (!flows.empty()) {
        bool same = true;
        for (double f : flows) same = same && std::abs(f - flows.front()) < 1e-9;
        out += " · " + (same ? formatFlow(flows.front()) + " per lane" : "flows vary by lane");
    }
    return out;
}

std::string displayName(sim::PersonRole role) {
    switch (role) {
    case sim::PersonRole::Officer: return "Officer";
    case sim::PersonRole::Motorist: return "Motorist";
    case sim::PersonRole::TowOperator: return "Tow operator";
    case sim::PersonRole::Firefighter: return "Firefighter";
    case sim::PersonRole::Other: return "Person";
    }
    return "Person";
}

std::string displayName(sim::VehicleKind kind) {
    switch (kind) {
    case sim::VehicleKind::Sedan: return "Sedan";
    case sim::VehicleKind::Suv: return "SUV";
    case sim::VehicleKind::Pickup: return "Pickup";
    case sim::VehicleKind::BoxTruck: return "Box truck";
    case sim::VehicleKind::TractorTrailer: return "Tractor-trailer";
    case sim::VehicleKind::Motorcycle: return "Motorcycle";
    case sim::VehicleKind::FireEngine: return "Fire engine";
    case sim::VehicleKind::TowTruck: return "Tow truck";
    case sim::VehicleKind::PatrolSuv: return "Patrol SUV";
    case sim::VehicleKind::PatrolSedan: return "Patrol sedan";
    case sim::VehicleKind::Motorhome: return "Motorhome";
    }
    return "Vehicle";
}

std::string displayName(sim::UnitRole role) {
    switch (role) {
    case sim::UnitRole::Violator: return "Stopped vehicle";
    case sim::UnitRole::Patrol: return "Patrol car";
    case sim::UnitRole::Blocker: return "Blocker";
    case sim::UnitRole::Other: return "Unit";
    }
    return "Unit";
}

std::string displayName(sim::EventKind kind) {
    switch (kind) {
    case sim::EventKind::Strike: return "Strike";
    case sim::EventKind::Collision: return "Collision";
    case sim::EventKind::ShoulderIntrusion: return "Shoulder intrusion";
    case sim::EventKind::ClosePass: return "Close pass";
    }
    return "Event";
}

std::string displayName(sim::UnitLights lights) {
    switch (lights) {
    case sim::UnitLights::None: return "none";
    case sim::UnitLights::Hazards: return "hazards";
    case sim::UnitLights::Emergency: return "emergency lights";
    case sim::UnitLights::ArrowBoard: return "arrow board";
    }
    return "none";
}

std::string displayName(sim::Light light) {
    switch (light) {
    case sim::Light::Day: return "Day";
    case sim::Light::Dusk: return "Dusk";
    case sim::Light::Night: return "Night";
    case sim::Light::NightLit: return "Night, street lighting";
    }
    return "Day";
}

std::string displayName(sim::Weather weather) {
    switch (weather) {
    case sim::Weather::Clear: return "clear";
    case sim::Weather::Rain: return "rain";
    case sim::Weather::Fog: return "fog";
    case sim::Weather::Snow: return "snow";
    }
    return "clear";
}

}  // namespace viz
