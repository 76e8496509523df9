// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "people.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::detail {

namespace {

constexpr double kWalkClearance = 0.15;  // m kept between a walker's body and a car [assumption]
constexpr double kAtTheEdge = 0.3;       // m: this close to where a walk enters the open lanes, look first
constexpr double kStepAhead = 1.5;       // m: a person standing in a lane looks at this much of their walk on
                                         // (two strides) before setting off [assumption]

/// True if the open segment a-b passes through the inside of box b grown by `grow`.
bool segmentCrossesBox(Vec2 a, Vec2 b, const OrientedBox& box, double grow) {
    const Vec2 u = direction(box.pose.heading);
    const Vec2 n = leftNormal(u);
    const Vec2 pa{dot(a - box.pose.position, u), dot(a - box.pose.position, n)};
    const Vec2 pb{dot(b - box.pose.position, u), dot(b - box.pose.position, n)};
    const double hx = box.halfLength + grow, hy = box.halfWidth + grow;
    // Liang-Barsky clip of the segment against the box.
    double t0 = 0.0, t1 = 1.0;
    const Vec2 d = pb - pa;
    const double p[4] = {-d.x, d.x, -d.y, d.y};
    const double q[4] = {pa.x + hx, hx - pa.x, pa.y + hy, hy - pa.y};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] <= 0.0) return false;
            continue;
        }
        const double r = q[i] / p[i];
        if (p[i] < 0.0) t0 = std::max(t0, r);
        else t1 = std::min(t1, r);
        if (t0 >= t1) return false;
    }
    return (t1 - t0) * length(d) > 1e-6;
}

bool insideBox(Vec2 p, const OrientedBox& box, double grow) {
    const Vec2 u = direction(box.pose.heading);
    const Vec2 rel = p - box.pose.position;
    return std::abs(dot(rel, u)) < box.halfLength + grow && std::abs(dot(rel, leftNormal(u))) < box.halfWidth + grow;
}

}  // namespace

namespace {
/// A leg's walking cost: its length, with the part inside an open lane weighted.
double legCost(Vec2 a, Vec2 b, double trafficEdge) {
    const double len = length(b - a);
    const bool aIn = a.y > trafficEdge, bIn = b.y > trafficEdge;
    if (!aIn && !bIn) return len;
    double inLane = len;
    if (aIn != bIn) inLane *= (std::max(a.y, b.y) - trafficEdge) / std::abs(b.y - a.y);
    return len + (kTrafficWalkCost - 1.0) * inLane;
}

/// The first `metres` of a walk from `from` along `path`, as waypoints: `from` itself, then the
/// path's waypoints up to that distance, the last one cut short.
std::vector<Vec2> firstMetres(Vec2 from, const std::vector<Vec2>& path, double metres) {
    std::vector<Vec2> out{from};
    for (const Vec2& to : path) {
        const double leg = length(to - from);
        if (leg >= metres) {
            out.push_back(from + (metres / leg) * (to - from));
            break;
        }
        out.push_back(to);
        metres -= leg;
        from = to;
    }
    return out;
}

/// How far along a walk from `from` it first enters the open lanes (y > trafficEdge): 0 when it
/// starts in them, infinity when it never enters them.
double distanceToLane(Vec2 from, const std::vector<Vec2>& path, double trafficEdge) {
    if (from.y > trafficEdge) return 0.0;
    double walked = 0.0;
    for (const Vec2& to : path) {
        if (to.y > trafficEdge) return walked + length(to - from) * (trafficEdge - from.y) / (to.y - from.y);
        walked += length(to - from);
        from = to;
    }
    return kInfinity;
}
}  // namespace

