// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

/// Golden files (approval tests): text a test produces is compared byte for byte with a file
/// committed under tests/io/golden/. A difference fails the test, names the first line that
/// differs and writes what the test produced next to the golden file as <name>.actual (ignored
/// by git), so that `diff` shows all of it. Regenerate deliberately, and say why in the commit:
///   ROADSIDE_UPDATE_GOLDEN=1 build/tests/roadside_tests "[golden]"
namespace test {

inline std::filesystem::path goldenPath(const std::string& name) {
    return std::filesystem::path(ROADSIDE_SOURCE_DIR) / "tests/io/golden" / name;
}

inline void checkGolden(const std::string& name, const std::string& actual) {
    const std::filesystem::path file = goldenPath(name);
    const char* update = std::getenv("ROADSIDE_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << actual;
        WARN("wrote " << file.string());
        return;
    }
    std::ifstream in(file, std::ios::binary);
    INFO("golden file " << file.string() << " (ROADSIDE_UPDATE_GOLDEN=1 writes it)");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const std::string expected = text.str();
    if (expected == actual) {
        std::filesystem::remove(file.string() + ".actual");
        SUCCEED();
        return;
    }
    std::istringstream left(expected), right(actual);
    std::string l, r;
    int line = 0;
    while (true) {
        ++line;
        const bool moreLeft = static_cast<bool>(std::getline(left, l));
        const bool moreRight = static_cast<bool>(std::getline(right, r));
        if (!moreLeft || !moreRight || l != r) {
            if (!moreLeft) l = "(end of file)";
            if (!moreRight) r = "(end of output)";
            break;
        }
    }
    std::ofstream(file.string() + ".actual", std::ios::binary) << actual;
    INFO("first difference at line " << line << ":\n- " << l << "\n+ " << r << "\nwhole output: " << file.string()
                                     << ".actual");
    FAIL_CHECK("the output differs from the golden file");
}

}  // namespace test
