// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>

#include <SFML/Graphics/Color.hpp>

#include "sim/frame.hpp"

/// The scene's colours, in one place so that drawings, legends and tests agree.
namespace viz {

namespace palette {
inline const sf::Color kAsphalt{62, 64, 68};
inline const sf::Color kTyreTrack{58, 60, 64};
inline const sf::Color kShoulder{92, 90, 86};        ///< lighter, warmer asphalt than the lanes
inline const sf::Color kGravel{128, 120, 106};
inline const sf::Color kGrass{84, 104, 66};
inline const sf::Color kLaneWhite{236, 236, 230};
inline const sf::Color kEdgeYellow{236, 186, 36};
inline const sf::Color kRumble{72, 70, 66};
inline const sf::Color kGuardrail{188, 192, 196};
inline const sf::Color kGuardrailPost{80, 80, 82};
inline const sf::Color kStrike{226, 28, 36};
inline const sf::Color kCollision{255, 140, 20};
inline const sf::Color kDetection{255, 190, 0};
inline const sf::Color kGlass{34, 44, 56};
inline const sf::Color kTailLight{120, 10, 14};
inline const sf::Color kBrakeLight{255, 36, 36};
inline const sf::Color kHeadLamp{250, 246, 220};
inline const sf::Color kAmber{255, 170, 0};
inline const sf::Color kEmergencyRed{255, 24, 32};
inline const sf::Color kEmergencyBlue{30, 90, 255};
inline const sf::Color kHiVis{206, 240, 40};
inline const sf::Color kReflective{220, 224, 228};
inline const sf::Color kConeOrange{255, 106, 0};
inline const sf::Color kShadow{0, 0, 0, 70};
inline const sf::Color kPanelText{240, 240, 240};
inline const sf::Color kLabelBackground{16, 18, 24, 200};
}  // namespace palette

/// 0xAARRGGBB, as EntityInfo::colour.
sf::Color fromArgb(std::uint32_t argb);
/// Each channel times f (clamped), alpha kept.
sf::Color shade(sf::Color c, double f);
sf::Color mix(sf::Color a, sf::Color b, double t);
sf::Color withAlpha(sf::Color c, double alpha);

/// The clothing colour of a person's role, as on the legend.
sf::Color roleColour(sim::PersonRole role);

/// The body colour of a traffic vehicle: passenger cars vary (a deterministic pick per entity from
/// the common US car colours) so that the stream reads as traffic; units keep their own colour.
sf::Color bodyColour(const sim::EntityInfo& info, std::uint32_t entityIndex);

}  // namespace viz
