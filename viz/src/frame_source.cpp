// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/frame_source.hpp"

#include <algorithm>
#include <cmath>

#include "sim/units.hpp"

namespace viz {

std::size_t FrameSource::frameIndexAt(double t) const {
    const std::size_t n = frameCount();
    if (n == 0) return 0;
    // Binary search on frameTime: sources with an index (recordings) answer in O(log n) too.
    std::size_t lo = 0;
    std::size_t hi = n;
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (frameTime(mid) <= t) lo = mid;
        else hi = mid;
    }
    return lo;
}

const sim::EntityState* findEntity(const sim::Frame& frame, std::uint32_t entity) {
    const auto it = std::lower_bound(frame.entities.begin(), frame.entities.end(), entity,
                                     [](const sim::EntityState& e, std::uint32_t id) { return e.entity < id; });
    return it != frame.entities.end() && it->entity == entity ? &*it : nullptr;
}

namespace {

double blendAngle(double a, double b, double alpha) {
    double delta = std::remainder(b - a, 2.0 * sim::units::kPi);  // shortest way round
    return a + alpha * delta;
}

sim::EntityState blend(const sim::EntityState& a, const sim::EntityState& b, double alpha) {
    sim::EntityState out = alpha < 0.5 ? a : b;
    out.pose.position = a.pose.position + alpha * (b.pose.position - a.pose.position);
    out.pose.heading = blendAngle(a.pose.heading, b.pose.heading, alpha);
    out.speed = a.speed + alpha * (b.speed - a.speed);
    return out;
}

}  // namespace

sim::Frame interpolate(const sim::Frame& a, const sim::Frame& b, double alpha) {
    sim::Frame out;
    out.time = a.time + alpha * (b.time - a.time);
    out.entities.reserve(std::max(a.entities.size(), b.entities.size()));
    auto ia = a.entities.begin();
    auto ib = b.entities.begin();
    // A merge of two sorted lists; an entity in only one frame appears while that frame is nearer.
    while (ia != a.entities.end() || ib != b.entities.end()) {
        if (ib == b.entities.end() || (ia != a.entities.end() && ia->entity < ib->entity)) {
            if (alpha < 0.5) out.entities.push_back(*ia);
            ++ia;
        } else if (ia == a.entities.end() || ib->entity < ia->entity) {
            if (alpha >= 0.5) out.entities.push_back(*ib);
            ++ib;
        } else {
            out.entities.push_back(blend(*ia, *ib, alpha));
            ++ia;
            ++ib;
        }
    }
    return out;
}

sim::Frame frameAtTime(const FrameSource& source, double t) {
    const std::size_t n = source.frameCount();
    if (n == 0) return {};
    const std::size_t i = source.frameIndexAt(t);
    const auto a = source.frame(i);
    if (!a) return {};
    if (i + 1 >= n || t <= source.frameTime(i)) return *a;
    const auto b = source.frame(i + 1);
    if (!b) return *a;
    const double t0 = source.frameTime(i);
    const double t1 = source.frameTime(i + 1);
    // A vehicle that leaves the road and a new one that enters may share nothing but an index
    // range; interpolation is by entity index, so that is safe.
    return interpolate(*a, *b, t1 > t0 ? std::clamp((t - t0) / (t1 - t0), 0.0, 1.0) : 0.0);
}

std::optional<double> firstStrikeTime(const FrameSource& source) {
    for (const sim::Event& e : source.events())
        if (e.kind == sim::EventKind::Strike) return e.time;
    return std::nullopt;
}

SceneExtent sceneExtent(const sim::Scenario& scenario) {
    SceneExtent out;
    bool any = false;
    double dSum = 0.0;
    int dCount = 0;
    auto include = [&](double sLo, double sHi) {
        out.sMin = any ? std::min(out.sMin, sLo) : sLo;
        out.sMax = any ? std::max(out.sMax, sHi) : sHi;
        any = true;
    };
    for (const sim::UnitDef& u : scenario.units) {
        include(u.position.x - u.spec.length / 2.0, u.position.x + u.spec.length / 2.0);
        dSum += u.position.y;
        ++dCount;
    }
    for (const sim::DeviceDef& d : scenario.devices) include(d.position.x, d.position.x);
    if (dCount > 0) out.dCentre = dSum / dCount;
    else out.dCentre = -scenario.road.shoulderWidth / 2.0;
    return out;
}

SceneExtent sceneExtent(const FrameSource& source) {
    const sim::Scenario& sc = source.scenario();
    if (!sc.units.empty() || !sc.devices.empty() || source.frameCount() == 0) return sceneExtent(sc);
    const auto first = source.frame(0);
    SceneExtent out = sceneExtent(sc);
    if (!first) return out;
    bool any = false;
    for (const sim::EntityState& e : first->entities) {
        if (e.entity >= source.entities().size()) continue;
        const sim::EntityInfo& info = source.entities()[e.entity];
        if (info.kind != sim::EntityKind::Unit && info.kind != sim::EntityKind::Person) continue;
        const double half = info.length / 2.0;
        out.sMin = any ? std::min(out.sMin, e.pose.position.x - half) : e.pose.position.x - half;
        out.sMax = any ? std::max(out.sMax, e.pose.position.x + half) : e.pose.position.x + half;
        out.dCentre = e.pose.position.y;
        any = true;
    }
    return out;
}

}  // namespace viz
