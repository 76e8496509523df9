// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Every key bound to a field in the key table (scenario_schema.cpp) is written by
// Schema::apply(); what is here is what depends on more than one key.
// Contents: [1] Section, access to one validated table; [2] names and the road's curve;
// [3] traffic; [4] units and their placement; [5] devices and the taper; [6] people; [7] assembly.
#include "scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <unordered_map>

#include "scenario_schema.hpp"
#include "sim/io/scenario_loader.hpp"
#include "sim/io/text.hpp"
#include "sim/models/kinematics.hpp"
#include "sim/models/taper.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"

namespace sim::io::detail {
namespace {

// Defaults that are not a field default of a scenario.hpp struct.
constexpr double kNoGuardrailRoom = 3.0;                  // m beyond the shoulder: Place::BehindGuardrail's doc

// ---------------------------------------------------------------------------------------------
// [1] Section: one table of the document with its concrete and schema paths
// ---------------------------------------------------------------------------------------------

class Section {
public:
    Section() = default;
    Section(const DocNode* node, std::string path, std::string schemaPath)
        : node_(node && node->isTable() ? node : nullptr), path_(std::move(path)), schemaPath_(std::move(schemaPath)) {}

    bool present() const { return node_ != nullptr; }
    const DocNode& self() const { return *node_; }
    const std::string& path() const { return path_; }
    std::string path(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

    const DocNode* node(std::string_view key) const { return node_ ? node_->find(key) : nullptr; }
    bool has(std::string_view key) const { return node(key) != nullptr; }

    /// The key's location, or the table's when the key is absent.
    SourceLocation where(std::string_view key) const {
        if (!node_) return {};
        const DocMember* m = node_->member(key);
        return m ? m->keyWhere : node_->where;
    }

    Section table(std::string_view key) const {
        return Section(node(key), path(key), scenarioSchema().childPath(schemaPath_, key));
    }

    /// Writes every key of this table that the key table binds to a field of `owner`.
    template <class T> void apply(T& owner) const {
        if (node_) scenarioSchema().apply(*node_, schemaPath_, owner);
    }

    /// The key's valid value (validation checked it once and kept the SI value): nullopt when
    /// absent or rejected (then its error is already reported).
    const DocNode* valid(std::string_view key) const {
        const DocNode* n = node(key);
        return n && n->valid ? n : nullptr;
    }
    std::optional<double> quantity(std::string_view key) const {
        const DocNode* n = valid(key);
        return n ? std::optional(n->si) : std::nullopt;
    }
    std::optional<std::string> text(std::string_view key) const {
        const DocNode* n = valid(key);
        return n ? std::optional(n->text) : std::nullopt;
    }
    template <typename E> std::optional<E> choice(std::string_view key) const {
        const auto t = text(key);
        return t ? parseName<E>(*t) : std::nullopt;
    }

private:
    const DocNode* node_ = nullptr;
    std::string path_;
    std::string schemaPath_;
};

/// The members of a table-valued node as Sections, in document order ("units" -> one per unit).
std::vector<std::pair<std::string, Section>> entries(const Section& parent, std::string_view key) {
    std::vector<std::pair<std::string, Section>> out;
    const DocNode* table = parent.node(key);
    if (!table || !table->isTable()) return out;
    const std::string schemaPath = std::string(key) + ".*";
    for (const DocMember& m : table->members)
        if (isValidId(m.key) && m.value.isTable())
            out.emplace_back(m.key, Section(&m.value, parent.path(key) + "." + m.key, schemaPath));
    return out;
}

/// The items of an array of tables as Sections.
std::vector<Section> items(const Section& parent, std::string_view key, const std::string& schemaPath) {
    std::vector<Section> out;
    const DocNode* array = parent.node(key);
    if (!array || !array->isArray()) return out;
    for (std::size_t i = 0; i < array->items.size(); ++i)
        if (array->items[i].isTable())
            out.emplace_back(&array->items[i], parent.path(key) + "[" + std::to_string(i) + "]", schemaPath + "[]");
    return out;
}

std::string idList(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < 12; ++i) out += (i ? ", " : "") + ids[i];
    return ids.size() > 12 ? out + ", …" : out;
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

class ScenarioBuilder {
public:
    ScenarioBuilder(const DocNode& root, const std::string& fileName, std::vector<Diagnostic>& errors)
        : root_(&root, "", ""), fileName_(fileName), errors_(errors) {}

