// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "batch/run_table.hpp"
#include "batch/text.hpp"

namespace batch {
namespace {

struct Accumulator {
    std::size_t clearanceRuns = 0;
    double lt1 = 0, lt2 = 0, exposure = 0, clearance = 0, moveOver = 0, observed = 0;
    RareEventAccumulator estimates;
};

/// One replicate's struck column across the points, for the paired relative risks: crude sweeps
/// count matched pairs (exact, Agresti's paired interval), importance sweeps pair the weighted
/// terms w x (delta method on the ratio of correlated means).
class Pairing {
public:
    Pairing(const Layout& layout, std::vector<PointSummary>& points)
        : layout_(layout), points_(points), term_(layout.points.size(), kNone), weighted_(layout.points.size()) {}

    void add(const RunRecord& r, double weight) {
        if (replicate_ && *replicate_ != r.replicate) close();
        replicate_ = r.replicate;
        term_[r.point] = r.struck ? weight : 0.0;
    }

    /// Closes the last replicate; then the points' relative risks.
    void finish() {
        close();
        for (std::size_t p = 0; p < points_.size(); ++p) {
            if (!layout_.points[p].baseline) continue;
            if (!layout_.importance) {
                points_[p].relativeRisk = pairedRiskRatio(points_[p].pairs);
                continue;
            }
            const WeightedRatio w = weighted_[p].ratio();
            points_[p].relativeRisk = {w.defined, w.estimate, w.lo, w.hi, false};
        }
    }

private:
    static constexpr double kNone = -1.0;

    void close() {
        for (std::size_t p = 0; p < points_.size(); ++p) {
            const auto& b = layout_.points[p].baseline;
            if (!b || term_[p] == kNone || term_[*b] == kNone) continue;
            weighted_[p].add(term_[p], term_[*b]);
            PairedCounts& c = points_[p].pairs;
            const bool atPoint = term_[p] > 0.0, atBaseline = term_[*b] > 0.0;
            if (atPoint && atBaseline) ++c.both;
            else if (atPoint) ++c.pointOnly;
            else if (atBaseline) ++c.baselineOnly;
            else ++c.neither;
        }
        std::fill(term_.begin(), term_.end(), kNone);
    }

