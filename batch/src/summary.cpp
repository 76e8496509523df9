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
    std::size_t runs = 0, strikes = 0, clearanceRuns = 0;
    double deaths = 0, deathsSquared = 0, lt1 = 0, lt2 = 0, exposure = 0, clearance = 0, moveOver = 0, observed = 0;
};

std::string number(const std::optional<double>& v) { return v ? formatDouble(*v) : ""; }

nlohmann::json jsonNumber(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

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
std::string ratio(double v) { return v == 0.0 ? "0" : fixed(v, 2); }

}  // namespace

Summary summarizeRuns(const Layout& layout, const std::filesystem::path& runsCsv) {
    const std::size_t pointCount = layout.points.size();
    std::vector<Accumulator> acc(pointCount);
    Summary summary;
    summary.points.resize(pointCount);
    // Pairs: the rows of one replicate are contiguous (tasks are replicate-major).
    std::vector<signed char> struck(pointCount, -1);
    std::optional<std::size_t> replicate;
    auto pairUp = [&] {
        for (std::size_t p = 0; p < pointCount; ++p) {
            const auto& b = layout.points[p].baseline;
            if (!b || struck[p] < 0 || struck[*b] < 0) continue;
            PairedCounts& c = summary.points[p].pairs;
            if (struck[p] && struck[*b]) ++c.both;
            else if (struck[p]) ++c.pointOnly;
            else if (struck[*b]) ++c.baselineOnly;
            else ++c.neither;
        }
        std::fill(struck.begin(), struck.end(), static_cast<signed char>(-1));
    };
    forEachRun(layout, runsCsv, [&](const RunRecord& r) {
        if (replicate && *replicate != r.replicate) pairUp();
        replicate = r.replicate;
        struck[r.point] = r.struck ? 1 : 0;
        Accumulator& a = acc[r.point];
        ++a.runs;
        a.strikes += r.struck ? 1 : 0;
        a.deaths += r.pFatal;
        a.deathsSquared += r.pFatal * r.pFatal;
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
    pairUp();
    for (std::size_t p = 0; p < pointCount; ++p) {
        const Accumulator& a = acc[p];
        PointSummary& s = summary.points[p];
        s.runs = a.runs;
        s.strikes = a.strikes;
        summary.runs += a.runs;
        summary.strikes += a.strikes;
        if (a.runs == 0) continue;
        s.pStrike = strikeProbability(a.strikes, a.runs);
        if (a.strikes == 0) {
            // A run's death probability is at most its strike indicator: the rule of three bounds both.
            s.deathsPer1000 = {0.0, 0.0, 1000.0 * s.pStrike.hi, "rule-of-three"};
        } else {
            const Estimate m = meanInterval(a.deaths, a.deathsSquared, a.runs);
            s.deathsPer1000 = {1000.0 * m.estimate, std::max(0.0, 1000.0 * m.lo), 1000.0 * m.hi, "normal"};
        }
        s.exposureHours = a.exposure / 3600.0;
        if (a.exposure > 0) {
            s.closePassesLt1mPerHour = a.lt1 / s.exposureHours;
            s.closePassesLt2mPerHour = a.lt2 / s.exposureHours;
        }
        if (a.clearanceRuns > 0) s.meanMinClearance = a.clearance / static_cast<double>(a.clearanceRuns);
        if (a.observed > 0) s.moveOverRate = a.moveOver / a.observed;
        if (layout.points[p].baseline) s.relativeRisk = pairedRiskRatio(s.pairs);
    }
    summary.complete = summary.runs == layout.tasks();
    return summary;
}

std::string summaryCsv(const Layout& layout, const Summary& summary) {
    std::string out = "point";
    for (const std::string& h : layout.axisHeaders) out += "," + csvField(h);
    out += ",runs,strikes,p_strike,p_strike_lo,p_strike_hi,p_strike_interval,deaths_per_1000,deaths_per_1000_lo,"
           "deaths_per_1000_hi,exposure_h,close_passes_lt1m_per_h,close_passes_lt2m_per_h,mean_min_clearance_m,"
           "move_over_rate,baseline,relative_risk,relative_risk_lo,relative_risk_hi,pairs,pairs_both,pairs_point_only,"
           "pairs_baseline_only\n";
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const PointSummary& s = summary.points[p];
        out += lp.id;
        for (const std::string& cell : lp.cells) out += "," + csvField(cell);
        out += "," + std::to_string(s.runs) + "," + std::to_string(s.strikes);
        if (s.runs > 0) {
            out += "," + formatDouble(s.pStrike.estimate) + "," + formatDouble(s.pStrike.lo) + "," + formatDouble(s.pStrike.hi) + "," +
                   std::string(s.pStrike.method) + "," + formatDouble(s.deathsPer1000.estimate) + "," +
                   formatDouble(s.deathsPer1000.lo) + "," + formatDouble(s.deathsPer1000.hi);
        } else {
            out += ",,,,,,,";
        }
        out += "," + formatDouble(s.exposureHours) + "," + number(s.closePassesLt1mPerHour) + "," + number(s.closePassesLt2mPerHour) +
               "," + number(s.meanMinClearance) + "," + number(s.moveOverRate);
        out += "," + (lp.baseline ? layout.points[*lp.baseline].id : std::string());
        const RiskRatio& rr = s.relativeRisk;
        out += rr.defined ? "," + formatDouble(rr.estimate) + "," + formatDouble(rr.lo) + "," + formatDouble(rr.hi) : std::string(",,,");
        if (lp.baseline)
            out += "," + std::to_string(s.pairs.pairs()) + "," + std::to_string(s.pairs.both) + "," + std::to_string(s.pairs.pointOnly) + "," +
                   std::to_string(s.pairs.baselineOnly);
        else
            out += ",,,,";
        out += "\n";
    }
    return out;
}

std::string summaryJson(const Layout& layout, const Summary& summary) {
    using nlohmann::json;
    json points = json::array();
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const PointSummary& s = summary.points[p];
        json axes = json::object();
        for (std::size_t a = 0; a < lp.labels.size(); ++a) axes[layout.axisNames[a]] = lp.labels[a];
        json point = {{"id", lp.id}, {"axes", axes}, {"runs", s.runs}, {"strikes", s.strikes}};
        if (s.runs > 0) {
            point["p_strike"] = {{"estimate", s.pStrike.estimate}, {"lo", s.pStrike.lo}, {"hi", s.pStrike.hi}, {"interval", s.pStrike.method}};
            point["deaths_per_1000_stops"] = {{"estimate", s.deathsPer1000.estimate},
                                              {"lo", s.deathsPer1000.lo},
                                              {"hi", s.deathsPer1000.hi},
                                              {"interval", s.deathsPer1000.method}};
        }
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
        {"methods",
         {{"p_strike", "share of runs with a person struck; 95 % Wilson score interval (Wilson 1927), or the rule of three [0, 3/n] "
                       "when no run has a strike"},
          {"deaths_per_1000_stops", "1000 x mean over runs of 1 - prod(1 - p_fatal) over the run's strikes; normal 95 % interval; "
                                    "[0, 1000 x 3/n] when no run has a strike"},
          {"close_passes_per_exposure_h", "vehicles passing a person on foot with under 1 m (2 m) of clearance, per hour of exposure"},
          {"relative_risk", "P(strike | point) / P(strike | baseline) over runs paired by replicate (common random numbers); paired "
                            "Wald interval on log RR, var = (b + c) / ((a + b)(a + c)) (Agresti 2013, sec. 11.1); when one proportion is zero, "
                            "0.5 added to b and c for the informed bound, the other is 0 or infinity (null)"}}},
        {"points", points},
    };
    return out.dump(2) + "\n";
}