std::vector<Vec2> planWalk(Vec2 from, Vec2 to, const std::vector<OrientedBox>& boxes, double clearance,
                           double trafficEdge) {
    // Nodes: start, goal, and each box's corners pushed a little beyond the clearance so that
    // walking along an edge does not count as crossing it.
    std::vector<Vec2> nodes{from, to};
    for (const OrientedBox& b : boxes) {
        Vec2 c[4];
        boxCorners({b.pose, b.halfLength + clearance + 0.05, b.halfWidth + clearance + 0.05}, c);
        for (const Vec2& p : c) nodes.push_back(p);
    }
    auto visible = [&](Vec2 a, Vec2 b) {
        for (const OrientedBox& box : boxes) {
            // A box the walker starts or ends in (the door of their own car) does not block.
            if (insideBox(a, box, clearance) || insideBox(b, box, clearance)) continue;
            if (segmentCrossesBox(a, b, box, clearance)) return false;
        }
        return true;
    };
    // Dijkstra over the visibility graph (at most a few dozen nodes).
    const std::size_t n = nodes.size();
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<int> prev(n, -1);
    std::vector<bool> done(n, false);
    dist[0] = 0.0;
    for (std::size_t iter = 0; iter < n; ++iter) {
        std::size_t u = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!done[i] && (u == n || dist[i] < dist[u])) u = i;
        if (u == n || !std::isfinite(dist[u]) || u == 1) break;
        done[u] = true;
        for (std::size_t v = 0; v < n; ++v) {
            if (done[v] || v == u) continue;
            const double w = legCost(nodes[u], nodes[v], trafficEdge);
            if (dist[u] + w < dist[v] && visible(nodes[u], nodes[v])) {
                dist[v] = dist[u] + w;
                prev[v] = static_cast<int>(u);
            }
        }
    }
    if (prev[1] < 0) return {to};  // boxed in: walk straight (the physics keeps them apart)
    std::vector<Vec2> path;
    for (int v = 1; v != 0; v = prev[static_cast<std::size_t>(v)]) path.push_back(nodes[static_cast<std::size_t>(v)]);
    std::reverse(path.begin(), path.end());
    return path;
}

People::People(const Scenario& sc, const SceneLayout& layout, EntityTable& entities) : sc_(sc), layout_(layout) {
    for (const PersonDef& def : sc.people) {
        Person p;
        EntityInfo info;
        info.id = def.id;
        info.kind = EntityKind::Person;
        info.personRole = def.role;
        info.length = info.width = 2.0 * def.radius;
        p.entity = entities.add(std::move(info), static_cast<int>(people_.size()));
        p.position = target(def, 0);
        p.phase = def.script.front().place == Place::Inside ? PersonPhase::Inside : PersonPhase::Dwelling;
        p.dwellUntil = def.script.front().dwell;
        people_.push_back(std::move(p));
    }
    planned_.resize(people_.size());
}

Vec2 People::target(const PersonDef& def, std::size_t step) const {
    ScriptStep st = def.script[step];
    // Getting in or out of a unit happens at its driver door.
    if (st.place == Place::Inside) st.place = Place::DriverDoor;
    return placePosition(sc_, layout_, st);
}

People::WalkAhead People::walkAhead(const PersonDef& def, std::vector<Vec2> leg, std::size_t step) const {
    const double edge = laneRight(sc_.road, layout_.adjacentLane);
    WalkAhead ahead{std::move(leg), 0.0};
    constexpr int kMaxPlaces = 4;  // a script rarely keeps anyone in a lane for more
    for (int k = 0; k < kMaxPlaces && step + 1 < def.script.size() && !ahead.path.empty(); ++k, ++step) {
        const Vec2 place = ahead.path.back();
        if (place.y <= edge || def.script[step].place == Place::Inside) break;  // out of traffic there
        ahead.dwellInLane += std::min(def.script[step].dwell, 600.0);
        const std::vector<Vec2> next = planWalk(place, target(def, step + 1), layout_.unitBoxes, def.radius + kWalkClearance, edge);
        ahead.path.insert(ahead.path.end(), next.begin(), next.end());
    }
    return ahead;
}

const People::WalkAhead& People::plannedAhead(std::size_t i, std::vector<Vec2> leg, std::size_t step) {
    PlannedAhead& c = planned_[i];
    if (!c.valid || c.step != step || c.leg != leg) {
        c.ahead = walkAhead(sc_.people[i], leg, step);
        c.leg = std::move(leg);
        c.step = step;
        c.valid = true;
    }
    return c.ahead;
}

void People::beginStep(Person& p, const PersonDef& def) {
    ++p.step;
    if (p.phase == PersonPhase::Inside)  // step out at the door of the unit they sat in
        p.position = target(def, p.step - 1);
    p.phase = PersonPhase::Walking;
    p.path = planWalk(p.position, target(def, p.step), layout_.unitBoxes, def.radius + kWalkClearance,
                      laneRight(sc_.road, layout_.adjacentLane));
}

void People::arrive(Person& p, const PersonDef& def, double t) {
    const ScriptStep& st = def.script[p.step];
    p.velocity = {};
    p.phase = st.place == Place::Inside ? PersonPhase::Inside : PersonPhase::Dwelling;
    p.dwellUntil = t + st.dwell;
    if (st.place != Place::BehindGuardrail) {
        const Vec2 toUnit = layout_.unitBoxes[static_cast<std::size_t>(st.unit)].pose.position - p.position;
        if (length(toUnit) > 1e-6) p.facing = std::atan2(toUnit.y, toUnit.x);
    }
}

