// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// roadside-batch report: Markdown tables from finished sweeps. Sections:
//   [read]      a results folder: manifest, layout, summary.json, runs.csv
//   [bootstrap] paired bootstrap of the close-pass rate ratio
//   [format]    numbers and table cells
//   [page]      the page: per sweep a table, then provenance and methods
#include "report_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <limits>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "batch/layout.hpp"
#include "batch/manifest.hpp"
#include "batch/run_table.hpp"
#include "commands.hpp"

#ifndef ROADSIDE_VERSION
#define ROADSIDE_VERSION "unknown"
#endif

namespace batch {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// [read]
// ---------------------------------------------------------------------------------------------

/// Per point and replicate, what the close-pass ratios need (from runs.csv).
struct RunCells {
    std::vector<std::vector<double>> lt1;       ///< [point][replicate] close passes under 1 m
    std::vector<std::vector<double>> exposure;  ///< [point][replicate] s on foot near traffic
    std::vector<std::vector<bool>> present;     ///< [point][replicate] the run is in runs.csv
};

struct Folder {
    std::filesystem::path dir;
    json manifest;
    json summary;
    Layout layout;
    std::optional<RunCells> runs;  ///< absent when runs.csv is missing
};

json readJson(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string() + " (is this a finished sweep's results folder?)");
    try {
        return json::parse(in);
    } catch (const json::exception& e) {
        throw std::runtime_error(file.string() + " is not JSON: " + e.what());
    }
}

RunCells readRuns(const Layout& layout, const std::filesystem::path& file) {
    const std::size_t points = layout.points.size(), replicates = layout.replicates;
    RunCells cells{std::vector<std::vector<double>>(points, std::vector<double>(replicates, 0.0)),
                   std::vector<std::vector<double>>(points, std::vector<double>(replicates, 0.0)),
                   std::vector<std::vector<bool>>(points, std::vector<bool>(replicates, false))};
    forEachRun(layout, file, [&](const RunRecord& r) {
        if (r.point >= points || r.replicate >= replicates) throw std::runtime_error(file.string() + ": a row outside the sweep");
        cells.lt1[r.point][r.replicate] = r.closePassesLt1m;
        cells.exposure[r.point][r.replicate] = r.exposure;
        cells.present[r.point][r.replicate] = true;
    });
    return cells;
}

Folder readFolder(const std::filesystem::path& dir) {
    Folder f;
    f.dir = dir;
    f.manifest = readManifest(dir / "manifest.json");
    if (!f.manifest.contains("sweep")) throw std::runtime_error((dir / "manifest.json").string() + " has no \"sweep\" member");
    f.layout = layoutFromJson(f.manifest.at("sweep"));
    f.summary = readJson(dir / "summary.json");
    if (!f.summary.contains("points") || f.summary.at("points").size() != f.layout.points.size())
        throw std::runtime_error((dir / "summary.json").string() + " does not match its manifest");
    if (std::filesystem::exists(dir / "runs.csv")) f.runs = readRuns(f.layout, dir / "runs.csv");
    return f;
}

// ---------------------------------------------------------------------------------------------
// [bootstrap]
// ---------------------------------------------------------------------------------------------

/// SplitMix64 (Vigna): a fixed, portable stream, so that the intervals in the page are the same
/// on every machine (std:: distributions are not specified bit for bit).
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }  // bias < n / 2^64
};

struct RateRatio {
    bool defined = false;
    double estimate = 0.0, lo = 0.0, hi = 0.0;
};

