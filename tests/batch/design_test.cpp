// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include <catch2/catch.hpp>
#include <set>

#include "batch/design.hpp"

TEST_CASE("Sobol: the first points of the Joe-Kuo sequence", "[batch]") {
    // The unscrambled sequence in Gray-code order, as scipy.stats.qmc.Sobol(d, scramble=False)
    // gives it (direction numbers new-joe-kuo-6.21201, Joe & Kuo 2008).
    const std::vector<std::vector<double>> expected = {
        {0.0, 0.0, 0.0, 0.0, 0.0},         {0.5, 0.5, 0.5, 0.5, 0.5},
        {0.75, 0.25, 0.25, 0.25, 0.75},    {0.25, 0.75, 0.75, 0.75, 0.25},
        {0.375, 0.375, 0.625, 0.875, 0.375}, {0.875, 0.875, 0.125, 0.375, 0.875},
        {0.625, 0.125, 0.875, 0.625, 0.625}, {0.125, 0.625, 0.375, 0.125, 0.125},
    };
    const auto points = batch::sobolPoints(8, 5);
    REQUIRE(points.size() == 8);
    for (std::size_t i = 0; i < 8; ++i)
        for (std::size_t j = 0; j < 5; ++j) {
            INFO("point " << i << ", dimension " << j);
            CHECK(points[i][j] == expected[i][j]);
        }
}

TEST_CASE("Sobol: the first 2^m points put one point in each of 2^m intervals, shifted or not", "[batch]") {
    for (const bool shifted : {false, true}) {
        const std::size_t n = 256, d = batch::kSobolMaxDimensions;
        const auto points = batch::sobolPoints(n, d, shifted ? std::optional<std::uint64_t>(12345) : std::nullopt);
        for (std::size_t j = 0; j < d; ++j) {
            std::set<std::size_t> cells;
            for (const auto& p : points) {
                CHECK(p[j] >= 0.0);
                CHECK(p[j] < 1.0);
                cells.insert(static_cast<std::size_t>(p[j] * static_cast<double>(n)));
            }
            INFO("dimension " << j << (shifted ? ", shifted" : ""));
            CHECK(cells.size() == n);
        }
        // 2-D projections of the first two dimensions: a (0, m, 2)-net, one point per 16 x 16 box.
        std::set<std::pair<std::size_t, std::size_t>> boxes;
        for (const auto& p : points) boxes.insert({static_cast<std::size_t>(p[0] * 16), static_cast<std::size_t>(p[1] * 16)});
        CHECK(boxes.size() == 256);
    }
    CHECK(batch::sobolPoints(4, 2, 1) != batch::sobolPoints(4, 2, 2));  // the shift depends on the seed
}

TEST_CASE("Latin hypercube: each dimension's n strata hold exactly one point", "[batch]") {
    const std::size_t n = 50, d = 6;
    const auto points = batch::latinHypercube(n, d, 99);
    REQUIRE(points.size() == n);
    for (std::size_t j = 0; j < d; ++j) {
        std::set<std::size_t> strata;
        for (const auto& p : points) strata.insert(static_cast<std::size_t>(p[j] * static_cast<double>(n)));
        CHECK(strata.size() == n);
    }
    CHECK(points == batch::latinHypercube(n, d, 99));  // a pure function of the seed
    CHECK(points != batch::latinHypercube(n, d, 100));
}
