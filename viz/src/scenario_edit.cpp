// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] the flat text's tables, [2] reading a tactic from a scenario, [3] writing edits.
#include "viz/scenario_edit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "viz/text_format.hpp"

namespace viz {

namespace {

using sim::units::kDegree;
using sim::units::kFoot;

// ---------------------------------------------------------------------------------------------
// [1] The flat text's tables
// ---------------------------------------------------------------------------------------------

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

/// True if `line` is the header of `section`, written bare ([units.patrol]) or with the last key
/// quoted ([units."patrol 2"]).
bool isHeader(std::string_view line, std::string_view section) {
    line = trim(line);
    if (line.size() < 2 || line.front() != '[' || line.back() != ']') return false;
    const std::string_view inner = trim(line.substr(1, line.size() - 2));
    if (inner == section) return true;
    const auto dot = section.rfind('.');
    if (dot == std::string_view::npos) return false;
    return inner == std::string(section.substr(0, dot + 1)) + "\"" + std::string(section.substr(dot + 1)) + "\"";
}

bool isAnyHeader(std::string_view line) {
    line = trim(line);
    return !line.empty() && line.front() == '[';
}

/// Calls f(line, begin offset) for every line of text.
template <typename F> void forEachLine(std::string_view text, F f) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) end = text.size();
        f(text.substr(begin, end - begin), begin, end);
        begin = end + 1;
    }
}

std::string unquote(std::string_view value) {
    value = trim(value);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return std::string(value.substr(1, value.size() - 2));
    return std::string(value);
}

// ---------------------------------------------------------------------------------------------
// [2] Reading a tactic from a scenario
// ---------------------------------------------------------------------------------------------

const sim::UnitDef* findUnit(const sim::Scenario& sc, std::string_view id) {
    for (const sim::UnitDef& u : sc.units)
        if (u.id == id) return &u;
    return nullptr;
}

const sim::UnitDef* firstWithRole(const sim::Scenario& sc, sim::UnitRole role) {
    for (const sim::UnitDef& u : sc.units)
        if (u.role == role) return &u;
    return nullptr;
}

UnitPlacement placementOf(const sim::Scenario& sc, const sim::UnitDef& u) {
    UnitPlacement p;
    p.id = u.id;
    p.heading = u.heading;
    p.lights = u.lights;
    p.kind = u.spec.kind;
    const std::string section = "units." + u.id;
    const auto behind = sectionValue(sc.sourceText, section, "behind");
    const sim::UnitDef* ahead = behind ? findUnit(sc, unquote(*behind)) : nullptr;
    if (!ahead) {
        p.along = u.position.x;
        p.lateral = u.position.y;
        return p;
    }
    // positionBehind() takes both units as parallel to the road for the gap, so the gap and the
    // offset can be read back from the two centres exactly.
    p.behindId = ahead->id;
    p.along = (ahead->position.x - ahead->spec.length / 2) - (u.position.x + u.spec.length / 2);
    p.absoluteD = sectionValue(sc.sourceText, section, "d").has_value();
    p.lateral = p.absoluteD ? u.position.y : u.position.y - ahead->position.y;
    return p;
}

// ---------------------------------------------------------------------------------------------
// [3] Writing edits
// ---------------------------------------------------------------------------------------------

std::string quantity(const char* format, double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return std::string("\"") + buffer + "\"";
}

