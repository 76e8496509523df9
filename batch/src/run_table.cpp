// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/run_table.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <stdexcept>

#include "batch/text.hpp"
#include "sim/presets.hpp"

namespace batch {
namespace {

// Outcome fields never exceed this when they mean something; 1e9 is the core's "never".
constexpr double kNever = 1e8;

const char* const kOutcomeColumns =
    "status,struck,strikes,first_strike_s,max_impact_speed_mps,p_severe,p_fatal,collisions,min_clearance_m,"
    "close_passes_lt1m,close_passes_lt2m,min_ttc_s,exposure_s,shoulder_intrusions,move_over_rate,slow_down_rate,"
    "observed_vehicles,adjacent_lane_mean_speed_mps,vehicles_passed,edge_line_crossings,vehicle_hours,simulated_s,"
    "unit_struck,log_weight,state_hash";

/// The striker's columns (the driven vehicle behind a strike, sim::Striker): one line per field,
/// so a field added to Striker is one line here. events.csv has them on strike rows, runs.csv for
/// the run's first strike (prefixed "first_").
struct StrikerColumn {
    const char* name;
    std::string (*cell)(const sim::Striker&);
};
std::string orEmpty(double value) { return value < 0.0 ? std::string() : formatDouble(value); }
const StrikerColumn kStrikerColumns[] = {
    {"striker", [](const sim::Striker& s) { return csvField(s.id); }},
    {"striker_kind", [](const sim::Striker& s) { return std::string(sim::name(s.kind)); }},
    {"driver_state", [](const sim::Striker& s) { return std::string(sim::name(s.state)); }},
    {"striker_speed_mps", [](const sim::Striker& s) { return formatDouble(s.speed); }},
    {"eyes_off_s", [](const sim::Striker& s) { return orEmpty(s.eyesOffFor); }},
    {"saw_scene_m", [](const sim::Striker& s) { return orEmpty(s.sawSceneAt); }},
    {"braking", [](const sim::Striker& s) { return std::string(s.braking ? "1" : "0"); }},
    {"drifting", [](const sim::Striker& s) { return std::string(s.drifting ? "1" : "0"); }},
};

std::string strikerHeader(std::string_view prefix) {
    std::string out;
    for (const StrikerColumn& c : kStrikerColumns) out += "," + std::string(prefix) + c.name;
    return out;
}

/// The striker's cells, each after a comma; all empty without a strike.
std::string strikerCells(const sim::Strike* strike) {
    std::string out;
    for (const StrikerColumn& c : kStrikerColumns) out += "," + (strike ? c.cell(strike->striker) : std::string());
    return out;
}

std::string keyCells(const Layout& layout, const RunKey& key) {
    std::string out = std::to_string(key.task) + "," + layout.points[key.point].id + "," + std::to_string(key.replicate) + "," +
                      std::to_string(key.seed);
    for (const std::string& cell : layout.points[key.point].cells) out += "," + csvField(cell);
    return out;
}

std::string optionalNumber(double value) { return value >= kNever ? "" : formatDouble(value); }

std::size_t column(const std::vector<std::string>& header, std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("runs.csv has no column " + std::string(name));
    return static_cast<std::size_t>(it - header.begin());
}

std::size_t toSize(const std::string& s) {
    std::size_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) throw std::runtime_error("runs.csv: not a count: " + s);
    return v;
}

double toDouble(const std::string& s) {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) throw std::runtime_error("runs.csv: not a number: " + s);
    return v;
}

}  // namespace

std::string runsHeader(const Layout& layout) {
    std::string out = "task,point,replicate,seed";
    for (const std::string& h : layout.axisHeaders) out += "," + csvField(h);
    return out + "," + kOutcomeColumns + strikerHeader("first_") + "\n";
}

double runProbability(const sim::Outcome& outcome, bool fatal) {
    // Per person: 1 - prod(1 - p) over their strikes (struck twice is not killed twice); summed
    // over people: the expected number killed (or severely injured) in the run.
    std::map<std::string, double> spared;
    for (const sim::Strike& s : outcome.strikes) {
        auto [it, added] = spared.try_emplace(s.person, 1.0);
        it->second *= 1.0 - (fatal ? s.pFatal : s.pSevere);
    }
    double expected = 0.0;
    for (const auto& [person, none] : spared) expected += 1.0 - none;
    return expected;
}

