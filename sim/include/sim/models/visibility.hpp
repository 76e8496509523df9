// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/scenario.hpp"

/// Visibility and detection distances (calibration §4).
namespace sim::models {

/// Extinction coefficient sigma (1/m) of visibility V (m): Koschmieder, V = 3.912 / sigma.
double extinctionCoefficient(double visibility);
/// Visibility (m) of extinction coefficient sigma (1/m).
double visibilityFromExtinction(double sigma);

/// Distance (m) at which an object of inherent contrast c0 drops to the contrast threshold eps:
/// d = ln(c0 / eps) / sigma. A dark-clad officer (c0 0.5, eps 0.05) gives about 0.59 V.
double contrastDetectionDistance(double visibility, double c0 = 0.5, double eps = 0.05);

/// Distance (m) at which a point light of intensity I (cd) gives illuminance E_T (lx) at the eye,
/// Allard's law E = I exp(-sigma d) / d^2, solved for d.
double lightDetectionDistance(double intensity, double visibility, double thresholdIlluminance);

/// Threshold illuminance (lx) for seeing a point light in the given light condition.
double lightThreshold(Light light);

/// Effective intensity (cd) of a unit's warning lights.
double warningLightIntensity(UnitLights lights);

/// Farthest distance (m) at which an unlit parked vehicle is recognised in this light, before
/// visibility is considered (headlight reach at night).
double unlitRecognitionCap(Light light);

/// Distance (m) at which approaching drivers detect a scene of parked units: the larger of the
/// object's contrast distance and its lights' distance, capped by the road's sight distance and
/// by maxDistance.
double sceneDetectionDistance(const Environment& env, UnitLights brightestLights, double sightDistance,
                              double maxDistance = 1000.0);

}  // namespace sim::models