std::string summaryTable(const Layout& layout, const Summary& summary) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = layout.axisNames;
    const bool paired = std::any_of(layout.points.begin(), layout.points.end(), [](const auto& p) { return p.baseline.has_value(); });
    for (const char* h : {"runs", "P(strike) [95% CI]"}) header.push_back(h);
    if (paired) header.push_back("relative risk [95% CI]");
    header.push_back("close passes <1 m per h");
    header.push_back("deaths per 1000 stops");
    rows.push_back(header);
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
        row.push_back(sig3(s.pStrike.estimate) + (s.strikes == 0 ? " [0, " : " [" + sig3(s.pStrike.lo) + ", ") + sig3(s.pStrike.hi) + "]");
        if (paired) {
            if (!lp.baseline) row.push_back("");
            else if (*lp.baseline == p) row.push_back("1 (baseline)");
            else if (!s.relativeRisk.defined) row.push_back("n/a (no strikes)");
            else
                row.push_back(ratio(s.relativeRisk.estimate) + " [" + ratio(s.relativeRisk.lo) + ", " + ratio(s.relativeRisk.hi) + "]");
        }
        row.push_back(s.closePassesLt1mPerHour ? fixed(*s.closePassesLt1mPerHour, 1) : "-");
        row.push_back(sig3(s.deathsPer1000.estimate) + " [" + sig3(s.deathsPer1000.lo) + ", " + sig3(s.deathsPer1000.hi) + "]");
        rows.push_back(row);
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
    return out;
}

}  // namespace batch
