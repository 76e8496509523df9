// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/strike_story.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "sim/presets.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

std::string seconds(double s) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f s", s);
    return buffer;
}

std::string lowerFirst(std::string text) {
    // Keep acronyms ("SUV") as they are.
    if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) && std::islower(static_cast<unsigned char>(text[1])))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

/// "the patrol car", "the stopped vehicle", "the fire engine": a parked unit in running text.
std::string unitPhrase(const FrameSource& source, std::uint32_t entity) {
    const auto& entities = source.entities();
    if (entity >= entities.size()) return "a parked unit";
    const sim::EntityInfo& e = entities[entity];
    if (e.kind != sim::EntityKind::Unit) return e.id;
    const bool named = e.unitRole == sim::UnitRole::Patrol || e.unitRole == sim::UnitRole::Violator;
    return "the " + lowerFirst(named ? displayName(e.unitRole) : displayName(e.vehicleKind));
}

}  // namespace

const sim::Strike* strikeOf(const FrameSource& source, const sim::Event& event) {
    if (event.kind != sim::EventKind::Strike || event.subject >= source.entities().size()) return nullptr;
    const std::string& person = source.entities()[event.subject].id;
    for (const sim::Strike& s : source.strikes())
        if (s.person == person && std::abs(s.time - event.time) < 1e-6) return &s;
    return nullptr;
}

std::optional<std::uint32_t> strikerEntity(const FrameSource& source, const sim::Strike& strike) {
    if (strike.striker.id.empty()) return std::nullopt;
    const auto& entities = source.entities();
    for (std::uint32_t i = 0; i < entities.size(); ++i)
        if (entities[i].id == strike.striker.id) return i;
    return std::nullopt;
}

std::vector<std::string> driverFacts(const sim::Striker& s, UnitSystem units) {
    std::vector<std::string> out;
    if (s.state == sim::DriverState::Asleep) {
        // A lapse: not a glance away but a driver who has stopped responding.
        out.push_back(s.eyesOffFor >= 0.0 ? "asleep or not responding for " + seconds(s.eyesOffFor) : "asleep or not responding");
    } else {
        // Read after "Driver:" on the card and in the people panel: "Driver: impaired · eyes off …".
        if (s.state != sim::DriverState::Normal) out.push_back(std::string(sim::name(s.state)));
        out.push_back(s.eyesOffFor >= 0.0 ? "eyes off the road for " + seconds(s.eyesOffFor) : "eyes on the road");
    }
    out.push_back(s.sawSceneAt >= 0.0 ? "saw the scene " + formatDistance(s.sawSceneAt, units) + " before it" : "never saw the scene");
    out.push_back(s.braking ? "braking" : "not braking");
    if (s.drifting && s.eyesOffFor < 0.0) out.push_back("still drifting, not yet steering back");
    return out;
}

std::string withArticle(sim::VehicleKind kind) {
    const std::string noun = lowerFirst(displayName(kind));
    // By sound: "an SUV" (ess-), "a sedan", "an unmarked …".
    const bool acronym = noun.size() > 1 && std::isupper(static_cast<unsigned char>(noun[1]));
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(noun.front())));
    const bool vowel = acronym ? std::string_view("aefhilmnorsx").find(c) != std::string_view::npos
                               : std::string_view("aeiou").find(c) != std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
}

StrikeStory tellStrike(const FrameSource& source, const sim::Event& event, UnitSystem units) {
    StrikeStory story;
    const auto& entities = source.entities();
    const std::string who = event.subject < entities.size() ? displayName(entities[event.subject].personRole) + " struck" : "Struck";
    story.headline = who + " · " + formatSpeed(event.value, units);
    const sim::Strike* strike = strikeOf(source, event);
    const bool known = strike && !strike->striker.id.empty();
    if (known) {
        const sim::Striker& s = strike->striker;
        story.strikerId = s.id;
        story.driver = driverFacts(s, units);
        story.by = event.viaPushedUnit ? "By " + unitPhrase(source, event.other) + ", pushed by " + withArticle(s.kind) +
                                             " that hit it going " + formatSpeed(s.speed, units)
                                       : "By " + withArticle(s.kind) + " going " + formatSpeed(s.speed, units);
    } else if (event.viaPushedUnit) {
        story.by = "By " + unitPhrase(source, event.other) + ", pushed into them";
    } else if (event.other < entities.size() && entities[event.other].kind == sim::EntityKind::TrafficVehicle) {
        story.by = "By " + withArticle(entities[event.other].vehicleKind);
    }
    return story;
}

}  // namespace viz
