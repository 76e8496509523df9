// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The names the scenario format, outcomes and recordings use for every enum. One table per
// enum, in enumerator order: name() indexes it, parseName() searches it, names() returns it.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "sim/frame.hpp"
#include "sim/outcome.hpp"
#include "sim/presets.hpp"

namespace sim {
namespace {

using namespace std::string_view_literals;

template <typename E> struct NameTable;

#define ROADSIDE_NAMES(Enum, ...)                                                     \
    template <> struct NameTable<Enum> {                                              \
        static constexpr std::array kNames = {__VA_ARGS__};                           \
    };

ROADSIDE_NAMES(VehicleKind, "sedan"sv, "suv"sv, "pickup"sv, "box-truck"sv, "tractor-trailer"sv,
               "motorcycle"sv, "fire-engine"sv, "tow-truck"sv, "patrol-suv"sv, "patrol-sedan"sv,
               "motorhome"sv)
ROADSIDE_NAMES(UnitRole, "violator"sv, "patrol"sv, "blocker"sv, "other"sv)
ROADSIDE_NAMES(UnitLights, "none"sv, "hazards"sv, "emergency"sv, "arrow-board"sv)
ROADSIDE_NAMES(Light, "day"sv, "dusk"sv, "night"sv, "night-lit"sv)
ROADSIDE_NAMES(Weather, "clear"sv, "rain"sv, "fog"sv, "snow"sv)
ROADSIDE_NAMES(Surface, "dry"sv, "wet"sv, "snow"sv, "ice"sv)
ROADSIDE_NAMES(PersonRole, "officer"sv, "motorist"sv, "tow-operator"sv, "firefighter"sv, "other"sv)
ROADSIDE_NAMES(Place, "driver-door"sv, "driver-window"sv, "passenger-window"sv, "front"sv, "rear"sv,
               "between"sv, "inside"sv, "behind-guardrail"sv)
ROADSIDE_NAMES(ApproachSide, "driver"sv, "passenger"sv)
ROADSIDE_NAMES(DeviceKind, "cone"sv, "flare"sv)
ROADSIDE_NAMES(HeadwayModel, "shifted-exponential"sv, "lognormal"sv)
ROADSIDE_NAMES(DriverState, "normal"sv, "drowsy"sv, "impaired"sv, "asleep"sv)
ROADSIDE_NAMES(RunStatus, "completed"sv, "diverged"sv)
ROADSIDE_NAMES(StrikeVia, "direct"sv, "pushed-unit"sv)
ROADSIDE_NAMES(EventKind, "strike"sv, "collision"sv, "shoulder-intrusion"sv, "close-pass"sv)
ROADSIDE_NAMES(EntityKind, "traffic-vehicle"sv, "unit"sv, "person"sv, "cone"sv, "flare"sv)

#undef ROADSIDE_NAMES

// A new enumerator without a name fails here rather than printing "unknown".
template <typename E> constexpr bool covers(E last) {
    return NameTable<E>::kNames.size() == static_cast<std::size_t>(last) + 1;
}
static_assert(covers(VehicleKind::Motorhome) && covers(UnitRole::Other) &&
              covers(UnitLights::ArrowBoard) && covers(Light::NightLit) && covers(Weather::Snow) &&
              covers(Surface::Ice) && covers(PersonRole::Other) && covers(Place::BehindGuardrail) &&
              covers(ApproachSide::Passenger) && covers(DeviceKind::Flare) &&
              covers(HeadwayModel::Lognormal) && covers(DriverState::Asleep) &&
              covers(RunStatus::Diverged) && covers(StrikeVia::PushedUnit) &&
              covers(EventKind::ClosePass) && covers(EntityKind::Flare));

template <typename E> std::string_view nameOf(E value) {
    const auto& table = NameTable<E>::kNames;
    const auto index = static_cast<std::size_t>(value);
    // name() is total: a value outside the enumerators (a cast) still gets a printable name.
    return index < table.size() ? table[index] : "unknown"sv;
}

}  // namespace

template <typename E> std::optional<E> parseName(std::string_view text) {
    const auto& table = NameTable<E>::kNames;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (table[i] == text) return static_cast<E>(i);
    return std::nullopt;
}

template <typename E> std::span<const std::string_view> names() {
    return NameTable<E>::kNames;
}

#define ROADSIDE_NAME_FUNCTIONS(Enum)                                                  \
    std::string_view name(Enum v) { return nameOf(v); }                                \
    template std::optional<Enum> parseName<Enum>(std::string_view);                    \
    template std::span<const std::string_view> names<Enum>();

ROADSIDE_NAME_FUNCTIONS(VehicleKind)
ROADSIDE_NAME_FUNCTIONS(UnitRole)
ROADSIDE_NAME_FUNCTIONS(UnitLights)
ROADSIDE_NAME_FUNCTIONS(Light)
ROADSIDE_NAME_FUNCTIONS(Weather)
ROADSIDE_NAME_FUNCTIONS(Surface)
ROADSIDE_NAME_FUNCTIONS(PersonRole)
ROADSIDE_NAME_FUNCTIONS(Place)
ROADSIDE_NAME_FUNCTIONS(ApproachSide)
ROADSIDE_NAME_FUNCTIONS(DeviceKind)
ROADSIDE_NAME_FUNCTIONS(HeadwayModel)
ROADSIDE_NAME_FUNCTIONS(DriverState)
ROADSIDE_NAME_FUNCTIONS(RunStatus)
ROADSIDE_NAME_FUNCTIONS(StrikeVia)
ROADSIDE_NAME_FUNCTIONS(EventKind)
ROADSIDE_NAME_FUNCTIONS(EntityKind)

#undef ROADSIDE_NAME_FUNCTIONS

}  // namespace sim
