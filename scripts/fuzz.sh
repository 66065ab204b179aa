#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 3600) and prints a table:
#   scripts/fuzz.sh [SECONDS] [TARGET...]        e.g. scripts/fuzz.sh 600 gguf profile
#
# A target is tests/fuzz/fuzz_<name>.c (CMake builds every such file with -DTERN_FUZZ=ON);
# its seeds are tests/corpus/<name>/ and its extra libFuzzer flags, if any, one line in
# tests/fuzz/fuzz_<name>.options (e.g. -max_len=65536). Adding a target needs nothing here.
# Inputs libFuzzer finds go to $build/fuzz-corpus/<name>/ (kept between runs, not checked
# in). A crash stops that target: it is minimized into tests/corpus/<name>/crash-<sha1>,
# where it stays as a regression seed once fixed. Exit 1 if any target crashed.
#
# TERN_FUZZ_BUILD=DIR uses an existing clang -DTERN_FUZZ=ON build (scripts/test.sh passes its
# ASan/UBSan one); otherwise build-fuzz/ is configured and built here.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
[ $# -gt 0 ] && shift
case $seconds in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac
jobs=${TERN_JOBS:-2}
build=${TERN_FUZZ_BUILD:-}
if [ -z "$build" ]; then
    build=build-fuzz
    CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTERN_WERROR=ON \
        -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DTERN_SANITIZE=address,undefined -DTERN_BUILD_BENCH=OFF \
        -DTERN_BUILD_TESTS=OFF -DTERN_FUZZ=ON >/dev/null
    cmake --build "$build" -j "$jobs"
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in tests/fuzz/fuzz_*.c; do
        name=${src##*/fuzz_}
        targets+=("${name%.c}")
    done
fi

# Seeds that live outside tests/corpus (large or shared files), by target.
extra_seeds() {
    case $1 in
        gguf) [ -f ../shared/fixtures/bitnetcpp-tiny/model.gguf ] && echo ../shared/fixtures/bitnetcpp-tiny/model.gguf ;;
    esac
    return 0
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
logs=$build/fuzz-logs
mkdir -p "$logs"
rows=()
crashed=0
for t in "${targets[@]}"; do
    bin=$build/fuzz_$t
    if [ ! -x "$bin" ]; then
        echo "fuzz.sh: no $bin (is tests/fuzz/fuzz_$t.c built? configure with -DTERN_FUZZ=ON)" >&2
        exit 2
    fi
    work=$build/fuzz-corpus/$t
    artifacts=$build/fuzz-artifacts/$t
    mkdir -p "$work" "$artifacts" "tests/corpus/$t"
    for f in $(extra_seeds "$t"); do cp "$f" "$work/"; done
    opts=()
    [ -f "tests/fuzz/fuzz_$t.options" ] && read -r -a opts <"tests/fuzz/fuzz_$t.options"
    log=$logs/$t.log
    echo "== fuzz_$t: ${seconds} s (log $log)"
    rc=0
    "$bin" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "${opts[@]}" "$work" "tests/corpus/$t" >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    crashes=0
    if [ "$rc" -ne 0 ]; then
        crashed=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 3 | sed 's/^/    /'
        for a in "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* "$artifacts"/leak-*; do
            [ -f "$a" ] || continue
            crashes=$((crashes + 1))
            min=$artifacts/min-${a##*/}
            "$bin" -minimize_crash=1 -max_total_time=60 -exact_artifact_path="$min" "${opts[@]}" "$a" \
                >"$log.minimize" 2>&1 || true
            [ -s "$min" ] || cp "$a" "$min"
            keep=tests/corpus/$t/crash-$(sha1sum "$min" | cut -c1-16)
            cp "$min" "$keep"
            rm -f "$a"
            echo "    crash input (minimized): $keep"
        done
        [ "$crashes" -gt 0 ] || crashes="1 (rc $rc)"
    fi
    rows+=("$(printf '%-14s %14s %10s %8s %8s  %s' "$t" "${execs:-?}" "${rate:-?}" \
        "$(awk '{print $2}' <<<"${cov:-? ? ? ?}")" "$(awk '{print $4}' <<<"${cov:-? ? ? ?}")" "$crashes")")
done

echo
printf '%-14s %14s %10s %8s %8s  %s\n' target executions exec/s cov ft crashes
for r in "${rows[@]}"; do echo "$r"; done
exit "$crashed"
