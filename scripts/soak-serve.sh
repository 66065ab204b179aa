#!/usr/bin/env bash
# A long soak of `tern serve` for manual runs (CI runs a short one: ctest -R serve_soak):
# the same mix of clients as tests/serve/soak.cjs, many more requests.
#   bash scripts/soak-serve.sh [REQUESTS (default 20000)] [CLIENTS (default 64)] [MODEL]
# MODEL defaults to a tiny random-weight model; with the 2B4T-shaped one, expect hours.
set -euo pipefail
cd "$(dirname "$0")/.."
export TERN=${TERN:-build/tern}
export TERN_SOAK_REQUESTS=${1:-20000} TERN_SOAK_CLIENTS=${2:-64}
[ -n "${3:-}" ] && export TERN_SOAK_MODEL=$3
[ -x "$TERN" ] || { echo "soak-serve.sh: build first (cmake --build build), or set TERN" >&2; exit 1; }
exec node tests/serve/soak.cjs
