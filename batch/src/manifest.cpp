// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch/manifest.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "batch/text.hpp"
#include "sim/version.hpp"

namespace batch {

nlohmann::json toolJson() {
#if defined(__clang__)
    const std::string compiler = std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
    const std::string compiler = std::string("gcc ") + __VERSION__;
#else
    const std::string compiler = "unknown";
#endif
    return {{"name", "roadside-batch"},
            {"version", sim::kVersion},
            {"git", sim::kGitDescribe},
            {"compiler", compiler},
            {"build_type", sim::kBuildType}};
}

nlohmann::json sweepJson(const Sweep& sweep) {
    using nlohmann::json;
    json axes = json::array();
    for (const Axis& a : sweep.axes) {
        json values = json::array();
        for (const AxisValue& v : a.values) {
            json set = json::array();
            for (const auto& o : v.overrides) set.push_back({{"path", o.path}, {"value", o.value}});
            values.push_back({{"label", v.label}, {"cell", v.cell}, {"include", v.includes}, {"set", set}});
        }
        axes.push_back({{"name", a.name},
                        {"key", a.key},
                        {"unit", a.unit},
                        {"header", a.header()},
                        {"kind", name(a.kind)},
                        {"values", values}});
    }
    json points = json::array();
    for (const SweepPoint& p : sweep.points) {
        json labels = json::object();
        json cells = json::array();
        for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
            labels[sweep.axes[a].name] = sweep.axes[a].values[p.values[a]].label;
            cells.push_back(sweep.axes[a].values[p.values[a]].cell);
        }
        points.push_back({{"id", p.id},
                          {"file", "points/" + p.id + ".toml"},
                          {"hash", hex64(fnv1a64(p.scenarioText))},
                          {"labels", labels},
                          {"cells", cells},
                          {"baseline", p.baseline ? json(sweep.points[*p.baseline].id) : json()}});
    }
    json overlays = json::array();
    for (const auto& [file, text] : sweep.overlays) overlays.push_back({{"file", file}, {"hash", hex64(fnv1a64(text))}, {"text", text}});
    json baseline = json();
    if (!sweep.baselineSpec.empty()) {
        baseline = json::object();
        for (const auto& [axis, label] : sweep.baselineSpec) baseline[axis] = label;
    }
    json sampling = json();
    if (sweep.sampling)
        sampling = {{"method", name(sweep.sampling->method)}, {"samples", sweep.sampling->samples}, {"scramble", sweep.sampling->scramble}};
    return {
        {"name", sweep.name},
        {"description", sweep.description},
        {"file", sweep.file},
        {"hash", hex64(sweep.hash)},
        {"file_hash", hex64(fnv1a64(sweep.text))},
        {"root_seed", sweep.rootSeed},
        {"replicates", sweep.replicates},
        {"record", name(sweep.record)},
        {"estimator", name(sweep.estimator)},
        {"importance", sweep.estimator == Estimator::Importance ? json(importanceKey(sweep.importance)) : json()},
        {"max_weight", sweep.layout().maxWeight},
        {"tasks", sweep.tasks()},
        {"seeds", "the seed of replicate r is sim::runSeed(root_seed, r) >> 11 (sim/rng.hpp; below 2^53, exact as a double), the same at every point"},
        {"task_order", "task t = replicate * points + point; shard i of N runs tasks [i*T/N, (i+1)*T/N) in balanced blocks"},
        {"sampling", sampling},
        {"baseline", baseline},
        {"axes", axes},
        {"points", points},
        {"text", sweep.text},
        {"base", {{"file", sweep.baseFile}, {"hash", hex64(fnv1a64(sweep.baseText))}, {"text", sweep.baseText}}},
        {"overlays", overlays},
    };
}

Layout layoutFromJson(const nlohmann::json& s) {
    try {
        Layout out;
        out.name = s.at("name").get<std::string>();
        out.importance = s.value("estimator", std::string("crude")) == "importance";
        out.maxWeight = s.value("max_weight", 1.0);
        out.rootSeed = s.at("root_seed").get<std::uint64_t>();
        out.replicates = s.at("replicates").get<std::size_t>();
        for (const auto& a : s.at("axes")) {
            out.axisNames.push_back(a.at("name").get<std::string>());
            out.axisHeaders.push_back(a.at("header").get<std::string>());
        }
        std::vector<std::string> baselines;
        for (const auto& p : s.at("points")) {
            Layout::Point lp;
            lp.id = p.at("id").get<std::string>();
            for (const std::string& axis : out.axisNames) lp.labels.push_back(p.at("labels").at(axis).get<std::string>());
            lp.cells = p.at("cells").get<std::vector<std::string>>();
            baselines.push_back(p.at("baseline").is_null() ? "" : p.at("baseline").get<std::string>());
            out.points.push_back(std::move(lp));
        }
        for (std::size_t i = 0; i < out.points.size(); ++i) {
            if (baselines[i].empty()) continue;
            for (std::size_t j = 0; j < out.points.size(); ++j)
                if (out.points[j].id == baselines[i]) out.points[i].baseline = j;
            if (!out.points[i].baseline) throw std::runtime_error("baseline " + baselines[i] + " is not a point");
        }
        if (out.points.empty()) throw std::runtime_error("no points");
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("a manifest whose sweep does not read: ") + e.what());
    }
}

nlohmann::json readManifest(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error(file.parent_path().string() + ": not a sweep's results folder (expected " + file.filename().string() +
                                 ", found none)");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + " is not JSON: " + e.what());
    }
}

void writeFileAtomically(const std::filesystem::path& file, std::string_view text) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, file);
}

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace batch
