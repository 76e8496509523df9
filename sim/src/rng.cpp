// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/rng.hpp"

#include <cmath>

namespace sim {

double Rng::standardNormalPair() {
    double u = 0.0, v = 0.0, s = 0.0;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double k = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * k;
    hasSpare_ = true;
    return u * k;
}

double Rng::exponential(double rate) { return -std::log(uniformPositive()) / rate; }

double Rng::lognormalMedian(double median, double sigma) {
    return median * std::exp(sigma * standardNormal());
}

}  // namespace sim
