#!/usr/bin/env bash
# Installs what is missing, configures build/ (once) and builds everything: the simulator
# (build/accelvp), the firmware (build/firmware/<app>.elf) and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build -j"$(nproc)"
