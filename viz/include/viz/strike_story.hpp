// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/outcome.hpp"
#include "viz/frame_source.hpp"
#include "viz/view_state.hpp"

/// A strike told in words a class reads: who was struck, by what, how fast, and what the driver
/// behind it was doing (sim::Striker). The picture's caption, the striker's label, the panels and
/// the exports all say it with these functions, so they say the same thing.
namespace viz {

/// The strike (with its striker) that a Strike event marks: the same person at the same time.
/// Null when the source has none for it (a run still being computed, an old recording).
const sim::Strike* strikeOf(const FrameSource& source, const sim::Event& event);

/// The entity of the driven vehicle behind a strike, if it is in the source's entity table.
std::optional<std::uint32_t> strikerEntity(const FrameSource& source, const sim::Strike& strike);

/// What the driver behind a strike was doing at impact: one phrase per sim::Striker field, in the
/// order a trainer tells it ("eyes off the road for 2.7 s", "saw the scene 3,279 ft before it" or
/// "never saw the scene", "not braking"; "drowsy" or "impaired" first when the driver was in that
/// state). The phrases follow "Driver:" on the card and in the people panel ("Driver: impaired ·
/// eyes off the road for 4.2 s"). A field added to sim::Striker is one line in this function.
std::vector<std::string> driverFacts(const sim::Striker& striker, UnitSystem units);

struct StrikeStory {
    std::string headline;             ///< "Officer struck · 49 mph" (the impact speed)
    std::string by;                   ///< "By a tractor-trailer going 46 mph", or for a pushed unit
                                      ///< "By the patrol car, pushed by a tractor-trailer that hit it going 46 mph"
    std::vector<std::string> driver;  ///< driverFacts(); empty when the striker is unknown
    std::string strikerId;            ///< "vehicle-101"; empty when unknown
};

/// The story of the strike that `event` marks.
StrikeStory tellStrike(const FrameSource& source, const sim::Event& event, UnitSystem units);

/// "a sedan", "an SUV", "a tractor-trailer": the kind as a noun phrase in running text.
std::string withArticle(sim::VehicleKind kind);

}  // namespace viz
