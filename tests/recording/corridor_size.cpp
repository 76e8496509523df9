// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Roadside contributors
//
// roadside_recording_corridor [OUT.rsr] [SEED]: records the SUMO reference corridor
// (design.md#sumo-corridor: 660 s, 3000 veh/h on 3 km) and reports the file's size against
// the target (1/20 of SUMO's 126 MB of FCD XML, so at most 6.3 MB; we hold it to 6 MB), the time
// recording adds to a plain run, and the cost of reading it back. Fails (exit 1) if the file is
// too large, if the recorded outcome differs from sim::run's, or if the file does not read back.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "bench_scenarios.hpp"
#include "sim/io/outcome_json.hpp"
#include "sim/io/recording.hpp"
#include "sim/world.hpp"

namespace {

constexpr double kLimitBytes = 6.0e6;  // 126 MB of SUMO FCD XML / 20, rounded down

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

/// CPU time of this process (s): what the run costs, whatever else the machine is doing.
double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path out =
        argc > 1 ? std::filesystem::path(argv[1]) : std::filesystem::temp_directory_path() / "roadside-corridor.rsr";
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    const sim::Scenario sc = batch::sumoCorridorScenario();
    using Clock = std::chrono::steady_clock;

    // Plain and recorded runs, alternated three times (best CPU time of each) so that neither profits alone from a warm cache.
    double plainTime = 1e300, recordTime = 1e300;
    sim::Outcome plain, recorded;
    for (int i = 0; i < 3; ++i) {
        double c0 = cpuSeconds();
        plain = sim::run(sc, seed);
        plainTime = std::min(plainTime, cpuSeconds() - c0);
        c0 = cpuSeconds();
        recorded = sim::io::runAndRecord(sc, seed, out);
        recordTime = std::min(recordTime, cpuSeconds() - c0);
    }
    const auto bytes = static_cast<double>(std::filesystem::file_size(out));

    auto t0 = Clock::now();
    std::string error;
    const auto rec = sim::io::Recording::open(out, &error);
    const double openTime = seconds(Clock::now() - t0);
    if (!rec) {
        std::fprintf(stderr, "cannot read the recording back: %s\n", error.c_str());
        return 1;
    }
    t0 = Clock::now();
    std::size_t states = 0;
    for (std::size_t k = 0; k < rec->frameCount(); ++k) {
        const auto f = rec->frame(k);
        if (!f) {
            std::fprintf(stderr, "frame %zu does not decode\n", k);
            return 1;
        }
        states += f->entities.size();
    }
    const double decodeTime = seconds(Clock::now() - t0);

    const bool same = sim::io::outcomeToJson(plain) == sim::io::outcomeToJson(recorded) &&
                      sim::io::outcomeToJson(rec->outcome()) == sim::io::outcomeToJson(plain);
    std::printf("SUMO reference corridor, seed %llu: %.0f s simulated, %d vehicles passed\n",
                static_cast<unsigned long long>(seed), plain.simulated, plain.vehiclesPassed);
    std::printf("recording      %s\n", out.string().c_str());
    std::printf("size           %.3f MB (%.0f bytes; limit %.1f MB = 1/20 of SUMO's 126 MB FCD XML)\n", bytes / 1e6,
                bytes, kLimitBytes / 1e6);
    std::printf("content        %zu frames at %.0f fps, %zu entities, %zu events, %zu entity states\n",
                rec->frameCount(), rec->header().frameRate, rec->entities().size(), rec->events().size(), states);
    std::printf("density        %.2f bytes per entity state\n", bytes / static_cast<double>(states));
    std::printf("run (CPU)      %.3f s plain, %.3f s recorded: +%.1f %%\n", plainTime, recordTime,
                100.0 * (recordTime / plainTime - 1.0));
    std::printf("read back      open %.1f ms, every frame %.1f ms (%.1f us per frame)\n", 1e3 * openTime,
                1e3 * decodeTime, 1e6 * decodeTime / static_cast<double>(rec->frameCount()));
    std::printf("outcome        %s\n", same ? "identical to sim::run" : "DIFFERS from sim::run");
    return bytes <= kLimitBytes && same ? 0 : 1;
}
