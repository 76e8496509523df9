// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/scenario.hpp"

/// Visibility and detection distances (references.md#visibility). Pure functions of their arguments; safe to
/// call from any thread. Distances in m, intensities in cd, illuminances in lx.
namespace sim::models {

/// Extinction coefficient sigma (1/m) of visibility V (m): Koschmieder, V = 3.912 / sigma.
/// V = +inf gives 0; V <= 0 gives +inf.
double extinctionCoefficient(double visibility);
/// Visibility (m) of extinction coefficient sigma (1/m). sigma <= 0 gives +inf.
double visibilityFromExtinction(double sigma);

/// Distance (m) at which an object of inherent contrast c0 drops to the contrast threshold eps:
/// d = ln(|c0| / eps) / sigma. A dark-clad officer (c0 0.5, eps 0.05) gives about 0.59 V.
/// 0 when |c0| <= eps or V <= 0; +inf when V = +inf.
double contrastDetectionDistance(double visibility, double c0 = 0.5, double eps = 0.05);

/// Distance (m) at which a point light of intensity I (cd) gives illuminance E_T (lx) at the eye,
/// Allard's law E = I exp(-sigma d) / d^2, solved for d (unique: E is strictly decreasing in d).
/// Robust for any V > 0 up to +inf (then d = sqrt(I / E_T)). I <= 0 or V <= 0 give 0; E_T <= 0
/// gives +inf. Relative accuracy about 1e-13.
double lightDetectionDistance(double intensity, double visibility, double thresholdIlluminance);

/// Threshold illuminance E_T (lx) for seeing a point light in the given light condition:
/// night 1e-6, dusk and night-lit 1e-4 (references.md#visibility [M]), day 1e-3 (assumption).
double lightThreshold(Light light);

/// Effective intensity (cd) of a unit's warning lights: none 0, hazards 100, emergency and arrow
/// board 1000 (assumptions: the references.md#visibility table's columns).
double warningLightIntensity(UnitLights lights);

/// Farthest distance (m) at which an unlit parked vehicle is recognised in this light, before
/// visibility is considered (headlight reach at night): day +inf, dusk 440 (assumption),
/// night 113.5 (Balk et al. 2008, references.md#visibility [C]), night-lit 220 (assumption).
double unlitRecognitionCap(Light light);

/// Distance (m) at which a driver recognises a person on foot at the roadside, without the
/// scene's warning lights (which do not improve pedestrian visibility: Flannagan & Devonshire
/// 2007, references.md#move-over): by day the contrast distance of a dark-clad person (about 0.59 V); at
/// night in low beams Balk et al. (2008), 30.6 m for dark clothing (a reflective vest did no
/// better, 23.8 m), references.md#visibility; under street lighting and at dusk an assumption.
double personRecognitionDistance(const Environment& env);

/// Distance (m) at which approaching drivers detect a scene of parked units: the larger of the
/// object's contrast distance (capped by unlitRecognitionCap) and its lights' distance, capped by
/// the road's sight distance and by maxDistance:
///   min(sightDistance, maxDistance, max(min(contrastDetectionDistance(V), cap), lights)),
/// where lights = lightDetectionDistance(warningLightIntensity(l), V, lightThreshold(light)), and 0
/// when the unit has no lights.
double sceneDetectionDistance(const Environment& env, UnitLights brightestLights, double sightDistance,
                              double maxDistance = 1000.0);

}  // namespace sim::models