namespace {

/// Step `step` is the door of the car the person got out of at the step before.
bool gotOutHere(const PersonDef& def, std::size_t step) {
    return step > 0 && def.script[step].place == Place::DriverDoor && def.script[step - 1].place == Place::Inside &&
           def.script[step - 1].unit == def.script[step].unit;
}

}  // namespace

double People::waited(Person& p, double t) {
    if (p.waitingSince < 0.0) p.waitingSince = t;
    return t - p.waitingSince;
}

void People::update(double t, double dt, const MayWalk& mayWalk) {
    for (std::size_t i = 0; i < people_.size(); ++i) {
        Person& p = people_[i];
        const PersonDef& def = sc_.people[i];
        if (p.phase == PersonPhase::Down) continue;
        const double trafficEdge = laneRight(sc_.road, layout_.adjacentLane);
        if ((p.phase == PersonPhase::Dwelling || p.phase == PersonPhase::Inside) && t >= p.dwellUntil &&
            p.step + 1 < def.script.size()) {
            // Getting out of a car is stepping into whatever passes its door: look first, from the
            // lane's edge when the car itself stands partly in the lane (an offset patrol car).
            const Vec2 seat = layout_.unitBoxes[static_cast<std::size_t>(def.script[p.step].unit)].pose.position;
            const Vec2 lookFrom{seat.x, std::min(seat.y, trafficEdge)};
            if (p.phase == PersonPhase::Inside) {
                // The door is the first place: the look covers standing at it, and walking on
                // from it, while that is in the lane.
                const WalkAhead& ahead = plannedAhead(i, {p.position, target(def, p.step + 1)}, p.step + 1);
                if (!mayWalk(lookFrom, ahead.path, def.walkSpeed, waited(p, t), ahead.dwellInLane)) continue;
            } else if (p.position.y > trafficEdge && def.script[p.step + 1].place != Place::Inside) {
                // Standing in the lane (at a door that opens into it), about to walk on along it.
                // Standing there is no safer than walking on, so they do not wait for a full gap
                // (the look before getting out covered the dwell and the walk); but they do not
                // walk into the side of what is passing them (a tractor-trailer alongside, a car
                // that has just changed into the lane) or in front of what is about to: their
                // next kStepAhead metres, looked at from the lane's edge, with the shortest
                // start-up (1 s). Getting in is getting out of traffic, and needs no look.
                const std::vector<Vec2> next = planWalk(p.position, target(def, p.step + 1), layout_.unitBoxes,
                                                        def.radius + kWalkClearance, trafficEdge);
                const std::vector<Vec2> ahead = firstMetres(p.position, next, kStepAhead);
                if (!mayWalk({p.position.x, trafficEdge}, ahead, def.walkSpeed, kInfinity, 0.0)) {
                    // No way on: they do not stand in the lane waiting for one (traffic streaming
                    // past an open door is how officers are struck there), but get back in and
                    // wait inside, to get out again on the full look above [assumption].
                    p.velocity = {};
                    if (gotOutHere(def, p.step)) p.phase = PersonPhase::Inside;
                    continue;
                }
            }
            p.waitingSince = -1.0;
            beginStep(p, def);
        }
        if (p.phase != PersonPhase::Walking) {
            p.velocity = {};
            continue;
        }
        // Officers are taught to watch traffic: walk up to the lane's edge, then wait there for a
        // gap before stepping in. (Judging the gap from metres short of the lane made people creep
        // a step whenever a gap opened, and never grow impatient: each step reset the wait.)
        const bool atTheEdge = distanceToLane(p.position, p.path, trafficEdge) <= kAtTheEdge;
        if (atTheEdge) {
            const WalkAhead& ahead = plannedAhead(i, p.path, p.step);
            if (!mayWalk(p.position, ahead.path, def.walkSpeed, waited(p, t), ahead.dwellInLane)) {
                p.velocity = {};
                continue;
            }
        }
        p.waitingSince = -1.0;
        // Head for the next waypoint at walking speed, without overshooting it this step.
        const Vec2 to = p.path.front() - p.position;
        const double dist = length(to);
        const double reach = def.walkSpeed * dt;
        if (dist <= reach) {
            const Vec2 last = (1.0 / dt) * to;
            p.path.erase(p.path.begin());
            if (p.path.empty()) arrive(p, def, t + dt);
            p.velocity = last;
        } else {
            p.velocity = (def.walkSpeed / dist) * to;
            p.facing = std::atan2(to.y, to.x);
        }
    }
}

void People::knockDown(std::size_t i) {
    people_[i].phase = PersonPhase::Down;
    people_[i].path.clear();
    people_[i].velocity = {};
}

}  // namespace sim::detail