    Scenario build() {
        root_.apply(s_);  // every key bound to a field, in key-table order
        readNames();
        readCurve(root_.table("road"));
        readTraffic();
        readScripted();
        readUnits();
        readDevices();
        readPeople();
        return std::move(s_);
    }

private:
    void error(const SourceLocation& where, std::string key, std::string expected, std::string found, std::string hint = {}) {
        errors_.push_back({where, std::move(key), std::move(expected), std::move(found), std::move(hint)});
    }

    // -----------------------------------------------------------------------------------------
    // [2] Names and the road's curve
    // -----------------------------------------------------------------------------------------

    void readNames() {
        const std::string stem = std::filesystem::path(fileName_).stem().string();
        if (!stem.empty()) s_.name = stem;
        if (auto name = root_.text("name")) s_.name = *name;
    }

    /// A valid curve limits the sight distance, unless road.sight_distance gives it.
    void readCurve(const Section& road) {
        const Section curve = road.table("curve");
        const auto radius = curve.quantity("radius");
        const auto offset = curve.quantity("obstruction_offset");
        if (!radius || !offset) return;
        if (*offset >= *radius) {
            error(curve.where("obstruction_offset"), curve.path("obstruction_offset"),
                  "an offset smaller than the radius (" + formatQuantity(*radius, Dimension::Length) + ")",
                  formatQuantity(*offset, Dimension::Length));
            return;
        }
        if (!road.has("sight_distance")) s_.road.sightDistance = models::curveSightDistance(*radius, *offset);
    }

    // -----------------------------------------------------------------------------------------
    // [3] Traffic
    // -----------------------------------------------------------------------------------------

    void readTraffic() {
        const Section traffic = root_.table("traffic");
        readFlows(traffic);
        readMix(traffic);
        readClasses(traffic);
    }

    void readFlows(const Section& traffic) {
        const auto lanes = static_cast<std::size_t>(s_.road.lanes);
        const DocNode* flow = traffic.node("flow");
        if (!flow) {
            s_.traffic.flowPerLane.assign(lanes, Traffic{}.flowPerLane.front());
            return;
        }
        if (!flow->isArray()) {
            if (auto v = traffic.quantity("flow")) s_.traffic.flowPerLane.assign(lanes, *v);
            return;
        }
        if (flow->items.size() != lanes) {
            error(traffic.where("flow"), traffic.path("flow"),
                  std::to_string(lanes) + " flows, one per lane (road.lanes = " + std::to_string(lanes) + ")",
                  std::to_string(flow->items.size()) + " values");
            return;
        }
        std::vector<double> flows;
        for (const DocNode& item : flow->items)
            if (item.valid) flows.push_back(item.si);
        if (flows.size() == lanes) s_.traffic.flowPerLane = std::move(flows);
    }

    void readMix(const Section& traffic) {
        const Section mix = traffic.table("mix");
        if (!mix.present()) {
            s_.traffic.mix = defaultFreewayMix();
            return;
        }
        std::vector<MixEntry> entries;
        bool anyPositive = false;
        bool allValid = true;
        for (const DocMember& m : mix.self().members) {
            const auto kind = parseName<VehicleKind>(m.key);
            const auto share = mix.quantity(m.key);
            if (!kind || !share) {
                allValid = false;
                continue;
            }
            anyPositive = anyPositive || *share > 0.0;
            entries.push_back({vehicleSpec(*kind), *share});
        }
        if (allValid && !anyPositive)
            error(mix.self().where, mix.path(), "at least one vehicle kind with a share > 0",
                  entries.empty() ? "an empty mix" : "only zero shares");
        s_.traffic.mix = std::move(entries);
    }