    const Layout& layout_;
    std::vector<PointSummary>& points_;
    std::optional<std::size_t> replicate_;
    std::vector<double> term_;  ///< w x of this replicate's run at each point, kNone if not in runs.csv
    std::vector<PairedAccumulator> weighted_;
};

std::string number(const std::optional<double>& v) { return v ? formatDouble(*v) : ""; }

nlohmann::json jsonNumber(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

/// Infinity (a one-sided ratio's open bound) as no value, as JSON writes it.
std::optional<double> finite(double v) { return std::isfinite(v) ? std::optional<double>(v) : std::nullopt; }

/// Three significant digits, without exponents for the magnitudes a table shows.
std::string sig3(double v) {
    char buffer[32];
    if (std::fabs(v) >= 1000.0) std::snprintf(buffer, sizeof buffer, "%.0f", v);
    else std::snprintf(buffer, sizeof buffer, "%.3g", v);
    return buffer;
}

std::string fixed(double v, int decimals) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

/// A ratio to two decimals; an exact 0 (a one-sided interval's bound) as "0", like the strike
/// probabilities beside it.
std::string ratio(double v) {
    if (std::isinf(v)) return "inf";
    return v == 0.0 ? "0" : v < 100.0 ? fixed(v, 2) : sig3(v);
}

/// "estimate [lo, hi]" to three significant digits; [0, hi] without hits.
std::string interval(const WeightedEstimate& e) {
    return sig3(e.estimate) + (e.hits == 0 ? " [0, " : " [" + sig3(e.lo) + ", ") + sig3(e.hi) + "]";
}

std::string joined(const std::vector<std::string>& labels) {
    std::string out;
    for (const std::string& l : labels) out += (out.empty() ? "" : ", ") + l;
    return out;
}

}  // namespace

Summary summarizeRuns(const Layout& layout, const std::filesystem::path& runsCsv) {
    const std::size_t pointCount = layout.points.size();
    std::vector<Accumulator> acc(pointCount);
    Summary summary;
    summary.points.resize(pointCount);
    // Pairs: the rows of one replicate are contiguous (tasks are replicate-major).
    Pairing pairing(layout, summary.points);
    forEachRun(layout, runsCsv, [&](const RunRecord& r) {
        const double weight = layout.importance ? std::exp(r.logWeight) : 1.0;
        pairing.add(r, weight);
        Accumulator& a = acc[r.point];
        a.estimates.add(weight, r.struck, r.pFatal, r.unitStruck);
        a.lt1 += r.closePassesLt1m;
        a.lt2 += r.closePassesLt2m;
        a.exposure += r.exposure;
        if (r.minClearance) {
            a.clearance += *r.minClearance;
            ++a.clearanceRuns;
        }
        a.moveOver += r.moveOverRate * r.observedVehicles;
        a.observed += r.observedVehicles;
    });
    pairing.finish();
    for (std::size_t p = 0; p < pointCount; ++p) {
        const Accumulator& a = acc[p];
        PointSummary& s = summary.points[p];
        s.estimates = a.estimates.estimates(layout.importance, layout.maxWeight);
        s.runs = s.estimates.personStruck.runs;
        s.strikes = s.estimates.personStruck.hits;
        summary.runs += s.runs;
        summary.strikes += s.strikes;
        s.exposureHours = a.exposure / 3600.0;
        if (a.exposure > 0) {
            s.closePassesLt1mPerHour = a.lt1 / s.exposureHours;
            s.closePassesLt2mPerHour = a.lt2 / s.exposureHours;
        }
        if (a.clearanceRuns > 0) s.meanMinClearance = a.clearance / static_cast<double>(a.clearanceRuns);
        if (a.observed > 0) s.moveOverRate = a.moveOver / a.observed;
    }
    summary.complete = summary.runs == layout.tasks();
    return summary;
}

std::string summaryCsv(const Layout& layout, const Summary& summary) {
    std::string out = "point";
    for (const std::string& h : layout.axisHeaders) out += "," + csvField(h);
    // The estimates' columns are named by rareEventFields, as in summary.json and `estimate`.
    const nlohmann::ordered_json names = rareEventFields({});
    for (const auto& field : names.items()) out += "," + field.key();
    out += ",exposure_h,close_passes_lt1m_per_h,close_passes_lt2m_per_h,mean_min_clearance_m,move_over_rate,baseline,relative_risk,"
           "relative_risk_lo,relative_risk_hi,pairs,pairs_both,pairs_point_only,pairs_baseline_only,warnings\n";
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const PointSummary& s = summary.points[p];
        out += lp.id;
        for (const std::string& cell : lp.cells) out += "," + csvField(cell);
        const nlohmann::ordered_json fields = rareEventFields(s.estimates);
        for (const auto& field : fields.items()) {
            const auto& v = field.value();
            out += ",";
            if (s.runs == 0 || v.is_null()) continue;
            out += v.is_string() ? csvField(v.get<std::string>()) : v.is_number_float() ? formatDouble(v.get<double>()) : v.dump();
        }
        out += "," + formatDouble(s.exposureHours) + "," + number(s.closePassesLt1mPerHour) + "," + number(s.closePassesLt2mPerHour) +
               "," + number(s.meanMinClearance) + "," + number(s.moveOverRate);
        out += "," + (lp.baseline ? layout.points[*lp.baseline].id : std::string());
        const RiskRatio& rr = s.relativeRisk;
        out += rr.defined ? "," + number(finite(rr.estimate)) + "," + number(finite(rr.lo)) + "," + number(finite(rr.hi)) : std::string(",,,");
        if (lp.baseline)
            out += "," + std::to_string(s.pairs.pairs()) + "," + std::to_string(s.pairs.both) + "," + std::to_string(s.pairs.pointOnly) + "," +
                   std::to_string(s.pairs.baselineOnly);
        else
            out += ",,,,";
        std::string warnings;
        for (const std::string& w : warningsOf(s.estimates)) warnings += (warnings.empty() ? "" : "; ") + w;
        out += "," + csvField(warnings) + "\n";
    }
    return out;
}

constexpr const char* kCrudeMethod =
    "share of runs with a person struck; 95 % Wilson score interval (Wilson 1927), or the rule of three [0, 3/n] when no run has a "
    "strike";
constexpr const char* kImportanceMethod =
    "importance sampling: mean over runs of w x, w = the run's likelihood ratio (runs.csv log_weight); 95 % normal interval with 30 "
    "weighted hits or more, Korn-Graubard (Clopper-Pearson at the effective n) with fewer, [0, 3 w_max / n] with none";
constexpr const char* kPairedRatioMethod =
    "P(strike | point) / P(strike | baseline) over runs paired by replicate (common random numbers); paired Wald interval on log RR, "
    "var = (b + c) / ((a + b)(a + c)) (Agresti 2013, sec. 11.1); when one proportion is zero, 0.5 added to b and c for the informed "
    "bound, the other is 0 or infinity (null)";
constexpr const char* kWeightedRatioMethod =
    "ratio of the weighted means of w x at the point and at its baseline over runs paired by replicate (common random numbers); "
    "delta-method interval on the log ratio with the paired covariance; one side without hits: one-sided bound";

std::string summaryJson(const Layout& layout, const Summary& summary) {
    using nlohmann::json;
    json points = json::array();
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const PointSummary& s = summary.points[p];
        json axes = json::object();
        for (std::size_t a = 0; a < lp.labels.size(); ++a) axes[layout.axisNames[a]] = lp.labels[a];
        json point = {{"id", lp.id}, {"axes", axes}};
        if (s.runs > 0) point.update(rareEventFields(s.estimates));
        else point["runs"] = 0;
        point["warnings"] = warningsOf(s.estimates);
        point["exposure_h"] = s.exposureHours;
        point["close_passes_per_exposure_h"] = {{"lt_1m", jsonNumber(s.closePassesLt1mPerHour)}, {"lt_2m", jsonNumber(s.closePassesLt2mPerHour)}};
        point["mean_min_clearance_m"] = jsonNumber(s.meanMinClearance);
        point["move_over_rate"] = jsonNumber(s.moveOverRate);
        if (lp.baseline) {
            const RiskRatio& rr = s.relativeRisk;
            point["relative_risk"] = {{"baseline", layout.points[*lp.baseline].id},
                                      {"estimate", rr.defined ? json(rr.estimate) : json()},
                                      {"lo", rr.defined ? json(rr.lo) : json()},
                                      {"hi", rr.defined ? json(rr.hi) : json()},
                                      {"haldane_corrected", rr.corrected},
                                      {"pairs", s.pairs.pairs()},
                                      {"both_struck", s.pairs.both},
                                      {"point_only", s.pairs.pointOnly},
                                      {"baseline_only", s.pairs.baselineOnly}};
        }
        points.push_back(std::move(point));
    }
    const json out = {
        {"sweep", layout.name},
        {"complete", summary.complete},
        {"runs", summary.runs},
        {"tasks", layout.tasks()},
        {"replicates", layout.replicates},
        {"root_seed", layout.rootSeed},
        {"axes", layout.axisNames},
        {"estimator", layout.importance ? "importance" : "crude"},
        {"methods",
         {{"p_strike", layout.importance ? kImportanceMethod : kCrudeMethod},
          {"deaths_per_million", "1e6 x the (weighted) mean over runs of the expected number of people killed (each strike's p_fatal, "
                                 "Tefft 2013), interval as for p_strike"},
          {"p_unit_struck", "the same estimator for 'a parked unit (patrol car, violator, blocker) was struck by traffic'"},
          {"close_passes_per_exposure_h", "vehicles passing a person on foot with under 1 m (2 m) of clearance, per hour of exposure"},
          {"relative_risk", layout.importance ? kWeightedRatioMethod : kPairedRatioMethod},
          {"warnings", "plain words when a diagnostic says an estimate cannot be trusted: Pareto k-hat > 0.7, fewer than 30 weighted "
                       "hits, mean weight more than 3 standard errors from 1 (docs/batch.md, \"Rare events\")"}}},
        {"points", points},
    };
    return out.dump(2) + "\n";
}