std::string tomlString(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool differs(double a, double b, double tolerance) { return std::abs(a - b) > tolerance; }

class Writer {
public:
    Writer(const sim::Scenario& base, UnitSystem units) : units_(units) { out_.text = base.sourceText; }

    void set(std::string path, std::string value, std::string change) {
        out_.overrides.push_back({std::move(path), std::move(value), {"live controls", 0, 0}});
        out_.changes.push_back(std::move(change));
    }
    void note(std::string change) { out_.changes.push_back(std::move(change)); }
    std::string& text() { return out_.text; }
    std::string distance(double m) const { return formatDistance(m, units_); }
    EditedScenario take() { return std::move(out_); }

private:
    UnitSystem units_;
    EditedScenario out_;
};

/// Overrides for a unit that exists in the base: only what changed.
void editUnit(Writer& w, const UnitPlacement& was, const UnitPlacement& now, const std::string& what) {
    const std::string key = "units." + now.id + ".";
    constexpr double kLength = 0.01;  // m: slider steps are 0.5 ft
    if (differs(was.along, now.along, kLength))
        w.set(key + (now.behind() ? "gap" : "s"), quantity("%.4f m", now.along),
              what + (now.behind() ? " gap " : " position ") + w.distance(was.along) + " → " + w.distance(now.along));
    if (differs(was.lateral, now.lateral, kLength))
        w.set(key + (now.absoluteD ? "d" : "offset"), quantity("%.4f m", now.lateral),
              what + (now.absoluteD ? " lateral position " : " offset ") + w.distance(was.lateral) + " → " + w.distance(now.lateral));
    if (differs(was.heading, now.heading, 0.1 * kDegree)) {
        char change[96];
        std::snprintf(change, sizeof change, " angle %.0f° → %.0f°", was.heading / kDegree, now.heading / kDegree);
        w.set(key + "heading", quantity("%.2f deg", now.heading / kDegree), what + change);
    }
    if (was.lights != now.lights)
        w.set(key + "lights", tomlString(sim::name(now.lights)), what + " lights: " + displayName(now.lights));
    if (was.kind != now.kind) w.set(key + "kind", tomlString(sim::name(now.kind)), what + ": " + displayName(now.kind));
}

/// A unit id not used yet: "blocker", "blocker-2", …
std::string freshId(const sim::Scenario& sc, const std::string& stem) {
    std::string id = stem;
    for (int n = 2; findUnit(sc, id); ++n) id = stem + "-" + std::to_string(n);
    return id;
}

void addBlocker(Writer& w, const sim::Scenario& base, UnitPlacement b) {
    b.id = freshId(base, "blocker");
    std::string section = "\n[units." + b.id + "]\nkind = " + tomlString(sim::name(b.kind)) + "\nrole = \"blocker\"\n";
    if (b.behind()) {
        section += "behind = " + tomlString(b.behindId) + "\ngap = " + quantity("%.4f m", b.along) + "\n";
        section += std::string(b.absoluteD ? "d" : "offset") + " = " + quantity("%.4f m", b.lateral) + "\n";
    } else {
        section += "s = " + quantity("%.4f m", b.along) + "\nd = " + quantity("%.4f m", b.lateral) + "\n";
    }
    section += "heading = " + quantity("%.2f deg", b.heading / kDegree) + "\nlights = " + tomlString(sim::name(b.lights)) + "\n";
    w.text() += section;
    w.note("blocker added: " + displayName(b.kind) + (b.behind() ? " " + w.distance(b.along) + " behind " + b.behindId : ""));
}

void editBlocker(Writer& w, const sim::Scenario& base, const TacticEdit& was, const TacticEdit& now) {
    if (was.blocker && !now.blocker) {
        w.text() = removeSection(w.text(), "units." + was.blocker->id);
        w.note("blocker removed");
    } else if (!was.blocker && now.blocker) {
        addBlocker(w, base, *now.blocker);
    } else if (was.blocker && now.blocker) {
        editUnit(w, *was.blocker, *now.blocker, "blocker");
    }
}

void editConditions(Writer& w, const TacticEdit& was, const TacticEdit& now, UnitSystem units) {
    if (was.light != now.light) w.set("environment.light", tomlString(sim::name(now.light)), displayName(now.light));
    if (was.weather != now.weather) w.set("environment.weather", tomlString(sim::name(now.weather)), "weather: " + displayName(now.weather));
    if (differs(was.visibility, now.visibility, 0.5))
        w.set("environment.visibility", quantity("%.1f m", now.visibility), "visibility " + formatDistance(now.visibility, units));
    if (was.surface != now.surface) w.set("environment.surface", tomlString(sim::name(now.surface)), std::string("surface: ") + std::string(sim::name(now.surface)));
    if (differs(was.speedLimit, now.speedLimit, 0.05))
        w.set("road.speed_limit", quantity("%.1f mph", now.speedLimit / sim::units::kMph), "speed limit " + formatSpeed(now.speedLimit, units));
    if (differs(was.flowPerLane, now.flowPerLane, 1.0 / 3600.0))
        w.set("traffic.flow", quantity("%.0f veh/h", now.flowPerLane * 3600.0), "flow " + formatFlow(now.flowPerLane) + " per lane");
}

}  // namespace