    void readClasses(const Section& traffic) {
        const Section classes = traffic.table("classes");
        if (!classes.present()) return;
        for (const DocMember& m : classes.self().members) {
            const auto kind = parseName<VehicleKind>(m.key);
            if (!kind || !m.value.isTable()) continue;  // reported by the schema check
            auto entry = std::find_if(s_.traffic.mix.begin(), s_.traffic.mix.end(),
                                      [&](const MixEntry& e) { return e.spec.kind == *kind; });
            if (entry == s_.traffic.mix.end()) {
                std::vector<std::string> inMix;
                for (const MixEntry& e : s_.traffic.mix) inMix.emplace_back(name(e.spec.kind));
                error(m.keyWhere, classes.path(m.key), "a vehicle kind of traffic.mix (" + idList(inMix) + ")",
                      quote(m.key));
                continue;
            }
            const Section fields(&m.value, classes.path(m.key), "traffic.classes.*");
            fields.apply(entry->spec);
            checkWheelbase(fields, entry->spec);
        }
    }

    void checkWheelbase(const Section& v, const VehicleSpec& spec) {
        if ((v.has("wheelbase") || v.has("length")) && spec.wheelbase >= spec.length) {
            const std::string key = v.has("wheelbase") ? "wheelbase" : "length";
            error(v.where(key), v.path("wheelbase"),
                  "a wheelbase shorter than the length (" + formatQuantity(spec.length, Dimension::Length) + ")",
                  formatQuantity(spec.wheelbase, Dimension::Length));
        }
    }

    // Positions must lie on the simulated road: between its ends, and from beyond the shoulder
    // (to the guardrail, or kNoGuardrailRoom without one) to the far edge of the last lane.
    double sMin() const { return -s_.road.upstreamLength; }
    double sMax() const { return s_.road.downstreamLength; }
    double dMin() const {
        return -(s_.road.shoulderWidth + (s_.road.guardrail ? s_.road.guardrailOffset : kNoGuardrailRoom));
    }
    double dMax() const { return s_.road.lanes * s_.road.laneWidth; }

    std::string alongRange() const {
        return formatNumber(sMin()) + " to " + formatNumber(sMax()) + " m (road.upstream_length, road.downstream_length)";
    }
    std::string acrossRange() const {
        return formatNumber(dMin()) + " to " + formatNumber(dMax()) + " m (the shoulder to the last lane)";
    }

    bool checkAlong(const Section& sec, std::string_view key, double s) {
        if (s >= sMin() && s <= sMax()) return true;
        error(sec.where(key), sec.path(key), "a position along the road in " + alongRange(), formatQuantity(s, Dimension::Length));
        return false;
    }
    bool checkAcross(const Section& sec, std::string_view key, double d) {
        if (d >= dMin() && d <= dMax()) return true;
        error(sec.where(key), sec.path(key), "a lateral position in " + acrossRange(), formatQuantity(d, Dimension::Length));
        return false;
    }

    void readScripted() {
        std::unordered_map<std::string, SourceLocation> seen;
        for (const Section& v : items(root_.table("traffic"), "scripted", "traffic.scripted")) {
            ScriptedVehicle sv;
            sv.spec = vehicleSpec(VehicleKind::Sedan);  // unless `kind` says otherwise
            v.apply(sv);
            checkWheelbase(v, sv.spec);
            if (auto id = v.text("id")) {
                const auto [first, fresh] = seen.emplace(*id, v.where("id"));
                if (!fresh)
                    error(v.where("id"), v.path("id"), "an id used by no other scripted vehicle",
                          quote(*id) + ", also at line " + std::to_string(first->second.line));
            }
            if (v.valid("lane") && sv.lane > s_.road.lanes)
                error(v.where("lane"), v.path("lane"), "a lane in 1–" + std::to_string(s_.road.lanes) + " (road.lanes)",
                      std::to_string(sv.lane));
            if (v.valid("entry_s")) checkAlong(v, "entry_s", sv.entryS);
            const Section drift = v.table("drift");
            if (drift.valid("start_s")) checkAlong(drift, "start_s", sv.drift->startS);
            s_.scriptedVehicles.push_back(std::move(sv));
        }
    }

    // -----------------------------------------------------------------------------------------
    // [4] Units and their placement
    // -----------------------------------------------------------------------------------------

    struct Placement {
        Section sec;
        std::optional<std::string> behind;
        std::optional<double> s, d;
        double gap = kDefaultGap;
        double offset = 0.0;
        int target = -1;
        enum class State { Pending, InProgress, Placed, Failed } state = State::Pending;
    };

