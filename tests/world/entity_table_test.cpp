// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>

#include "world/entity_table.hpp"

using namespace sim;
using sim::detail::EntityTable;

namespace {
EntityInfo named(const char* id, EntityKind kind) {
    EntityInfo info;
    info.id = id;
    info.kind = kind;
    return info;
}
}  // namespace

TEST_CASE("Entities are numbered in order of appearance and keep where their state lives", "[world]") {
    EntityTable table;
    const std::uint32_t car = table.add(named("vehicle-0", EntityKind::TrafficVehicle), 3);
    const std::uint32_t officer = table.add(named("officer", EntityKind::Person), 0);
    CHECK(car == 0);
    CHECK(officer == 1);
    CHECK(table.size() == 2);
    CHECK(table.index(car) == 3);
    CHECK(table.index(officer) == 0);
    CHECK(table.info(officer).id == "officer");
    CHECK(table.infos()[car].kind == EntityKind::TrafficVehicle);
}

TEST_CASE("A retired vehicle no longer names the slot that its successor reuses", "[world]") {
    EntityTable table;
    const std::uint32_t first = table.add(named("vehicle-0", EntityKind::TrafficVehicle), 0);
    table.retire(first);
    const std::uint32_t second = table.add(named("vehicle-1", EntityKind::TrafficVehicle), 0);
    CHECK(first != second);
    CHECK(table.index(first) == -1);
    CHECK(table.index(second) == 0);
    CHECK(table.info(first).id == "vehicle-0");  // what it was stays known (recordings, outcomes)
}
