// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string_view>

#include "sim/io/schema.hpp"

/// The sweep file's key table (sweep_schema.cpp): every key of a sweep file once, bound to the
/// field of batch::Sweep it is read into, with its type, range, default and meaning. Validation,
/// "did you mean" and the reading of every bound key come from it (sim/io/schema.hpp); the
/// loader reads by hand only what depends on other keys: the axes, the baseline.
namespace batch::detail {

/// Names of RecordMode and SamplingMethod, in enumerator order.
inline constexpr std::string_view kRecordModes[] = {"none", "strikes", "all"};
inline constexpr std::string_view kSamplingMethods[] = {"lhs", "sobol"};

/// The rule of one value of an axis without key: a bundle { label, include, set }. Detached:
/// `axes[].values` holds any values (those of an axis with a key follow that key's rule), and
/// the loader checks each bundle against this rule.
inline constexpr std::string_view kBundleRule = "axes[].values[]";

const sim::io::Schema& sweepSchema();

}  // namespace batch::detail
