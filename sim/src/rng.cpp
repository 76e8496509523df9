// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "sim/rng.hpp"

#include <cmath>

namespace sim {

namespace detail {
namespace {
// ZIGNOR's constants for 128 layers (Doornik 2005, Table 1): the base layer's edge R and the
// area V of every layer.
constexpr double kZigguratEdge = 3.442619855899;
constexpr double kZigguratArea = 9.91256303526217e-3;

ZigguratLayers buildZigguratLayers() {
    ZigguratLayers z{};
    double f = std::exp(-0.5 * kZigguratEdge * kZigguratEdge);
    z.x[0] = kZigguratArea / f;
    z.x[1] = kZigguratEdge;
    z.x[128] = 0.0;
    for (int i = 2; i < 128; ++i) {
        z.x[i] = std::sqrt(-2.0 * std::log(kZigguratArea / z.x[i - 1] + f));
        f = std::exp(-0.5 * z.x[i] * z.x[i]);
    }
    for (int i = 0; i < 128; ++i) z.ratio[i] = z.x[i + 1] / z.x[i];
    return z;
}
}  // namespace

const ZigguratLayers kZigguratLayers = buildZigguratLayers();
}  // namespace detail

double Rng::standardNormalEdge(ZigguratDraw d) {
    const detail::ZigguratLayers& z = detail::kZigguratLayers;
    for (;;) {
        if (d.layer == 0) {
            // The tail beyond R, by Marsaglia's method (1964), on the side u chose.
            double x = 0.0, y = 0.0;
            do {
                x = std::log(uniformPositive()) / detail::kZigguratEdge;
                y = std::log(uniformPositive());
            } while (-2.0 * y < x * x);
            return d.u < 0.0 ? x - detail::kZigguratEdge : detail::kZigguratEdge - x;
        }
        // A wedge: accept x under the density between the layer's two edges.
        const double xi = z.x[d.layer], xAbove = z.x[d.layer + 1];
        const double x = d.u * xi;
        const double f0 = std::exp(-0.5 * (xi * xi - x * x));
        const double f1 = std::exp(-0.5 * (xAbove * xAbove - x * x));
        if (f1 + uniform() * (f0 - f1) < 1.0) return x;
        d = zigguratDraw();  // rejected: a fresh draw, its core first
        if (inLayerCore(d)) return d.u * z.x[d.layer];
    }
}

double Rng::exponential(double rate) { return -std::log(uniformPositive()) / rate; }

double Rng::lognormalMedian(double median, double sigma) {
    return median * std::exp(sigma * standardNormal());
}

}  // namespace sim
