// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