    void readUnits() {
        std::vector<Placement> placements;
        for (const auto& [id, sec] : entries(root_, "units")) {
            UnitDef u;
            u.id = id;
            u.spec = vehicleSpec(VehicleKind::Sedan);  // unless `kind` says otherwise
            sec.apply(u);
            checkWheelbase(sec, u.spec);
            s_.units.push_back(std::move(u));
            Placement p;
            p.sec = sec;
            p.behind = sec.text("behind");
            p.s = sec.quantity("s");
            p.d = sec.quantity("d");
            p.gap = sec.quantity("gap").value_or(kDefaultGap);
            p.offset = sec.quantity("offset").value_or(0.0);
            placements.push_back(std::move(p));
        }
        for (std::size_t i = 0; i < s_.units.size(); ++i) unitIndex_.emplace(s_.units[i].id, i);
        for (std::size_t i = 0; i < placements.size(); ++i) startPlacement(i, placements);
        for (std::size_t i = 0; i < placements.size(); ++i) followChain(i, placements);
        unitsPlaced_ = std::all_of(placements.begin(), placements.end(),
                                   [](const Placement& p) { return p.state == Placement::State::Placed; });
    }

    std::optional<std::size_t> unitIndex(const std::string& id) const {
        const auto found = unitIndex_.find(id);
        return found == unitIndex_.end() ? std::nullopt : std::optional(found->second);
    }

    /// An error for a reference to a unit id that does not exist, with a suggestion.
    void unknownUnit(const Section& sec, std::string_view key, const std::string& id, const std::string& what) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < s_.units.size() && i <= 12; ++i) ids.push_back(s_.units[i].id);
        // A suggestion among a few hundred ids at most: generated files may have thousands.
        std::optional<std::string_view> close;
        if (s_.units.size() <= 500) {
            std::vector<std::string_view> all;
            for (const UnitDef& u : s_.units) all.push_back(u.id);
            close = closestMatch(id, all);
        }
        error(sec.where(key), sec.path(key), what + (ids.empty() ? " (there are no units)" : " (" + idList(ids) + ")"),
              quote(abbreviated(id)), close ? didYouMean(*close) : "");
    }

    // Absolute placements, and the reference of relative ones.
    void startPlacement(std::size_t i, std::vector<Placement>& all) {
        Placement& p = all[i];
        const Section& sec = p.sec;
        using State = Placement::State;
        if (p.behind) {
            if (sec.has("s"))
                error(sec.where("s"), sec.path("s"), "either s and d, or behind", "both s and behind",
                      "drop s; d may stay and replaces the lateral position");
            const auto target = unitIndex(*p.behind);
            if (!target) {
                unknownUnit(sec, "behind", *p.behind, "the id of a unit");
                p.state = State::Failed;
            } else if (*target == i) {
                error(sec.where("behind"), sec.path("behind"), "the id of another unit", quote(*p.behind) + ", this unit");
                p.state = State::Failed;
            } else {
                p.target = static_cast<int>(*target);
            }
            return;
        }
        p.state = State::Failed;
        if (sec.has("behind")) return;  // behind of the wrong type: reported by the schema check
        for (const char* key : {"gap", "offset"})
            if (sec.has(key))
                error(sec.where(key), sec.path(key), "gap and offset only together with behind", "no behind");
        for (const char* key : {"s", "d"})
            if (!sec.has(key))
                error(sec.self().where, sec.path(key), "a length (each unit needs s and d, or behind)", "no value");
        if (!p.s || !p.d) return;
        const bool along = checkAlong(sec, "s", *p.s);
        const bool across = checkAcross(sec, "d", *p.d);
        s_.units[i].position = {*p.s, *p.d};
        if (along && across) p.state = State::Placed;
    }

