#!/usr/bin/env bash
# A benchmark of `tern serve` (not a test): aggregate generated tokens/s, time to first token
# and inter-token latency for 1, 2, 4, 8 and 16 concurrent streams, on the 2B4T-shaped demo
# model (random weights, real shapes; written once to ~/.cache/tern/models like
# scripts/main.sh does), 2 threads. The server runs 16 slots, so the streams of a row decode
# together: each step reads the weights once for all of them.
#   bash scripts/bench-serve.sh [-m MODEL] [-t THREADS] [-n TOKENS] [--streams 1,2,4,8,16] [--rounds 2]
# Figures are only comparable within one run (the speed-up column); the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
model="" threads=2 tokens=64 streams=1,2,4,8,16 rounds=2
while [ $# -gt 0 ]; do
    case $1 in
    -m) model=$2; shift 2 ;;
    -t) threads=$2; shift 2 ;;
    -n) tokens=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "bench-serve.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
tern=${TERN:-build/tern}
[ -x "$tern" ] || { echo "bench-serve.sh: build first (cmake --build build), or set TERN" >&2; exit 1; }
if [ -z "$model" ]; then
    model=${XDG_CACHE_HOME:-$HOME/.cache}/tern/models/bitnet-b1.58-2B-4T-random.gguf
    if [ ! -f "$model" ]; then
        mkdir -p "$(dirname "$model")"
        "$tern" gen-model --preset bitnet-b1.58-2B-4T --out "$model" --seed 1
    fi
fi
max=$(tr , '\n' <<<"$streams" | sort -n | tail -1)
log=$(mktemp)
"$tern" serve -m "$model" -t "$threads" -np "$max" -c 512 --port 0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
port=""
for _ in $(seq 600); do
    port=$(grep -ao 'listening on http://[^:]*:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
done
echo "tern serve: $(grep -a ' ready: ' "$log" | sed 's/.* ready: //')"
echo "load: $(uptime | sed 's/.*load average/load average/') on $(nproc) CPUs"
node bench/serve-load.cjs --port "$port" --streams "$streams" --tokens "$tokens" --rounds "$rounds"
echo
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^llamacpp:(n_decode_total|n_busy_slots_per_decode|n_tokens_max) '
