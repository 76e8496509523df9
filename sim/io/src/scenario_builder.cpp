// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// Contents: [1] Section, typed access to one table; [2] run, road, environment; [3] traffic and
// drivers; [4] units and their placement; [5] devices and the taper; [6] people; [7] assembly.
#include "scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

#include "schema.hpp"
#include "sim/assert.hpp"
#include "sim/models/kinematics.hpp"
#include "sim/models/taper.hpp"
#include "sim/presets.hpp"
#include "sim/units.hpp"
#include "text_util.hpp"

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
        return Section(node(key), path(key), schema().childPath(schemaPath_, key));
    }

    /// A valid value of the key (SI), or nullopt when absent or rejected by the schema check.
    std::optional<double> quantity(std::string_view key) const {
        const DocNode* n = node(key);
        return n ? checkQuantity(*n, rule(key)).value : std::nullopt;
    }
    /// A value of the key's rule given as a separate node (an item of a flow array).
    std::optional<double> quantityOf(const DocNode& n, std::string_view key) const { return checkQuantity(n, rule(key)).value; }

    std::optional<std::int64_t> integer(std::string_view key) const {
        const DocNode* n = node(key);
        if (!n || n->kind != DocNode::Kind::Integer || !rule(key).range.contains(static_cast<double>(n->integer)))
            return std::nullopt;
        return n->integer;
    }
    std::optional<bool> flag(std::string_view key) const {
        const DocNode* n = node(key);
        return n && n->kind == DocNode::Kind::Boolean ? std::optional(n->boolean) : std::nullopt;
    }
    std::optional<std::string> text(std::string_view key) const {
        const DocNode* n = node(key);
        return n && n->kind == DocNode::Kind::String ? std::optional(n->text) : std::nullopt;
    }
    template <typename E> std::optional<E> choice(std::string_view key) const {
        const auto t = text(key);
        return t ? parseName<E>(*t) : std::nullopt;
    }

    void read(std::string_view key, double& out) const {
        if (auto v = quantity(key)) out = *v;
    }
    void read(std::string_view key, bool& out) const {
        if (auto v = flag(key)) out = *v;
    }
    template <typename E> void readChoice(std::string_view key, E& out) const {
        if (auto v = choice<E>(key)) out = *v;
    }

private:
    static const Schema& schema() { return Schema::instance(); }

    const KeyRule& rule(std::string_view key) const {
        const KeyRule* r = schema().find(schema().childPath(schemaPath_, key));
        SIM_ASSERT(r != nullptr, "the builder reads a key that the schema does not have");
        return *r;
    }

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
        readNames();
        readRun();
        readRoad();
        readEnvironment();
        readTraffic();
        readDrivers();
        readScripted();
        readUnits();
        readDevices();
        readPeople();
        readMeasures();
        return std::move(s_);
    }

