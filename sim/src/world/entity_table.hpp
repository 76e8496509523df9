// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/assert.hpp"
#include "sim/frame.hpp"

/// The run's entity table: one home for what every entity is (EntityInfo) and where its state
/// lives (its index in the table of its kind: a traffic slot, a person, a unit, a device).
///
/// Entities are numbered in the order they appear and never reused, so an entity index names one
/// thing for the whole run (recordings, events and outcomes rely on it). Traffic slots are reused,
/// so a departed vehicle is retired: its index becomes -1 and can never name the slot's next
/// vehicle. Owned by the World; TrafficStream and People add their entities to it as they create
/// them. One thread at a time.
namespace sim::detail {

class EntityTable {
public:
    /// Adds an entity whose state is at `index` of its kind's table; returns its entity index.
    std::uint32_t add(EntityInfo info, int index) {
        SIM_ASSERT(index >= 0, "EntityTable::add: negative index");
        infos_.push_back(std::move(info));
        index_.push_back(index);
        return static_cast<std::uint32_t>(infos_.size() - 1);
    }

    /// The entity left the run (a vehicle departed downstream): index() is -1 from now on.
    void retire(std::uint32_t entity) { index_.at(entity) = -1; }

    /// Index of the entity's state in its kind's table (traffic slot, person, unit, device);
    /// -1 once retired.
    int index(std::uint32_t entity) const { return index_.at(entity); }

    const EntityInfo& info(std::uint32_t entity) const { return infos_.at(entity); }
    /// Every entity seen so far, by entity index (the table only grows).
    const std::vector<EntityInfo>& infos() const { return infos_; }
    std::size_t size() const { return infos_.size(); }

private:
    std::vector<EntityInfo> infos_;
    std::vector<int> index_;
};

}  // namespace sim::detail