std::string summaryTable(const Layout& layout, const Summary& summary) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = layout.axisNames;
    const bool paired = std::any_of(layout.points.begin(), layout.points.end(), [](const auto& p) { return p.baseline.has_value(); });
    for (const char* h : {"runs", "P(strike) [95% CI]", "±"}) header.push_back(h);
    if (paired) header.push_back("relative risk [95% CI]");
    for (const char* h : {"deaths per million stops", "P(unit struck)", "close passes <1 m per h"}) header.push_back(h);
    rows.push_back(header);
    std::string footnotes;
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const PointSummary& s = summary.points[p];
        std::vector<std::string> row = lp.labels;
        row.push_back(std::to_string(s.runs));
        if (s.runs == 0) {
            row.resize(header.size(), "-");
            rows.push_back(row);
            continue;
        }
        const std::vector<std::string> warnings = warningsOf(s.estimates);
        const WeightedEstimate& strike = s.estimates.personStruck;
        row.push_back(interval(strike) + (warnings.empty() ? "" : " !"));
        row.push_back(std::isfinite(strike.relError) ? fixed(100.0 * strike.relError, 0) + " %" : "-");
        if (paired) {
            if (!lp.baseline) row.push_back("");
            else if (*lp.baseline == p) row.push_back("1 (baseline)");
            else if (!s.relativeRisk.defined) row.push_back("n/a (no strikes)");
            else
                row.push_back(ratio(s.relativeRisk.estimate) + " [" + ratio(s.relativeRisk.lo) + ", " + ratio(s.relativeRisk.hi) + "]");
        }
        row.push_back(interval(s.estimates.deathsPerMillion));
        row.push_back(interval(s.estimates.unitStruck));
        row.push_back(s.closePassesLt1mPerHour ? fixed(*s.closePassesLt1mPerHour, 1) : "-");
        rows.push_back(row);
        // One line a point; deaths per million share P(strike)'s hits, so its warnings repeat them.
        std::string why;
        for (const WeightedEstimate* e : {&strike, &s.estimates.unitStruck})
            for (const std::string& w : e->warnings)
                why += (why.empty() ? "" : "; ") + std::string(e == &strike ? "P(strike) " : "P(unit struck) ") + w;
        if (!why.empty()) footnotes += "! " + lp.id + " (" + joined(lp.labels) + "): " + why + "\n";
    }
    std::vector<std::size_t> width(header.size(), 0);
    auto displayWidth = [](const std::string& s) {  // count UTF-8 code points, not bytes
        return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    };
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], displayWidth(row[c]));
    std::string out;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            line += rows[r][c];
            if (c + 1 < rows[r].size()) line += std::string(width[c] - displayWidth(rows[r][c]) + 2, ' ');
        }
        out += line + "\n";
        if (r == 0) {
            std::size_t total = 0;
            for (std::size_t w : width) total += w + 2;
            out += std::string(total - 2, '-') + "\n";
        }
    }
    return footnotes.empty() ? out : out + "\n" + footnotes;
}

}  // namespace batch