private:
    void error(const SourceLocation& where, std::string key, std::string expected, std::string found, std::string hint = {}) {
        errors_.push_back({where, std::move(key), std::move(expected), std::move(found), std::move(hint)});
    }

    // -----------------------------------------------------------------------------------------
    // [2] Names, run, road, environment
    // -----------------------------------------------------------------------------------------

    void readNames() {
        const std::string stem = std::filesystem::path(fileName_).stem().string();
        if (!stem.empty()) s_.name = stem;
        if (auto name = root_.text("name")) s_.name = *name;
        if (auto description = root_.text("description")) s_.description = *description;
    }

    void readRun() {
        const Section run = root_.table("run");
        run.read("duration", s_.run.duration);
        run.read("step", s_.run.dt);
        if (auto seed = run.integer("seed")) s_.run.seed = static_cast<std::uint64_t>(*seed);
        run.read("contact_margin", s_.run.contactMargin);
    }

    void readRoad() {
        const Section road = root_.table("road");
        Road& r = s_.road;
        if (auto lanes = road.integer("lanes")) r.lanes = static_cast<int>(*lanes);
        road.read("lane_width", r.laneWidth);
        road.read("shoulder_width", r.shoulderWidth);
        road.read("speed_limit", r.speedLimit);
        road.read("upstream_length", r.upstreamLength);
        road.read("downstream_length", r.downstreamLength);
        road.read("guardrail", r.guardrail);
        road.read("guardrail_offset", r.guardrailOffset);
        readCurve(road.table("curve"));
        road.read("sight_distance", r.sightDistance);
    }

    void readCurve(const Section& curve) {
        const auto radius = curve.quantity("radius");
        const auto offset = curve.quantity("obstruction_offset");
        if (!radius || !offset) return;
        if (*offset >= *radius) {
            error(curve.where("obstruction_offset"), curve.path("obstruction_offset"),
                  "an offset smaller than the radius (" + formatQuantity(*radius, Dimension::Length) + ")",
                  formatQuantity(*offset, Dimension::Length));
            return;
        }
        s_.road.curveRadius = *radius;
        s_.road.sightObstructionOffset = *offset;
        s_.road.sightDistance = models::curveSightDistance(*radius, *offset);
    }

    void readEnvironment() {
        const Section env = root_.table("environment");
        Environment& e = s_.environment;
        if (auto preset = env.text("preset"))
            if (const ConditionsPreset* p = findConditionsPreset(*preset)) applyConditions(*p, e);
        env.readChoice("light", e.light);
        env.readChoice("weather", e.weather);
        env.read("visibility", e.visibility);
        if (auto surface = env.choice<Surface>("surface")) {
            e.surface = *surface;
            e.friction = surfaceFriction(*surface);
        }
        env.read("friction", e.friction);
    }

    // -----------------------------------------------------------------------------------------
    // [3] Traffic and drivers
    // -----------------------------------------------------------------------------------------

    void readTraffic() {
        const Section traffic = root_.table("traffic");
        Traffic& t = s_.traffic;
        readFlows(traffic);
        traffic.readChoice("headway", t.headway);
        traffic.read("min_headway", t.minHeadway);
        traffic.read("headway_sigma", t.headwaySigma);
        traffic.read("speed_offset", t.speedOffset);
        traffic.read("speed_sd", t.speedSd);
        traffic.read("speed_truncation", t.speedTruncation);
        traffic.read("prepopulate", t.prepopulate);
        traffic.read("demand_duration", t.demandDuration);
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
            if (auto v = traffic.quantityOf(item, "flow")) flows.push_back(*v);
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
            readVehicleFields(Section(&m.value, classes.path(m.key), "traffic.classes.*"), entry->spec);
        }
    }

    void readVehicleFields(const Section& v, VehicleSpec& spec) {
        v.read("length", spec.length);
        v.read("width", spec.width);
        v.read("mass", spec.mass);
        v.read("wheelbase", spec.wheelbase);
        v.read("max_decel", spec.maxDecel);
        v.read("accel_factor", spec.accelFactor);
        v.read("headway_factor", spec.headwayFactor);
        v.read("speed_factor", spec.speedFactor);
        if (auto colour = v.text("colour"); colour && colour->size() == 7) {
            char* end = nullptr;
            const unsigned long rgb = std::strtoul(colour->c_str() + 1, &end, 16);
            if (end == colour->c_str() + 7) spec.colour = 0xFF000000u | static_cast<std::uint32_t>(rgb);
        }
        if ((v.has("wheelbase") || v.has("length")) && spec.wheelbase >= spec.length) {
            const std::string key = v.has("wheelbase") ? "wheelbase" : "length";
            error(v.where(key), v.path("wheelbase"),
                  "a wheelbase shorter than the length (" + formatQuantity(spec.length, Dimension::Length) + ")",
                  formatQuantity(spec.wheelbase, Dimension::Length));
        }
    }

    void readDrivers() {
        const Section drivers = root_.table("drivers");
        Drivers& d = s_.drivers;
        const Section prt = drivers.table("prt");
        prt.read("median", d.prt.median);
        prt.read("sigma", d.prt.sigma);
        const Section idm = drivers.table("idm");
        idm.read("max_accel", d.idm.a);
        idm.read("comfortable_decel", d.idm.b);
        idm.read("time_headway", d.idm.T);
        idm.read("min_gap", d.idm.s0);
        idm.read("delta", d.idm.delta);
        drivers.read("idm_variation", d.idmVariation);
        const Section mobil = drivers.table("mobil");
        mobil.read("politeness", d.mobil.politeness);
        mobil.read("threshold", d.mobil.threshold);
        mobil.read("safe_decel", d.mobil.bSafe);
        mobil.read("keep_right_bias", d.mobil.keepRightBias);
        drivers.read("move_over", d.moveOverShare);
        drivers.read("slow_down", d.slowDownShare);
        drivers.read("mandated_reduction", d.mandatedReduction);
        drivers.read("planning_horizon", d.planningHorizon);
        drivers.read("moth_effect", d.mothEffect);
        drivers.read("moth_gain", d.mothGain);
        readAttention(drivers.table("attention"), d.attention);
        readDriverState(drivers.table("drowsy"), d.drowsy);
        readDriverState(drivers.table("impaired"), d.impaired);
    }

    static void readAttention(const Section& a, Attention& out) {
        a.read("episode_rate", out.episodeRate);
        const Section duration = a.table("episode_duration");
        duration.read("median", out.episodeDuration.median);
        duration.read("sigma", out.episodeDuration.sigma);
        const Section drift = a.table("drift_speed");
        drift.read("median", out.driftSpeed.median);
        drift.read("sigma", out.driftSpeed.sigma);
        a.read("lane_keeping_sd", out.laneKeepingSd);
        a.read("wander_time_constant", out.wanderTimeConstant);
        a.read("scene_capture", out.sceneCapture);
    }

    static void readDriverState(const Section& s, DriverStateEffect& out) {
        s.read("share", out.share);
        s.read("prt_factor", out.prtFactor);
        s.read("episode_rate_factor", out.episodeRateFactor);
        s.read("episode_duration_factor", out.episodeDurationFactor);
        s.read("wander_factor", out.wanderFactor);
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
            if (auto id = v.text("id")) {
                sv.id = *id;
                const auto [first, fresh] = seen.emplace(*id, v.where("id"));
                if (!fresh)
                    error(v.where("id"), v.path("id"), "an id used by no other scripted vehicle",
                          quote(*id) + ", also at line " + std::to_string(first->second.line));
            }
            sv.spec = vehicleSpec(v.choice<VehicleKind>("kind").value_or(VehicleKind::Sedan));
            readVehicleFields(v, sv.spec);
            if (auto lane = v.integer("lane")) {
                sv.lane = static_cast<int>(*lane);
                if (sv.lane > s_.road.lanes)
                    error(v.where("lane"), v.path("lane"), "a lane in 1–" + std::to_string(s_.road.lanes) + " (road.lanes)",
                          std::to_string(sv.lane));
            }
            v.read("entry_time", sv.entryTime);
            if (auto s = v.quantity("entry_s"); s && checkAlong(v, "entry_s", *s)) sv.entryS = *s;
            v.read("speed", sv.speed);
            v.readChoice("state", sv.state);
            if (auto movesOver = v.flag("moves_over")) sv.movesOver = *movesOver;
            v.read("random_attention", sv.randomAttention);
            const Section drift = v.table("drift");
            if (drift.present()) {
                ForcedDrift f;
                if (auto s = drift.quantity("start_s"); s && checkAlong(drift, "start_s", *s)) f.startS = *s;
                drift.read("lateral_speed", f.lateralSpeed);
                drift.read("duration", f.duration);
                drift.read("reacts", f.reacts);
                sv.drift = f;
            }
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
            u.spec = vehicleSpec(sec.choice<VehicleKind>("kind").value_or(VehicleKind::Sedan));
            readVehicleFields(sec, u.spec);
            sec.readChoice("role", u.role);
            sec.read("heading", u.heading);
            sec.read("wheel_angle", u.wheelAngle);
            sec.readChoice("lights", u.lights);
            sec.read("braked", u.braked);
            s_.units.push_back(std::move(u));
            Placement p;
            p.sec = sec;
            p.behind = sec.text("behind");
            p.s = sec.quantity("s");
            p.d = sec.quantity("d");
            sec.read("gap", p.gap);
            sec.read("offset", p.offset);
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
        taper.read("from_d", from);
        taper.read("to_d", to);
        taper.read("speed", speed);
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
            sec.readChoice("role", p.role);
            sec.readChoice("approach", p.approach);
            sec.read("walk_speed", p.walkSpeed);
            sec.read("radius", p.radius);
            sec.read("mass", p.mass);
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

    void readMeasures() {
        const Section m = root_.table("measures");
        MeasureSettings& out = s_.measures;
        m.read("exposure_distance", out.exposureDistance);
        m.read("observation_distance", out.observationDistance);
        m.read("slow_down_threshold", out.slowDownThreshold);
        m.read("ttc_horizon", out.ttcHorizon);
        m.read("intrusion_upstream", out.intrusionUpstream);
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