std::string runRow(const Layout& layout, const RunKey& key, const sim::Outcome& o) {
    double firstStrike = kNever, maxImpact = 0.0;
    const sim::Strike* first = nullptr;
    for (const sim::Strike& s : o.strikes) {
        if (s.time < firstStrike) first = &s;
        firstStrike = std::min(firstStrike, s.time);
        maxImpact = std::max(maxImpact, s.impactSpeed);
    }
    double minClearance = 1e9, minTtc = 1e9, exposure = 0.0;
    long lt1 = 0, lt2 = 0;
    for (const sim::PersonOutcome& p : o.people) {
        minClearance = std::min(minClearance, p.minClearance);
        minTtc = std::min(minTtc, p.minTtc);
        exposure += p.exposure;
        lt1 += p.closePassesLt1m;
        lt2 += p.closePassesLt2m;
    }
    std::string out = keyCells(layout, key);
    out += "," + std::string(sim::name(o.status));
    out += o.struck ? ",1" : ",0";
    out += "," + std::to_string(o.strikes.size());
    out += "," + optionalNumber(firstStrike);
    out += "," + (o.strikes.empty() ? std::string() : formatDouble(maxImpact));
    out += "," + formatDouble(runProbability(o, false));
    out += "," + formatDouble(runProbability(o, true));
    out += "," + std::to_string(o.collisions.size());
    out += "," + optionalNumber(minClearance);
    out += "," + std::to_string(lt1) + "," + std::to_string(lt2);
    out += "," + optionalNumber(minTtc);
    out += "," + formatDouble(exposure);
    out += "," + std::to_string(o.shoulderIntrusions);
    out += "," + formatDouble(o.moveOverRate) + "," + formatDouble(o.slowDownRate);
    out += "," + std::to_string(o.observedVehicles);
    out += "," + formatDouble(o.adjacentLaneMeanSpeed);
    out += "," + std::to_string(o.vehiclesPassed) + "," + std::to_string(o.edgeLineCrossings);
    out += "," + formatDouble(o.vehicleHours) + "," + formatDouble(o.simulated);
    out += o.unitStruck ? ",1" : ",0";
    out += "," + formatDouble(o.logWeight) + "," + hex64(o.stateHash);
    return out + strikerCells(first) + "\n";
}

std::string eventsHeader() {
    return "task,point,replicate,seed,kind,t_s,subject,other,via,speed_mps,p_severe,p_fatal" + strikerHeader("") + "\n";
}

std::string eventRows(const Layout& layout, const RunKey& key, const sim::Outcome& o) {
    const std::string prefix = std::to_string(key.task) + "," + layout.points[key.point].id + "," + std::to_string(key.replicate) +
                               "," + std::to_string(key.seed) + ",";
    std::string out;
    for (const sim::Strike& s : o.strikes)
        out += prefix + "strike," + formatDouble(s.time) + "," + csvField(s.person) + "," + csvField(s.by) + "," +
               std::string(sim::name(s.via)) + "," + formatDouble(s.impactSpeed) + "," + formatDouble(s.pSevere) + "," +
               formatDouble(s.pFatal) + strikerCells(&s) + "\n";
    for (const sim::Collision& c : o.collisions)
        out += prefix + "collision," + formatDouble(c.time) + "," + csvField(c.a) + "," + csvField(c.b) + ",," +
               formatDouble(c.closingSpeed) + ",," + strikerCells(nullptr) + "\n";
    return out;
}

RunsReader::RunsReader(const Layout& layout, std::string_view header) : layout_(layout) {
    std::string_view h = header;
    while (!h.empty() && (h.back() == '\n' || h.back() == '\r')) h.remove_suffix(1);
    const std::vector<std::string> names = splitCsvLine(h);
    columns_ = names.size();
    task_ = column(names, "task");
    point_ = column(names, "point");
    replicate_ = column(names, "replicate");
    struck_ = column(names, "struck");
    pFatal_ = column(names, "p_fatal");
    minClearance_ = column(names, "min_clearance_m");
    lt1_ = column(names, "close_passes_lt1m");
    lt2_ = column(names, "close_passes_lt2m");
    exposure_ = column(names, "exposure_s");
    moveOver_ = column(names, "move_over_rate");
    observed_ = column(names, "observed_vehicles");
    unitStruck_ = column(names, "unit_struck");
    logWeight_ = column(names, "log_weight");
}

RunRecord RunsReader::parse(std::string_view line) const {
    const std::vector<std::string> f = splitCsvLine(line);
    if (f.size() != columns_) throw std::runtime_error("runs.csv: a row with " + std::to_string(f.size()) + " cells, not " + std::to_string(columns_));
    RunRecord r;
    r.task = toSize(f[task_]);
    r.replicate = toSize(f[replicate_]);
    r.point = layout_.pointOf(r.task);
    if (layout_.points[r.point].id != f[point_] || layout_.replicateOf(r.task) != r.replicate)
        throw std::runtime_error("runs.csv: row of task " + f[task_] + " names point " + f[point_] + ", not " + layout_.points[r.point].id);
    r.struck = f[struck_] == "1";
    r.pFatal = toDouble(f[pFatal_]);
    if (!f[minClearance_].empty()) r.minClearance = toDouble(f[minClearance_]);
    r.closePassesLt1m = toDouble(f[lt1_]);
    r.closePassesLt2m = toDouble(f[lt2_]);
    r.exposure = toDouble(f[exposure_]);
    r.moveOverRate = toDouble(f[moveOver_]);
    r.observedVehicles = toDouble(f[observed_]);
    r.unitStruck = f[unitStruck_] == "1";
    r.logWeight = toDouble(f[logWeight_]);
    return r;
}

void forEachRun(const Layout& layout, const std::filesystem::path& runsCsv,
                const std::function<void(const RunRecord&)>& visit) {
    std::ifstream in(runsCsv, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + runsCsv.string());
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(runsCsv.string() + " is empty");
    const RunsReader reader(layout, line);
    while (std::getline(in, line))
        if (!line.empty()) visit(reader.parse(line));
}

}  // namespace batch
