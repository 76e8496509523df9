#!/usr/bin/env bash
# Installs the Debian packages Roadside builds, tests and benchmarks with.
# Idempotent: packages already present are skipped, so a second run is a no-op.
# Usage: tools/install-deps.sh [--with-peer] [--with-video]
#   --with-peer   also SUMO, the throughput peer of `make bench`
#   --with-video  also ffmpeg, for roadside-viz --video and --clip (MP4, GIF)
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libbox2d-dev libsfml-dev libtbb-dev libimgui-dev catch2
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libzstd-dev
  clang libclang-rt-14-dev          # libFuzzer and the sanitizer runtimes
  xvfb xauth                        # headless display for the visualizer tests
  libx11-dev                        # the visualizer asks X for a display before SFML would abort
  fonts-dejavu-core                 # the visualizer's text
  slurmctld slurmd slurm-client munge  # tests/slurm: a one-node Slurm the test starts and stops itself
)
for option in "$@"; do
  case "$option" in
    --with-peer) packages+=(sumo bc) ;;
    --with-video) packages+=(ffmpeg) ;;
    *) echo "install-deps: unknown option $option" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
