// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// The sweep file's key table. A new top-level key is a field of Sweep (batch/sweep.hpp) and one
// rule here; a new table of keys is a struct, a member of Sweep holding it, k.table() for it and
// one rule per key. docs/batch.md documents every key.
#include "sweep_schema.hpp"

#include "batch/sweep.hpp"

namespace batch::detail {
namespace {

using sim::io::ValueType;

std::vector<sim::io::KeyRule> buildRules() {
    sim::io::KeyTable k{Sweep{}};
    k.bind<Sweep>(k.value(ValueType::Text, "name", "", "The sweep's name; points are named <name>.p0007."), &Sweep::name,
                  std::nullopt)
        .defaultNote = "the file's stem";
    k.text("description", &Sweep::description, "Free text for people.");
    k.bind<Sweep>(k.value(ValueType::Text, "base", "", "The base scenario, relative to the sweep file."), &Sweep::baseFile,
                  std::nullopt)
        .required = true;
    // Required unless --replicates gives it: the loader checks that.
    k.bind<Sweep>(k.integer("replicates", sim::io::closed(1, 100000000), "", "Runs per point (--replicates replaces it)."),
                  &Sweep::replicates, std::nullopt);
    k.integer("seed", &Sweep::rootSeed, sim::io::atLeast(0), "The root seed; replicate r runs with the same seed at every point.");
    k.choice("record", &Sweep::record, kRecordModes, "Runs whose replays are written: none, those with a strike, or all.");
    k.choice("estimator", &Sweep::estimator, kEstimatorNames,
             "How P(strike) is estimated: crude Monte Carlo, or importance sampling of the rare drifts (docs/batch.md).");
    k.table("importance", &Sweep::importance, "Options of the importance-sampling estimator; the defaults need no tuning.");
    k.quantity("importance.window", &ImportanceOptions::window, sim::io::Dimension::Time, sim::io::closed(1, 60), "",
               "How long before the scene a vehicle's window opens.");
    k.number("importance.defensive", &ImportanceOptions::defensiveShare, sim::io::closed(0.01, 0.99),
             "Share of runs with no tilted window (the defensive share).");
    k.integer("importance.pilot_runs", &ImportanceOptions::pilotRuns, sim::io::closed(0, 100000),
              "Pilot runs per cross-entropy iteration, per point (0: no tuning).");
    k.integer("importance.pilot_iterations", &ImportanceOptions::pilotIterations, sim::io::closed(0, 20), "Cross-entropy iterations.");
    k.number("importance.elite_share", &ImportanceOptions::eliteShare, sim::io::closed(0.01, 0.5),
             "Share of the pilot runs that sets each iteration's level.");
    k.number("importance.smoothing", &ImportanceOptions::smoothing, sim::io::closed(0.1, 1),
             "Weight of each iteration's fit against the previous proposal.");
    k.map("baseline", "The point each point's relative risk is taken against: { axis name = value label, … }.");
    k.value(ValueType::Any, "baseline.*", "", "A label of the axis's values.");

    k.table("sampling", &Sweep::sampling, "The joint design of the sampled axes.");
    k.bind<Sampling>(k.choice("sampling.method", {std::begin(kSamplingMethods), std::end(kSamplingMethods)}, "",
                              "Latin hypercube or Sobol points."),
                     &Sampling::method, std::nullopt)
        .required = true;
    k.bind<Sampling>(k.integer("sampling.samples", sim::io::closed(1, 1000000), "", "Points of the design."), &Sampling::samples,
                     std::nullopt)
        .required = true;
    k.flag("sampling.scramble", &Sampling::scramble, "Sobol only: a random digital shift seeded from the root seed.");

    // The axes depend on the base scenario and on each other: read by hand (sweep_axes.cpp).
    k.tables("axes", "The axes, in order; the first varies slowest in the grid.");
    k.value(ValueType::Text, "axes[].name", "", "The column name.").defaultNote = "the key";
    k.value(ValueType::Text, "axes[].key", "", "The scenario key the axis changes (scenarios/README.md).");
    k.value(ValueType::Any, "axes[].values", "", "Values of the key, or bundles { label, include, set } for an axis without key.");
    k.value(ValueType::Any, "axes[].range", "", "[lo, hi] for a key that holds a number, with steps or sampled.");
    k.integer("axes[].steps", sim::io::closed(2, 100000), "", "An even grid over the range, endpoints included.");
    k.value(ValueType::Boolean, "axes[].sampled", "", "The range is sampled jointly with the other sampled axes ([sampling]).");
    k.table(std::string(kBundleRule), "A value of an axis without key: overlays and overrides, under a label.").detached = true;
    k.value(ValueType::Text, std::string(kBundleRule) + ".label", "", "What the value is called in tables.").required = true;
    k.value(ValueType::TextList, std::string(kBundleRule) + ".include", "[]", "Overlay files, relative to the sweep file.");
    k.map(std::string(kBundleRule) + ".set", "Overrides: { \"key.path\" = value, … }.");
    k.value(ValueType::Any, std::string(kBundleRule) + ".set.*", "", "A value for the key path.");
    return k.take();
}

}  // namespace

const sim::io::Schema& sweepSchema() {
    static const sim::io::Schema schema(buildRules(), "a key of a sweep file");
    return schema;
}

}  // namespace batch::detail
