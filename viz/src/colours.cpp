// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/colours.hpp"

#include <algorithm>
#include <array>

namespace viz {

namespace {
sf::Uint8 channel(double v) { return static_cast<sf::Uint8>(std::clamp(v, 0.0, 255.0)); }
}  // namespace

sf::Color fromArgb(std::uint32_t argb) {
    return {static_cast<sf::Uint8>(argb >> 16), static_cast<sf::Uint8>(argb >> 8), static_cast<sf::Uint8>(argb),
            static_cast<sf::Uint8>(argb >> 24)};
}

sf::Color shade(sf::Color c, double f) { return {channel(c.r * f), channel(c.g * f), channel(c.b * f), c.a}; }

sf::Color mix(sf::Color a, sf::Color b, double t) {
    return {channel(a.r + (b.r - a.r) * t), channel(a.g + (b.g - a.g) * t), channel(a.b + (b.b - a.b) * t),
            channel(a.a + (b.a - a.a) * t)};
}

sf::Color withAlpha(sf::Color c, double alpha) {
    c.a = channel(alpha * 255.0);
    return c;
}

sf::Color roleColour(sim::PersonRole role) {
    switch (role) {
    case sim::PersonRole::Officer: return {24, 40, 86};         // navy uniform
    case sim::PersonRole::Motorist: return {150, 64, 140};      // civilian: a colour no uniform uses
    case sim::PersonRole::TowOperator: return {255, 122, 0};    // orange hi-vis
    case sim::PersonRole::Firefighter: return {186, 150, 84};   // tan turnout gear
    case sim::PersonRole::Other: return {110, 110, 110};
    }
    return {110, 110, 110};
}

sf::Color bodyColour(const sim::EntityInfo& info, std::uint32_t entityIndex) {
    if (info.kind != sim::EntityKind::TrafficVehicle) return fromArgb(info.colour);
    // Common US new-car colours, roughly by share (white, black, grey, silver, blue, red, others).
    static constexpr std::array<std::uint32_t, 12> kCarColours = {
        0xFFF0F0EE, 0xFFEDEDEB, 0xFF1C1C1E, 0xFF25272A, 0xFF7A7E84, 0xFF6B6F75,
        0xFFB8BCC0, 0xFFA9AEB3, 0xFF1F3F7A, 0xFF9E1B22, 0xFF3E5F4A, 0xFF8A6E4B};
    switch (info.vehicleKind) {
    case sim::VehicleKind::Sedan:
    case sim::VehicleKind::Suv:
    case sim::VehicleKind::Pickup:
    case sim::VehicleKind::Motorcycle:
    case sim::VehicleKind::TractorTrailer: {  // the tractor's colour; the trailer is drawn white
        const std::uint32_t h = (entityIndex * 2654435761u) >> 16;  // Knuth's multiplicative hash
        return fromArgb(kCarColours[h % kCarColours.size()]);
    }
    default: return fromArgb(info.colour);
    }
}

}  // namespace viz