/// Close passes under 1 m per hour on foot at the point, over the same at its baseline, with a
/// 95 % percentile interval from a paired bootstrap over replicates (Efron & Tibshirani 1993,
/// ch. 13): the replicates are resampled together at both points, which keeps the common random
/// numbers' pairing. Undefined when the baseline has no close pass or nobody was on foot.
RateRatio closePassRatio(const RunCells& runs, std::size_t point, std::size_t baseline, std::size_t resamples, std::uint64_t seed) {
    std::vector<std::size_t> pairs;
    for (std::size_t r = 0; r < runs.present[point].size(); ++r)
        if (runs.present[point][r] && runs.present[baseline][r]) pairs.push_back(r);
    auto ratio = [&](const std::vector<std::size_t>& rs, double& out) {
        double a = 0, ea = 0, b = 0, eb = 0;
        for (const std::size_t r : rs) {
            a += runs.lt1[point][r];
            ea += runs.exposure[point][r];
            b += runs.lt1[baseline][r];
            eb += runs.exposure[baseline][r];
        }
        if (ea <= 0.0 || eb <= 0.0 || b <= 0.0) return false;
        out = (a / ea) / (b / eb);
        return true;
    };
    RateRatio rr;
    if (pairs.empty() || !ratio(pairs, rr.estimate)) return rr;
    rr.defined = true;
    if (point == baseline) {
        rr.lo = rr.hi = 1.0;
        return rr;
    }
    SplitMix rng{seed ^ (0x5851F42D4C957F2Dull * (point + 1))};
    std::vector<double> draws;
    draws.reserve(resamples);
    std::vector<std::size_t> sample(pairs.size());
    for (std::size_t b = 0; b < resamples; ++b) {
        for (std::size_t& s : sample) s = pairs[rng.below(pairs.size())];
        double v = 0.0;
        // A resample whose baseline has no close pass has an infinite ratio: it counts as above
        // every finite one.
        draws.push_back(ratio(sample, v) ? v : std::numeric_limits<double>::infinity());
    }
    std::sort(draws.begin(), draws.end());
    const auto at = [&](double q) { return draws[static_cast<std::size_t>(std::floor(q * static_cast<double>(draws.size() - 1) + 0.5))]; };
    rr.lo = at(0.025);
    rr.hi = at(0.975);
    return rr;
}

// ---------------------------------------------------------------------------------------------
// [format]
// ---------------------------------------------------------------------------------------------

std::string printf1(const char* format, double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    return buffer;
}

