#!/usr/bin/env bash
# The tern CLI: bad input gets one clear line and a non-zero exit; the kernel table lists
# what this CPU runs; TERN_ISA caps it.
set -u
tern=${TERN:?set TERN to the tern binary}
source "$(dirname "$0")/lib.sh"


expect "no args"          2 "^usage: tern"                              -- "$tern"
expect "help"             0 "kernels"                                   -- "$tern" --help
expect "version"          0 "^tern [0-9]+\.[0-9]+"                      -- "$tern" --version
expect "unknown command"  2 "unknown command 'frobnicate'"              -- "$tern" frobnicate
expect "kernels bad flag" 2 "unknown option '--bogus'"                  -- "$tern" kernels --bogus
expect "cpu extra arg"    2 "unexpected argument"                       -- "$tern" cpu extra
expect "kernels"          0 "tern_i2s_q8_gemm_ukernel_1x4k64__scalar +i2s +scalar" -- "$tern" kernels
expect "kernels count"    0 "variants in this binary run on this CPU"   -- "$tern" kernels
expect "cpu"              0 "^features:"                                -- "$tern" cpu
expect "isa cap scalar"   0 "^[0-9]+ of [0-9]+ variants"                -- env TERN_ISA=scalar "$tern" kernels
if TERN_ISA=scalar "$tern" kernels | grep -E "__(avx|neon)"; then
    failed=$((failed + 1)); echo "FAIL isa cap scalar: a SIMD variant listed as runnable"
else
    passed=$((passed + 1))
fi
expect "isa cap shown"    0 "TERN_ISA=scalar excludes"                  -- env TERN_ISA=scalar "$tern" kernels --all
expect "isa cap bogus"    0 "TERN_ISA=bogus is not a known ISA token"   -- env TERN_ISA=bogus "$tern" kernels

if [ "$(uname -m)" = x86_64 ] && "$tern" cpu | grep -q "avx512bw"; then
    expect "isa cap avx2" 0 "avx2_maddubs +i2s +avx2"                   -- env TERN_ISA=avx2 "$tern" kernels
    out=$(TERN_ISA=avx2 "$tern" kernels)
    if grep -q avx512 <<<"$out"; then
        failed=$((failed + 1)); echo "FAIL isa cap avx2: AVX-512 variants listed as runnable"
    else
        passed=$((passed + 1))
    fi
fi

# tune: a --quick run as a smoke test, --show reads it back, bad input is refused.
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
expect "tune quick"        0 "ffn_down +6912x2560 +decode"               -- env XDG_CACHE_HOME="$cache" "$tern" tune --quick -t 1
expect "tune wrote"        0 "profiles/.*\.json"                         -- find "$cache/tern/profiles" -name '*.json'
expect "tune show"         0 "winner"                                    -- env XDG_CACHE_HOME="$cache" "$tern" tune --show
expect "tune bad preset"   2 "unknown preset 'nope'"                     -- "$tern" tune --preset nope
expect "tune bad threads"  2 "-t wants thread counts"                    -- "$tern" tune -t 1,x
expect "tune bad budget"   2 "--budget wants seconds"                    -- "$tern" tune --budget -3
expect "tune bad flag"     2 "unknown or incomplete option '--frob'"     -- "$tern" tune --frob
echo '{"format": "tern-profile-1", "cpu": {' >"$cache/corrupt.json"
expect "tune corrupt"      1 "corrupt"                                   -- "$tern" tune --show --profile "$cache/corrupt.json"
expect "tune missing"      1 "cannot open profile"                       -- "$tern" tune --show --profile "$cache/none.json"

echo "test_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
