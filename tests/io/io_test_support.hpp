// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#pragma once
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "sim/io/scenario_loader.hpp"

/// Helpers for the loader tests: load inline TOML, find a diagnostic, scratch folders.
namespace test {

inline sim::io::LoadResult loadText(std::string_view text, std::span<const sim::io::Override> overrides = {},
                                    const std::string& fileName = "test.toml") {
    return sim::io::loadScenarioText(text, fileName, overrides);
}

inline std::string messages(const sim::io::LoadResult& result) { return sim::io::formatDiagnostics(result.errors); }

/// The diagnostics about `key`, for checking what was reported where.
inline std::vector<sim::io::Diagnostic> errorsAbout(const sim::io::LoadResult& result, std::string_view key) {
    std::vector<sim::io::Diagnostic> out;
    for (const sim::io::Diagnostic& d : result.errors)
        if (d.key == key) out.push_back(d);
    return out;
}

/// The one diagnostic about `key`; fails the test unless there is exactly one.
inline sim::io::Diagnostic errorAbout(const sim::io::LoadResult& result, std::string_view key) {
    const auto found = errorsAbout(result, key);
    INFO("diagnostics:\n" << messages(result));
    REQUIRE(found.size() == 1);
    return found.front();
}

/// A scenario that must load without errors.
inline sim::Scenario loadOk(std::string_view text, std::span<const sim::io::Override> overrides = {},
                            const std::string& fileName = "test.toml") {
    sim::io::LoadResult result = loadText(text, overrides, fileName);
    INFO("diagnostics:\n" << messages(result));
    REQUIRE(result.ok());
    return std::move(*result.scenario);
}

/// A scenario file that must load without errors.
inline sim::Scenario loadFileOk(const std::filesystem::path& file, std::span<const sim::io::Override> overrides = {}) {
    sim::io::LoadResult result = sim::io::loadScenarioFile(file, overrides);
    INFO(file.string() << ":\n" << messages(result));
    REQUIRE(result.ok());
    return std::move(*result.scenario);
}

/// A fresh folder under the system temp folder, removed with everything in it at the end.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "roadside-io-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    /// Writes `text` to `name` (folders created as needed) and returns the file's path.
    std::filesystem::path write(const std::string& name, std::string_view text) const {
        const std::filesystem::path file = path_ / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    std::filesystem::path path_;
};

}  // namespace test
