// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
#include "batch_fixture.hpp"

#include "batch/manifest.hpp"

namespace test {

std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = fs::relative(entry.path(), dir).string();
        if (name == "manifest.json") files[name] = batch::readManifest(entry.path()).at("sweep").dump(2);
        else files[name] = readFile(entry.path());
    }
    return files;
}

}  // namespace test
