// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "viz/divergence.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace viz {

std::int64_t TrafficDivergence::inB(const FrameSource& a, const FrameSource& b, std::uint32_t index) {
    if (aToB_.size() <= index) aToB_.resize(static_cast<std::size_t>(index) + 1, -2);
    std::int64_t& cached = aToB_[index];
    if (cached != -2) return cached;
    const std::string& id = a.entities()[index].id;
    const auto& others = b.entities();
    // The same vehicle usually has the same index in both tables; look there first.
    if (index < others.size() && others[index].id == id) return cached = index;
    const auto it = std::find_if(others.begin(), others.end(), [&](const sim::EntityInfo& e) { return e.id == id; });
    // Not in b's table yet: a live run may not have reached it; ask again later.
    return it == others.end() ? -1 : (cached = it - others.begin());
}

void TrafficDivergence::update(const FrameSource& a, const FrameSource& b, std::size_t maxFrames) {
    if (settled_) return;
    const std::size_t n = std::min(a.frameCount(), b.frameCount());
    for (std::size_t done = 0; next_ < n && done < maxFrames; ++next_, ++done) {
        const auto fa = a.frame(next_);
        const auto fb = b.frame(next_);
        if (!fa || !fb) continue;  // a corrupt frame of a recording: nothing to compare
        const sim::Frame other = std::abs(fa->time - fb->time) < 1e-6 ? *fb : frameAtTime(b, fa->time);
        std::size_t present = 0;  // traffic vehicles of a found in b
        for (const sim::EntityState& e : fa->entities) {
            if (e.entity >= a.entities().size() || a.entities()[e.entity].kind != sim::EntityKind::TrafficVehicle) continue;
            const std::int64_t j = inB(a, b, e.entity);
            const sim::EntityState* s = j < 0 ? nullptr : findEntity(other, static_cast<std::uint32_t>(j));
            if (!s || sim::length(s->pose.position - e.pose.position) > tolerance_) {
                at_ = fa->time;
                settled_ = true;
                return;
            }
            ++present;
        }
        std::size_t inOther = 0;  // and b has none that a lacks
        for (const sim::EntityState& e : other.entities)
            if (e.entity < b.entities().size() && b.entities()[e.entity].kind == sim::EntityKind::TrafficVehicle) ++inOther;
        if (inOther != present) {
            at_ = fa->time;
            settled_ = true;
            return;
        }
    }
    settled_ = next_ >= n && a.complete() && b.complete();
}

std::optional<double> trafficDivergence(const FrameSource& a, const FrameSource& b, double tolerance) {
    TrafficDivergence d(tolerance);
    d.update(a, b, SIZE_MAX);  // every frame both runs have
    return d.at();
}

}  // namespace viz
