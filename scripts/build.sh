#!/usr/bin/env bash
# Configure and build tern for this machine into build/ (Release, warnings as errors).
#   scripts/build.sh [extra cmake -D options]
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${TERN_JOBS:-2}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTERN_WERROR=ON "$@" >build.cmake.log 2>&1 \
    || { cat build.cmake.log; exit 1; }
rm -f build.cmake.log
cmake --build build -j "$jobs"
