#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, show what this CPU can run,
# then benchmark the runnable variants on the BitNet b1.58 2B4T shapes (decode: all; prefill:
# SIMD only) and print the best variant per format and ISA (decode: GB/s and % of the measured
# read bandwidth; prefill: GOP/s).
#   scripts/main.sh [extra tern-bench-kernels flags, e.g. --benchmark_min_time=0.5]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
echo
./build/tern cpu
echo
./build/tern kernels
echo
echo "Benchmarking every runnable variant on the bitnet-b1.58-2B-4T shapes (1 thread)..."
./build/tern-bench-kernels --benchmark_filter='read_bw|decode/bitnet-b1.58-2B-4T/|prefill/bitnet-b1.58-2B-4T/.*(avx|neon)' --benchmark_min_time=0.05 \
    --benchmark_color=false --tern_summary "$@" | grep -v '/real_time' 
