#!/usr/bin/env bash
# `tern bench compare` on synthetic Google Benchmark JSON: a clear slowdown is a regression
# (exit 1), noise and speed-ups are not (exit 0), bad input is a one-line error (exit 2).
set -u
tern=${TERN:?set TERN to the tern binary}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
source "$(dirname "$0")/lib.sh"

# gbench_json FILE NAME:TIME,TIME,... [NAME:...]: one iteration entry per repetition, plus
# an aggregate (mean) entry that compare must ignore.
gbench_json() {
    local file=$1
    shift
    {
        echo '{"context": {"date": "x", "library_build_type": "release"}, "benchmarks": ['
        local first=1
        for spec in "$@"; do
            local name=${spec%%:*} times=${spec#*:}
            local t
            for t in ${times//,/ }; do
                [ $first -eq 1 ] || echo ','
                first=0
                printf '{"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 5, "iterations": 100, "real_time": %s, "cpu_time": %s, "time_unit": "us"}' \
                    "$name" "$name" "$t" "$t"
            done
            printf ',{"name": "%s_mean", "run_name": "%s", "run_type": "aggregate", "aggregate_name": "mean", "real_time": 1, "cpu_time": 1, "time_unit": "us"}' "$name" "$name"
        done
        echo ']}'
    } >"$file"
}


gbench_json "$dir/base.json" "k/a:100,101,99,100.5,99.5" "k/b:50,51,49,50,50.5" "k/gone:10,10,10,10,10"
gbench_json "$dir/slow.json" "k/a:120,121,119,122,120" "k/b:50.2,50.9,49.1,50.3,50.1" "k/new:5,5,5,5,5"
gbench_json "$dir/fast.json" "k/a:80,81,79,80,80.5" "k/b:50,50.4,49.6,50.1,50"
gbench_json "$dir/noisy.json" "k/a:90,130,95,125,100" "k/b:50,51,49,50,50.5"
gbench_json "$dir/one.json" "k/a:200" "k/b:50"
gbench_json "$dir/base1.json" "k/a:100" "k/b:50"

expect "regression"          1 "k/a .*1\.200 .*REGRESSION"                -- "$tern" bench compare "$dir/base.json" "$dir/slow.json"
expect "regression summary"  1 "2 compared, 1 significant regression"    -- "$tern" bench compare "$dir/base.json" "$dir/slow.json"
expect "new and gone listed" 1 "k/gone .* gone"                          -- "$tern" bench compare "$dir/base.json" "$dir/slow.json"
expect "same is fine"        0 "k/b .* same"                             -- "$tern" bench compare "$dir/base.json" "$dir/slow.json" --threshold 25%
expect "faster is fine"      0 "k/a .* faster"                           -- "$tern" bench compare "$dir/base.json" "$dir/fast.json"
expect "noise not flagged"   0 "0 significant regression"                -- "$tern" bench compare "$dir/base.json" "$dir/noisy.json"
expect "one repetition"      0 "too few repetitions"                     -- "$tern" bench compare "$dir/base1.json" "$dir/one.json"
expect "missing file"        2 "cannot open .*nope.json"                 -- "$tern" bench compare "$dir/base.json" "$dir/nope.json"
echo '{"benchmarks": [' >"$dir/trunc.json"
expect "bad json"            2 "not Google Benchmark JSON"               -- "$tern" bench compare "$dir/base.json" "$dir/trunc.json"
echo '{"benchmarks": [{"name": "x", "run_type": "iteration", "real_time": "fast"}]}' >"$dir/types.json"
expect "bad field"           2 "benchmark #1 lacks"                      -- "$tern" bench compare "$dir/base.json" "$dir/types.json"
expect "bad threshold"       2 "--threshold wants"                       -- "$tern" bench compare "$dir/base.json" "$dir/slow.json" --threshold abc
expect "one file"            2 "takes two files, BASE.json NEW.json"               -- "$tern" bench compare "$dir/base.json"
expect "bench usage"         2 "usage: tern bench"                       -- "$tern" bench frob

echo "test_compare: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
