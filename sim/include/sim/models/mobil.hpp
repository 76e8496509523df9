// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include "sim/scenario.hpp"

/// MOBIL lane-change criterion (Kesting, Treiber & Helbing 2007; references.md#traffic-stream).
namespace sim::models {

/// The accelerations MOBIL compares, all from the car-following model (m/s^2).
struct MobilAccelerations {
    double self = 0.0;             ///< a_c: the deciding driver, current lane
    double selfAfter = 0.0;        ///< ã_c: the deciding driver, in the target lane
    double newFollower = 0.0;      ///< a_n: the target lane's follower, now
    double newFollowerAfter = 0.0; ///< ã_n: the same follower once the driver is in front of it
    double oldFollower = 0.0;      ///< a_o: the current follower, now
    double oldFollowerAfter = 0.0; ///< ã_o: the current follower once the driver has left
};

/// The symmetric MOBIL criterion of Kesting et al. (2007) with a bias term added, not
/// the paper's asymmetric keep-right variant (which drops the old follower's term for changes to
/// the fast lane). With nobody in the target lane pass newFollower = newFollowerAfter = 0.
///
/// True when the change is safe (ã_n >= -b_safe) and the incentive
/// ã_c - a_c + p (ã_n - a_n + ã_o - a_o) exceeds Delta a_th - bias. The bias (m/s^2) favours the
/// change: keep-right toward lane 1, move-over away from the scene, or a closed lane ahead.
inline bool mobilChange(const MobilParams& m, const MobilAccelerations& acc, double bias) {
    if (acc.newFollowerAfter < -m.bSafe) return false;
    const double incentive = acc.selfAfter - acc.self +
                             m.politeness * (acc.newFollowerAfter - acc.newFollower +
                                             acc.oldFollowerAfter - acc.oldFollower);
    return incentive > m.threshold - bias;
}

}  // namespace sim::models