/// Three significant digits, no exponent for the magnitudes shown ("0.0031", "0.03", "12.5").
std::string sig3(double v) {
    if (!std::isfinite(v)) return v > 0 ? "∞" : "-∞";
    if (v == 0.0) return "0";
    if (std::fabs(v) >= 100.0) return printf1("%.0f", v);
    if (std::fabs(v) < 1e-3) return printf1("%.3g", v);  // 1.59e-06, not 0.00000159
    const int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    std::string s = buffer;
    if (s.find('.') != std::string::npos) {  // drop trailing zeros: 0.0300 -> 0.03
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string interval(double estimate, double lo, double hi) { return sig3(estimate) + " [" + sig3(lo) + ", " + sig3(hi) + "]"; }

double number(const json& j, const char* key, double fallback = 0.0) {
    return j.contains(key) && j.at(key).is_number() ? j.at(key).get<double>() : fallback;
}

/// A Markdown table cell: pipes escaped.
std::string cell(std::string text) {
    for (std::size_t i = 0; (i = text.find('|', i)) != std::string::npos; i += 2) text.replace(i, 1, "\\|");
    return text;
}

std::string row(const std::vector<std::string>& cells) {
    std::string out = "|";
    for (const std::string& c : cells) out += " " + cell(c) + " |";
    return out + "\n";
}

std::string str(const json& j, const char* key) {
    return j.contains(key) && j.at(key).is_string() ? j.at(key).get<std::string>() : std::string();
}

// ---------------------------------------------------------------------------------------------
// [page]
// ---------------------------------------------------------------------------------------------

std::string baselineText(const json& sweep) {
    if (!sweep.contains("baseline") || !sweep.at("baseline").is_object()) return "";
    std::string out;
    for (const auto& [axis, label] : sweep.at("baseline").items()) {
        if (!out.empty()) out += ", ";
        out += axis + " = " + label.get<std::string>();
    }
    return out;
}

std::string sweepSection(const Folder& f, const ReportOptions& options) {
    const json& sweep = f.manifest.at("sweep");
    const Layout& layout = f.layout;
    std::ostringstream out;
    out << "## " << layout.name << "\n\n";
    if (!str(sweep, "description").empty()) out << str(sweep, "description") << ".\n\n";
    const std::size_t runs = f.summary.value("runs", std::size_t{0});
    out << "`" << str(sweep, "file") << "`: " << layout.points.size() << " points × " << layout.replicates
        << " replicates = " << layout.tasks() << " runs (" << runs << " done), root seed " << layout.rootSeed << ", sweep hash `"
        << str(sweep, "hash") << "`.";
    const std::string baseline = baselineText(sweep);
    if (!baseline.empty())
        out << " Relative risks and rate ratios are against the point with " << baseline
            << " and the same values of the other axes, over runs paired by replicate (the same traffic).";
    out << "\n\n";
    if (!f.summary.value("complete", false))
        out << "**This sweep is incomplete: " << runs << " of " << layout.tasks() << " runs.**\n\n";

    std::vector<std::string> header = layout.axisNames;
    for (const char* h : {"runs", "strikes", "P(strike) per stop [95 % CI]", "relative risk [95 % CI]",
                          "close passes < 1 m per h on foot", "close-pass rate ratio [95 % CI]", "mean min. clearance (m)",
                          "min on foot per stop", "deaths per million stops [95 % CI]"})
        header.push_back(h);
    out << row(header);
    std::string rule = "|";
    for (std::size_t c = 0; c < header.size(); ++c) rule += c < layout.axisNames.size() ? "---|" : "--:|";
    out << rule << "\n";

    const json& points = f.summary.at("points");
    for (std::size_t p = 0; p < layout.points.size(); ++p) {
        const Layout::Point& lp = layout.points[p];
        const json& s = points.at(p);
        std::vector<std::string> cells = lp.labels;
        const std::size_t n = s.value("runs", std::size_t{0});
        const std::size_t strikes = s.value("hits", std::size_t{0});
        cells.push_back(std::to_string(n));
        cells.push_back(std::to_string(strikes));
        if (n == 0) {
            cells.resize(header.size(), "–");
            out << row(cells);
            continue;
        }
        cells.push_back(interval(number(s, "p_strike"), number(s, "p_strike_lo"), number(s, "p_strike_hi")) +
                        (str(s, "p_strike_interval") == "rule-of-three" ? " ³" : "") +
                        (s.contains("warnings") && !s.at("warnings").empty() ? " !" : ""));
        // Relative risk of a strike (paired), from summary.json.
        if (!lp.baseline) {
            cells.push_back("");
        } else if (*lp.baseline == p) {
            cells.push_back("1 (baseline)");
        } else {
            const json& rr = s.at("relative_risk");
            const bool corrected = rr.value("haldane_corrected", false);
            if (!rr.at("lo").is_number()) {
                cells.push_back("n/a: no strikes");
            } else if (!rr.at("estimate").is_number()) {
                // Strikes at the point and none at the baseline: the estimate and the upper bound
                // are infinite (JSON null); the lower bound is the Haldane-corrected one.
                cells.push_back("∞ [" + sig3(number(rr, "lo")) + ", ∞]" + (corrected ? " ᴴ" : ""));
            } else {
                // An open upper bound (a point without hits against its baseline) is null: ∞.
                const double hi = number(rr, "hi", std::numeric_limits<double>::infinity());
                cells.push_back(interval(number(rr, "estimate"), number(rr, "lo"), hi) + (corrected ? " ᴴ" : ""));
            }
        }
        const json& cp = s.at("close_passes_per_exposure_h");
        cells.push_back(cp.at("lt_1m").is_number() ? printf1("%.1f", cp.at("lt_1m").get<double>()) : "– (never on foot)");
        if (!lp.baseline || !f.runs) {
            cells.push_back("");
        } else if (*lp.baseline == p) {
            cells.push_back("1 (baseline)");
        } else {
            const RateRatio r = closePassRatio(*f.runs, p, *lp.baseline, options.bootstrap, options.bootstrapSeed);
            cells.push_back(r.defined ? interval(r.estimate, r.lo, r.hi) : "n/a");
        }
        const json& clearance = s.at("mean_min_clearance_m");
        cells.push_back(clearance.is_number() ? printf1("%.2f", clearance.get<double>()) : "–");
        cells.push_back(printf1("%.1f", 60.0 * number(s, "exposure_h") / static_cast<double>(n)));
        cells.push_back(interval(number(s, "deaths_per_million"), number(s, "deaths_per_million_lo"), number(s, "deaths_per_million_hi")));
        out << row(cells);
    }
    out << "\n";
    return out.str();
}

std::string provenance(const std::vector<Folder>& folders) {
    std::ostringstream out;
    out << "## Provenance\n\n";
    out << row({"sweep", "file", "sweep hash", "root seed", "replicates", "runs", "status", "finished (UTC)", "wall time",
                "threads", "tool"});
    out << "|---|---|---|--:|--:|--:|---|---|--:|--:|---|\n";
    for (const Folder& f : folders) {
        const json& m = f.manifest;
        const json& sweep = m.at("sweep");
        std::string tool;
        if (m.contains("tool")) {
            const json& t = m.at("tool");
            tool = str(t, "name") + " " + str(t, "version") + ", git " + str(t, "git") + ", " + str(t, "compiler") + ", " +
                   str(t, "build_type");
        }
        std::string wall;
        if (m.contains("timing") && m.at("timing").contains("wall_s")) wall = printf1("%.0f s", m.at("timing").at("wall_s").get<double>());
        std::string runs;
        if (m.contains("tasks")) runs = std::to_string(m.at("tasks").value("done", std::size_t{0}));
        out << row({f.layout.name, str(sweep, "file"), str(sweep, "hash"), std::to_string(f.layout.rootSeed),
                    std::to_string(f.layout.replicates), runs, str(m, "status"), str(m, "finished"), wall,
                    m.contains("threads") ? m.at("threads").dump() : "", tool});
    }
    out << "\nThe seed of replicate r is `sim::runSeed(root seed, r) >> 11` (below 2^53, so exact in any tool), the same at every point of a sweep (common random "
           "numbers). Any row can be re-run alone: `roadside-batch run <results>/points/<point>.toml --seed <seed>` with "
           "the seed from that folder's runs.csv. The command lines that produced the folders:\n\n";
    for (const Folder& f : folders) {
        std::string line;
        if (f.manifest.contains("command_line"))
            for (const auto& a : f.manifest.at("command_line")) line += (line.empty() ? "" : " ") + a.get<std::string>();
        out << "- `" << line << "`\n";
    }
    out << "\n";
    return out.str();
}

const char* kMethods =
    "## How to read the tables\n\n"
    "- **P(strike) per stop**: the share of runs in which anyone on foot was struck, with the 95 % Wilson score "
    "interval; ³ marks points without a strike, where the interval is the rule of three, [0, 3/n] "
    "(docs/batch.md, \"Statistics\"). Strikes are rare, in the model as on the road (the reference puts any "
    "struck-by at about 1e-5 per highway stop), so at these sample sizes most points have a few or none and the "
    "intervals are wide: read the close passes and clearances alongside.\n"
    "- **Relative risk**: P(strike) at the point over P(strike) at its baseline, over runs paired by replicate, with "
    "the paired interval on log RR (Agresti 2013, §11.1); ᴴ marks the 0.5 correction applied when one of the two has "
    "no strike (the estimate is then 0 or ∞, and the interval one-sided: the corrected bound on the side the data inform, 0 or ∞ on the other); \"n/a\" when neither has one.\n"
    "- **Close passes < 1 m per h on foot**: vehicles that passed a person on foot with under 1 m of clearance, per "
    "hour that people spent on foot within 4 m of an open lane. It separates tactics long before strikes do.\n"
    "- **Close-pass rate ratio**: that rate at the point over the rate at its baseline, with a 95 % percentile "
    "interval from a paired bootstrap over replicates (the same replicates resampled at both points; "
    "fixed seed, so the page is reproducible).\n"
    "- **Mean min. clearance**: the closest any moving vehicle came to anyone on foot in a run, averaged over runs.\n"
    "- **Min on foot per stop**: minutes people spent on foot near live traffic, per run: the exposure.\n"
    "- **Deaths per million stops**: 10⁶ × the mean over runs of the expected number of people the run's strikes kill "
    "(Tefft 2013 against impact speed), with the same kind of interval as P(strike).\n"
    "- With `estimator = \"importance\"` every mean is weighted by the runs' likelihood ratios (docs/batch.md, \"Rare events\"); "
    "! marks an estimate whose diagnostics warn (summary.json's `warnings` say why).\n\n";

}  // namespace

std::string reportMarkdown(const ReportOptions& options) {
    std::vector<Folder> folders;
    for (const std::filesystem::path& dir : options.dirs) folders.push_back(readFolder(dir));
    std::ostringstream out;
    out << "# " << options.title << "\n\n";
    out << "<!-- Generated by roadside-batch report (roadside " << ROADSIDE_VERSION << ") from ";
    for (std::size_t i = 0; i < folders.size(); ++i) out << (i ? ", " : "") << folders[i].layout.name;
    out << ". Do not edit by hand";
    if (!options.regenerate.empty()) out << ": regenerate with `" << options.regenerate << "`";
    out << ". -->\n\n";
    out << "Every number on this page comes from the sweeps listed under Provenance; none is typed by hand.";
    if (!options.regenerate.empty()) out << " Regenerate the page with `" << options.regenerate << "`.";
    out << "\n\n";
    for (const Folder& f : folders) out << sweepSection(f, options);
    out << kMethods;
    out << provenance(folders);
    return out.str();
}

void addReportCommand(CLI::App& app, int& exitCode) {
    struct Options {
        std::vector<std::string> dirs;
        std::string out;
        ReportOptions report;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand("report", "Write Markdown tables (strike probability, relative risk, close passes) of finished sweeps");
    cmd->add_option("dirs", opt->dirs, "Results folders of sweeps, in the order of the page")->required()->check(CLI::ExistingDirectory);
    cmd->add_option("--out", opt->out, "Markdown file to write ('-' for stdout)")->required();
    cmd->add_option("--title", opt->report.title, "Title of the page");
    cmd->add_option("--regenerate", opt->report.regenerate, "The command that regenerates the page, shown in it");
    cmd->add_option("--bootstrap", opt->report.bootstrap, "Bootstrap resamples for the close-pass rate ratio intervals")
        ->check(CLI::Range(100, 1000000));
    cmd->callback([opt, &exitCode] {
        opt->report.dirs.assign(opt->dirs.begin(), opt->dirs.end());
        try {
            const std::string page = reportMarkdown(opt->report);
            if (opt->out == "-") {
                std::cout << page;
            } else {
                writeFileAtomically(opt->out, page);
                std::cerr << "Wrote " << opt->out << " from " << opt->dirs.size() << " sweep" << (opt->dirs.size() == 1 ? "" : "s") << "\n";
            }
            exitCode = kOk;
        } catch (const std::runtime_error& e) {
            std::cerr << "roadside-batch: " << e.what() << "\n";
            exitCode = kInvalidInput;
        }
    });
}

}  // namespace batch
