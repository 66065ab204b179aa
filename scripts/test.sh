#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this):
#   1. install dependencies (Debian packages; idempotent)
#   2. gen.py --check: generated/ is what codegen produces from templates/ + configs/
#   3. x86-64 (or native) build with gcc -Werror, ctest: every variant this CPU runs, bit-exact
#   4. aarch64 cross build, ctest under qemu-aarch64: NEON and dotprod variants, bit-exact
#   5. clang build with AddressSanitizer + UndefinedBehaviorSanitizer: parsers, CPU, kernels, the
#      server under its wire-format, Open WebUI and (smaller) soak tests, then every libFuzzer
#      target for a few seconds (scripts/fuzz.sh; long runs: scripts/fuzz.sh 3600)
#   6. clang build with ThreadSanitizer: the thread pool, the multi-threaded op, the forward pass,
#      batches, the server under its wire-format and soak tests
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${TERN_JOBS:-2}
# The tokenizer comparison needs the npm registry: in CI it must run, not skip.
export TERN_REQUIRE_NPM=1

bash scripts/install-deps.sh
python=$(bash scripts/python.sh)

echo "== codegen check"
"$python" codegen/gen.py --check

echo "== native build (gcc, -Werror) and tests"
CC=gcc CXX=g++ bash scripts/build.sh
(cd build && ctest --output-on-failure -j 1)

if [ "$(uname -m)" = x86_64 ]; then
    echo "== aarch64 cross build and tests under qemu-aarch64"
    cmake -S . -B build-aarch64 -G Ninja -DCMAKE_BUILD_TYPE=Release -DTERN_WERROR=ON \
        -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake -DTERN_BUILD_BENCH=OFF -DTERN_SERVE=OFF >/dev/null
    cmake --build build-aarch64 -j "$jobs"
    (cd build-aarch64 && ctest --output-on-failure -j "$jobs")     # each test is one emulated process
fi

echo "== clang build with ASan + UBSan"
CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTERN_WERROR=ON \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DTERN_SANITIZE=address,undefined -DTERN_BUILD_BENCH=OFF \
    -DTERN_FUZZ=ON >/dev/null
cmake --build build-asan -j "$jobs"
# Asserts stay on here (no NDEBUG). The kernel test under sanitizers runs one variant per ISA family to keep CI short; the
# full matrix ran above without them. The forward pass under the scalar cap (minutes with ASan) ran above too; the
# portable vector kernels and scalar variants it uses are covered here by test_vec and test_kernels. The server's
# client-compatibility tests (openai, browser, HAProxy) ran above; here it runs its wire-format, Open WebUI and a
# smaller soak test.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 TERN_SOAK_CLIENTS=32 TERN_SOAK_REQUESTS=200 ctest --output-on-failure -j 1 \
    -E '^(test_kernels|test_model_isa_scalar)$|^serve_(openai|browser|haproxy)$' \
    && ASAN_OPTIONS=detect_leaks=1 ./tests/test_kernels 1x4k)

echo "== fuzzing every parser (libFuzzer + ASan/UBSan, ${TERN_FUZZ_SECONDS:-10} s per target)"
TERN_FUZZ_BUILD=build-asan bash scripts/fuzz.sh "${TERN_FUZZ_SECONDS:-10}"

echo "== clang build with TSan: thread pool, threaded op, forward pass, batches, server"
CC=clang CXX=clang++ cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTERN_WERROR=ON \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DTERN_SANITIZE=thread -DTERN_BUILD_BENCH=OFF >/dev/null
cmake --build build-tsan -j "$jobs" --target test_pool test_threads test_model test_batch tern-cli test_serve_text
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 TERN_SOAK_CLIENTS=16 TERN_SOAK_REQUESTS=100 ctest --output-on-failure -j 1 \
    -R '^test_(pool|threads|model|batch|serve_text)$|^serve_(wire|soak)$')

echo "== all test stages passed"