    // Places the chain of units behind unit i, from its far end back. Iterative, not recursive:
    // a generated file may chain thousands of units.
    void followChain(std::size_t i, std::vector<Placement>& all) {
        using State = Placement::State;
        std::vector<std::size_t> chain;
        std::size_t current = i;
        while (all[current].state == State::Pending) {
            all[current].state = State::InProgress;
            chain.push_back(current);
            current = static_cast<std::size_t>(all[current].target);
        }
        if (all[current].state == State::InProgress) {
            reportCycle(current, chain, all);
            for (std::size_t c : chain) all[c].state = State::Failed;
            return;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) placeBehind(*it, all);
    }

    void reportCycle(std::size_t start, const std::vector<std::size_t>& chain, const std::vector<Placement>& all) {
        std::string cycle;
        const auto first = std::find(chain.begin(), chain.end(), start);
        for (auto it = first; it != chain.end(); ++it) cycle += s_.units[*it].id + " → ";
        cycle += s_.units[start].id;
        const Section& sec = all[start].sec;
        error(sec.where("behind"), sec.path("behind"), "a unit that is not behind this one, directly or not",
              "the cycle " + cycle);
    }

    void placeBehind(std::size_t i, std::vector<Placement>& all) {
        using State = Placement::State;
        Placement& p = all[i];
        const Placement& target = all[static_cast<std::size_t>(p.target)];
        if (target.state != State::Placed) {
            p.state = State::Failed;  // the unit ahead is already reported
            return;
        }
        UnitDef& u = s_.units[i];
        u.position = positionBehind(s_.units[static_cast<std::size_t>(p.target)], u.spec, p.gap, p.offset);
        if (p.d) u.position.y = *p.d;
        const bool along = u.position.x >= sMin() && u.position.x <= sMax();
        const bool across = u.position.y >= dMin() && u.position.y <= dMax();
        if (along && across) {
            p.state = State::Placed;
            return;
        }
        p.state = State::Failed;
        error(p.sec.where("behind"), p.sec.path("behind"),
              "a placement within the road: s in " + alongRange() + ", d in " + acrossRange(),
              "s = " + formatQuantity(u.position.x, Dimension::Length) + ", d = " + formatQuantity(u.position.y, Dimension::Length));
    }

    // -----------------------------------------------------------------------------------------
    // [5] Devices and the taper
    // -----------------------------------------------------------------------------------------

    void readDevices() {
        const Section devices = root_.table("devices");
        for (const auto& [key, kind] : {std::pair{"cones", DeviceKind::Cone}, std::pair{"flares", DeviceKind::Flare}}) {
            for (const Section& item : items(devices, key, std::string("devices.") + key)) {
                const auto s = item.quantity("s");
                const auto d = item.quantity("d");
                if (!s || !d) continue;
                const bool along = checkAlong(item, "s", *s);
                const bool across = checkAcross(item, "d", *d);
                if (along && across) s_.devices.push_back({kind, {*s, *d}});
            }
        }
        readTaper(devices.table("taper"));
    }

    /// The most upstream s of any unit's outline (its rear, for a unit parallel to the road).
    double upstreamEndOfUnits() const {
        double end = kInfinity;
        for (const UnitDef& u : s_.units) {
            const double halfExtent = 0.5 * u.spec.length * std::abs(std::cos(u.heading)) +
                                      0.5 * u.spec.width * std::abs(std::sin(u.heading));
            end = std::min(end, u.position.x - halfExtent);
        }
        return end;
    }

    void readTaper(const Section& taper) {
        if (!taper.present()) return;
        static constexpr std::pair<std::string_view, models::TaperKind> kKinds[] = {
            {"merging", models::TaperKind::Merging},
            {"shifting", models::TaperKind::Shifting},
            {"shoulder", models::TaperKind::Shoulder}};
        models::TaperKind kind = models::TaperKind::Shoulder;
        if (auto text = taper.text("kind"))
            for (const auto& [name, value] : kKinds)
                if (name == *text) kind = value;

        const bool shoulder = kind == models::TaperKind::Shoulder;
        double from = shoulder ? -s_.road.shoulderWidth : 0.0;
        double to = shoulder ? 0.0 : s_.road.laneWidth;
        double speed = s_.road.speedLimit;
        from = taper.quantity("from_d").value_or(from);
        to = taper.quantity("to_d").value_or(to);
        speed = taper.quantity("speed").value_or(speed);
        const bool fromInside = !taper.has("from_d") || checkAcross(taper, "from_d", from);
        const bool toInside = !taper.has("to_d") || checkAcross(taper, "to_d", to);
        bool ok = fromInside && toInside;
        if (from == to) {
            error(taper.where("to_d"), taper.path("to_d"), "a lateral band of non-zero width (to_d ≠ from_d)",
                  formatQuantity(to, Dimension::Length));
            ok = false;
        }

        std::optional<double> end = taper.quantity("end_s");
        if (end) {
            ok = checkAlong(taper, "end_s", *end) && ok;
        } else if (s_.units.empty()) {
            error(taper.self().where, taper.path("end_s"), "a length (required when there are no units)", "no value");
            ok = false;
        } else if (unitsPlaced_) {
            end = upstreamEndOfUnits();
        }
        if (!ok || !end) return;  // an end_s that is given but invalid is already reported
        for (const Vec2& cone : models::taperCones(*end, from, to, speed, kind)) s_.devices.push_back({DeviceKind::Cone, cone});
    }

