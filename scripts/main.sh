#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, tune the kernels for this CPU
# (a quick run, once: the profile is kept in ~/.cache/tern/profiles), write a BitNet b1.58
# 2B4T-shaped model with RANDOM weights (once, ~1.1 GiB, kept in ~/.cache/tern/models), then
# generate text with it and benchmark it end to end like llama-bench (pp128, tg64; 1 thread
# and all cores).
#   scripts/main.sh [-m MODEL.gguf]     run on your own model file instead of the demo
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
tern=./build/tern
cache=${XDG_CACHE_HOME:-$HOME/.cache}/tern

model=""
if [ "${1:-}" = "-m" ] && [ -n "${2:-}" ]; then
    model=$2
fi

echo
$tern cpu | sed -n 1,4p
echo
if $tern tune --show >/dev/null 2>&1; then
    echo "Tuning profile for this CPU found ($tern tune --show prints it)."
else
    echo "No tuning profile for this CPU yet: a quick tune (decode and 64-token prefill, 2B4T shapes)..."
    $tern tune --quick
fi

if [ -z "$model" ]; then
    model=$cache/models/bitnet-b1.58-2B-4T-random.gguf
    if [ ! -f "$model" ]; then
        mkdir -p "$(dirname "$model")"
        echo
        echo "Writing the demo model (BitNet b1.58 2B4T shapes, random ternary weights) to $model ..."
        $tern gen-model --preset bitnet-b1.58-2B-4T --out "$model" --seed 1
    fi
    cat <<'NOTE'

NOTE: the demo model has the exact shapes of microsoft/bitnet-b1.58-2B-4T but RANDOM weights
and a synthetic vocabulary: its text is meaningless, its speed is the real model's. For the
real model, download ggml-model-i2_s.gguf from the Hugging Face repo
microsoft/bitnet-b1.58-2B-4T-gguf and run
    ./build/tern run -m ggml-model-i2_s.gguf -p "Why is the sky blue?" -n 128
    ./build/tern chat -m ggml-model-i2_s.gguf
or: bash scripts/main.sh -m ggml-model-i2_s.gguf
NOTE
fi

echo
$tern info "$model" | sed -n 1,12p
echo
echo "== tern run (greedy, 48 tokens)"
$tern run -m "$model" -p "The capital of France is" -n 48 --temp 0 | cat -v
echo
echo "== tern bench e2e (pp128, tg64; 3 repetitions)"
cores=$($tern cpu | sed -n "s/.* \([0-9][0-9]*\) core(s).*/\1/p" | head -n 1)
threads=1
[ -n "$cores" ] && [ "$cores" -gt 1 ] && threads="1,$cores"
$tern bench e2e -m "$model" -p 128 -n 64 -t "$threads" -r 3
