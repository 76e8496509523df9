// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <string_view>

#include "sim/outcome.hpp"

/// Pedestrian injury risk as a function of impact speed (references.md#injury). Pure functions.
///
/// Tefft's curves are for adults struck by the front of a forward-moving car or light truck
/// (NASS PCDS 1994-98, standardised to the 2007-09 US fleet). They do not cover a vehicle's side
/// brushing past a person, nor crush injuries (a person pinned between vehicles); each of those
/// reads the same curves at another speed, named by injuryModel() and argued at injurySpeed().
namespace sim::models {

/// Probability of death for a pedestrian struck at impact speed v (m/s): Tefft (2013), logistic
/// fit b0 = -5.725, b1 = 0.1433 per mph (references.md#injury [D]). Negative speeds count as 0.
double pedestrianDeathRisk(double v);

/// Probability of severe injury (AIS 4+) at impact speed v (m/s): Tefft (2013), logistic fit
/// b0 = -4.621, b1 = 0.1410 per mph (references.md#injury [D]). Negative speeds count as 0.
double pedestrianSevereInjuryRisk(double v);

/// Whether a contact at relative speed `relativeSpeed` (m/s) whose component along the contact
/// normal is `normalSpeed` (m/s) is glancing: more than 60 deg off the normal, so that the body
/// slides past the person rather than throwing them [assumption].
bool glancing(double relativeSpeed, double normalSpeed);

/// The speed (m/s) at which a contact's injury risk is read from Tefft's frontal curves, given
/// the relative speed at the contact and `normalSpeed`: its component along the contact normal,
/// or for a crush the closing speed of the two bodies pinching the person.
///  - Frontal: the relative speed at the contact (Tefft's impact speed).
///  - Glancing: the normal component only. A frontal strike accelerates the person to about the
///    vehicle's speed, and that change of speed is what Tefft's impact speed measures; a side
///    brushing past transfers only its normal component, and the person is spun and thrown
///    sideways, falling close to the point of impact ("Comparative analysis on traumatic brain
///    injury ...", reconstructed pedestrian sideswipe impacts at 25 and 40 km/h, ASME J. Risk
///    Uncertainty Eng. Syst. B 4(4):041004 [C: abstract at asmedigitalcollection.asme.org;
///    authors and year M]: the head's risk comes mostly from the ground strike). No published
///    risk curve for side-swipes was found; reading Tefft at the normal speed is an assumption,
///    and errs low where the fall to the ground dominates.
///  - Crush: the closing speed of the two bodies pinching the person, or the strike's relative
///    speed if higher. Pinned, the person cannot be thrown clear and takes at least what a
///    frontal strike at that speed gives [assumption: no published risk curve for pedestrians
///    crushed between vehicles was found; references.md#injury says none of its curves covers crush].
double injurySpeed(StrikeContact contact, double relativeSpeed, double normalSpeed);

/// A short name of the model each contact is scored with (written into outcomes).
std::string_view injuryModel(StrikeContact contact);

/// P(AIS 4+) and P(death) of a contact, read from Tefft (2013) at injurySpeed().
struct InjuryRisk {
    double speed = 0.0;    ///< m/s, the injury speed
    double pSevere = 0.0;
    double pFatal = 0.0;
};
InjuryRisk pedestrianInjury(StrikeContact contact, double relativeSpeed, double normalSpeed);

}  // namespace sim::models