    // -----------------------------------------------------------------------------------------
    // [6] People
    // -----------------------------------------------------------------------------------------

    void readPeople() {
        for (const auto& [id, sec] : entries(root_, "people")) {
            PersonDef p;
            p.id = id;
            sec.apply(p);
            readScript(sec, p);
            s_.people.push_back(std::move(p));
        }
    }

    void readScript(const Section& person, PersonDef& p) {
        const DocNode* script = person.node("script");
        if (script && script->isArray() && script->items.empty())
            error(person.where("script"), person.path("script"), "at least one step", "an empty array");
        const std::vector<Section> steps = items(person, "script", "people.*.script");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const Section& step = steps[i];
            ScriptStep out;
            const auto at = step.text("at");
            if (!at) continue;  // missing or not a string: reported by the schema check
            if (*at == "window") {
                out.place = p.approach == ApproachSide::Driver ? Place::DriverWindow : Place::PassengerWindow;
            } else if (auto place = parseName<Place>(*at)) {
                out.place = *place;
            } else {
                continue;
            }
            if (!stepUnit(step, out)) continue;
            if (auto dwell = step.quantity("dwell")) out.dwell = *dwell;
            else if (!step.has("dwell") && i + 1 < steps.size())
                error(step.self().where, step.path("dwell"), "a time ≥ 0 s (only the last step may omit dwell)", "no value");
            p.script.push_back(out);
        }
    }

    /// The unit of a step: named, or the default for its place.
    bool stepUnit(const Section& step, ScriptStep& out) {
        if (auto id = step.text("unit")) {
            const auto index = unitIndex(*id);
            if (!index) {
                unknownUnit(step, "unit", *id, "the id of a unit");
                return false;
            }
            out.unit = static_cast<int>(*index);
            return true;
        }
        if (step.has("unit")) return false;  // not a string: reported by the schema check
        std::optional<UnitRole> role;
        switch (out.place) {
        case Place::BehindGuardrail: out.unit = 0; return true;  // needs no unit
        case Place::DriverDoor:
        case Place::Inside: role = UnitRole::Patrol; break;
        default: role = UnitRole::Violator; break;
        }
        for (std::size_t i = 0; i < s_.units.size(); ++i)
            if (s_.units[i].role == *role) {
                out.unit = static_cast<int>(i);
                return true;
            }
        error(step.where("at"), step.path("unit"),
              "a unit with role " + std::string(name(*role)) + " (the default for " + std::string(name(out.place)) +
                  "), or unit = \"<id>\"",
              "no unit with role " + std::string(name(*role)));
        return false;
    }

    Section root_;
    const std::string& fileName_;
    std::vector<Diagnostic>& errors_;
    Scenario s_;
    std::unordered_map<std::string, std::size_t> unitIndex_;  ///< unit id -> index in s_.units
    bool unitsPlaced_ = false;
};

}  // namespace

// -------------------------------------------------------------------------------------------------
// [7] Assembly
// -------------------------------------------------------------------------------------------------

sim::Scenario buildScenario(const DocNode& root, const std::string& fileName, std::vector<Diagnostic>& errors) {
    return ScenarioBuilder(root, fileName, errors).build();
}

}  // namespace sim::io::detail
