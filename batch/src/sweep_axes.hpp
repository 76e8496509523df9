// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "batch/sweep.hpp"
#include "sim/io/document.hpp"
#include "sweep_layers.hpp"

/// The axes of a sweep file (`[[axes]]`, validated against the sweep schema) into Sweep::axes:
/// lists of values for a scenario key, labelled bundles of overlays and overrides, ranges in
/// steps, and ranges sampled jointly by [sampling]. Every value becomes an Override checked like
/// any other (sim::io::checkOverride), located at the value in the sweep file.
namespace batch::detail {

class AxisReader {
public:
    AxisReader(Sweep& sweep, ScenarioLayers& layers, Findings& findings) : sweep_(sweep), layers_(layers), findings_(findings) {}

    /// Reads every axis of `axes` (absent: no axes) into Sweep::axes, the overlays they name into
    /// `layers`. Sampled ranges get their values from sample().
    void read(const sim::io::DocNode* axes);
    /// The values of the sampled axes: the joint design of [sampling] (Sweep::sampling, declared
    /// at `samplingWhere`), seeded from the root seed.
    void sample(const sim::io::SourceLocation& samplingWhere);

private:
    /// A range axis before its values exist: endpoints in the axis unit.
    struct RangeSpec {
        double lo = 0.0;
        double hi = 0.0;
        bool integer = false;
        bool bare = false;  ///< endpoints were bare numbers (SI): write values bare
        sim::io::SourceLocation where;
    };

    std::optional<Axis> readAxis(const sim::io::DocNode& item, const std::string& path);
    std::optional<Axis> readValueList(Axis axis, const sim::io::DocNode& values, const std::string& path);
    std::optional<Axis> readBundles(Axis axis, const sim::io::DocNode& values, const std::string& path);
    std::optional<Axis> readRange(Axis axis, const sim::io::DocNode& item, const sim::io::DocNode& range, const std::string& path);
    bool readBundleSet(const sim::io::DocNode& set, AxisValue& value);
    bool uniqueLabels(const Axis& axis, const std::string& path);
    /// A key path of the scenario format, naming units and people that the base scenario or an
    /// overlay has; located at the key, with "did you mean".
    bool checkPath(const std::string& path, const sim::io::SourceLocation& where);
    /// An override checked as the scenario loader will check it; false after an error.
    bool checkOverride(const sim::io::Override& override);
    AxisValue generatedValue(const Axis& axis, const RangeSpec& range, double x) const;

    Sweep& sweep_;
    ScenarioLayers& layers_;
    Findings& findings_;
    std::vector<std::pair<std::size_t, RangeSpec>> sampledRanges_;  ///< (axis index, range)
};

}  // namespace batch::detail