std::optional<std::string> sectionValue(std::string_view text, std::string_view section, std::string_view key) {
    bool inSection = false;
    std::optional<std::string> found;
    forEachLine(text, [&](std::string_view line, std::size_t, std::size_t) {
        if (found) return;
        if (isAnyHeader(line)) {
            inSection = isHeader(line, section);
            return;
        }
        if (!inSection) return;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos || trim(line.substr(0, eq)) != key) return;
        found = std::string(trim(line.substr(eq + 1)));
    });
    return found;
}

std::string removeSection(std::string_view text, std::string_view section) {
    std::string out;
    bool skipping = false;
    forEachLine(text, [&](std::string_view line, std::size_t begin, std::size_t end) {
        if (isAnyHeader(line)) skipping = isHeader(line, section);
        if (skipping) return;
        out += text.substr(begin, end - begin);
        out += '\n';
    });
    return out;
}

TacticEdit tacticOf(const sim::Scenario& scenario) {
    TacticEdit t;
    if (const sim::UnitDef* p = firstWithRole(scenario, sim::UnitRole::Patrol)) t.patrol = placementOf(scenario, *p);
    if (const sim::UnitDef* b = firstWithRole(scenario, sim::UnitRole::Blocker)) t.blocker = placementOf(scenario, *b);
    for (const sim::PersonDef& p : scenario.people)
        if (p.role == sim::PersonRole::Officer) {
            t.approach = p.approach;
            break;
        }
    const sim::Environment& env = scenario.environment;
    t.light = env.light;
    t.weather = env.weather;
    t.visibility = env.visibility;
    t.surface = env.surface;
    t.speedLimit = scenario.road.speedLimit;
    double sum = 0.0;
    for (double f : scenario.traffic.flowPerLane) sum += f;
    t.flowPerLane = scenario.traffic.flowPerLane.empty() ? 0.0 : sum / static_cast<double>(scenario.traffic.flowPerLane.size());
    return t;
}

UnitPlacement defaultBlocker(const sim::Scenario& scenario) {
    UnitPlacement b;
    b.id = "blocker";
    b.kind = sim::VehicleKind::FireEngine;
    b.lights = sim::UnitLights::Emergency;
    b.heading = 25.0 * kDegree;   // angled toward traffic, as the fire-block example
    b.lateral = 4.0 * kFoot;      // straddling the edge line and lane 1: "lane + 1"
    const sim::UnitDef* ahead = firstWithRole(scenario, sim::UnitRole::Patrol);
    if (!ahead && !scenario.units.empty())
        ahead = &*std::min_element(scenario.units.begin(), scenario.units.end(),
                                   [](const sim::UnitDef& a, const sim::UnitDef& c) { return a.position.x < c.position.x; });
    if (ahead) {
        b.behindId = ahead->id;
        b.along = 75.0 * kFoot;   // references.md#positioning: the blocker 50-100 ft upstream
    } else {
        b.along = -40.0;
    }
    return b;
}

EditedScenario applyTactic(const sim::Scenario& base, const TacticEdit& edit, UnitSystem units) {
    const TacticEdit was = tacticOf(base);
    Writer w(base, units);
    if (was.patrol && edit.patrol) editUnit(w, *was.patrol, *edit.patrol, "patrol");
    if (edit.approach && was.approach != edit.approach) {
        for (const sim::PersonDef& p : base.people)
            if (p.role == sim::PersonRole::Officer)
                w.set("people." + p.id + ".approach", tomlString(sim::name(*edit.approach)), "");
        w.note(*edit.approach == sim::ApproachSide::Driver ? "driver-side approach" : "passenger-side approach");
    }
    editBlocker(w, base, was, edit);
    editConditions(w, was, edit, units);
    EditedScenario out = w.take();
    std::erase(out.changes, std::string());
    return out;
}

}  // namespace viz
