# The two commands of the README, and a few more. Everything goes through CMake; this file only
# saves typing. `make run` and `make test` work on a fresh Debian machine (they install packages).
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DROADSIDE_WERROR=ON
BATCH = $(BUILD)/batch/roadside-batch

.PHONY: deps build run test bench results screenshots clean

deps:
	tools/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j$(JOBS)

# The main job: the default tactics sweep (in-line / offset / angled, with and without a blocking
# fire engine, day and night), its table on the terminal and its files in results/default-tactics.
run: build
	rm -rf results/default-tactics
	$(BATCH) sweep scenarios/sweeps/default-tactics.toml --out results/default-tactics

# Every test: unit, model, published-figure validation, scenario, batch and visualizer tests.
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# Throughput against SUMO in the same sitting (installs SUMO), in CPU time; ends with the README's
# Performance table. `$(BATCH) bench --quick` takes about half a minute.
bench: build
	tools/install-deps.sh --with-peer
	$(BATCH) bench

# docs/results.md, written by the tool from the default tactics and conditions sweeps.
results: build
	tools/results.sh $(BUILD)

# docs/images/*.png, the README's pictures, made by roadside-viz itself.
screenshots: build
	tools/screenshots.sh $(BUILD)

clean:
	rm -rf $(BUILD)
