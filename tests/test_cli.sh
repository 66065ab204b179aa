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
export XDG_CACHE_HOME="$cache"     # hermetic: no profile or model from the user's cache
expect "tune quick"        0 "ffn_down +6912x2560 +decode"               -- env XDG_CACHE_HOME="$cache" "$tern" tune --quick -t 1
expect "tune wrote"        0 "profiles/.*\.json"                         -- find "$cache/tern/profiles" -name '*.json'
expect "tune show"         0 "plan per layer shape"                      -- env XDG_CACHE_HOME="$cache" "$tern" tune --show
expect "tune bad preset"   2 "unknown preset 'nope'"                     -- "$tern" tune --preset nope
expect "tune bad threads"  2 "-t wants an integer in 1..256 or a list"                   -- "$tern" tune -t 1,x
expect "tune bad budget"   2 "--budget wants a number in 0.1..86400, not .-3."                    -- "$tern" tune --budget -3
expect "tune bad flag"     2 "unknown option .--frob."     -- "$tern" tune --frob
echo '{"format": "tern-profile-1", "cpu": {' >"$cache/corrupt.json"
expect "tune corrupt"      1 "corrupt"                                   -- "$tern" tune --show --profile "$cache/corrupt.json"
expect "tune missing"      1 "cannot open profile"                       -- "$tern" tune --show --profile "$cache/none.json"

# Model commands on a tiny random-weight model written by gen-model (fixture shapes).
if "$tern" --help | grep -q "gen-model"; then
    m="$cache/tiny.gguf"
    expect "gen-model"         0 "wrote .*tiny.gguf"                     -- "$tern" gen-model --preset bitnet-b1.58-tiny --out "$m" --seed 5
    expect "gen-model preset"  1 "unknown preset 'nope'"                 -- "$tern" gen-model --preset nope --out "$cache/x.gguf"
    # A profile the loader cannot use is said on stderr, with how to fix it; the run goes on.
    expect "run corrupt profile" 0 "^tern: warning: profile .*corrupt.json is corrupt .*run 'tern tune'.*heuristic" -- \
        "$tern" run -m "$m" --profile "$cache/corrupt.json" -p Hello -n 2 --temp 0
    expect "run missing profile" 0 "^tern: warning: cannot open profile .*none.json" -- \
        "$tern" run -m "$m" --profile "$cache/none.json" -p Hello -n 2 --temp 0
    expect "gen-model llama"   0 "wrote"                                 -- "$tern" gen-model --preset llama-tiny --out "$cache/llama.gguf"
    expect "info llama"        0 "block: +silu gate, no sub-norms, RoPE normal" -- "$tern" info "$cache/llama.gguf"
    expect "info untied"       0 "embedding: +F16; output F16"           -- "$tern" info "$cache/llama.gguf"
    expect "run llama"         0 "generation [1-8] tokens"               -- bash -c "'$tern' run -m '$cache/llama.gguf' -p Hello -n 8 --temp 0 >/dev/null"
    expect "info chat falcon3" 0 "chat format: falcon3"                  -- "$tern" info "$cache/llama.gguf"
    expect "info pre"          0 "pre-tokenizer: llama3 \(tokenizer.ggml.pre 'falcon3'\)" -- "$tern" info "$cache/llama.gguf"
    expect "chat falcon3"      0 "."                                     -- bash -c "printf 'hi\\nmore\\n' | '$tern' chat -m '$cache/llama.gguf' -n 4 --temp 0 | od -c"
    expect "bad chat template" 1 "unknown chat template 'zzz'"           -- "$tern" run -m "$cache/llama.gguf" -p hi --chat-template zzz
    expect "bad pre-tokenizer" 1 "pre-tokenizer 'nope' is not a pre-tokenizer tern knows" -- "$tern" run -m "$cache/llama.gguf" -p hi --pre-tokenizer nope
    # A reverse prompt ends the text where it first appears (and is not shown).
    full=$("$tern" run -m "$cache/llama.gguf" -p hi -n 40 --temp 0 --no-display-prompt 2>/dev/null)
    stop=${full:3:2}
    cut=$("$tern" run -m "$cache/llama.gguf" -p hi -n 40 --temp 0 --no-display-prompt -r "$stop" 2>/dev/null)
    if [ ${#full} -gt 5 ] && [ "$cut" = "${full%%"$stop"*}" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL reverse prompt '$stop': '$cut' from '$full'"; fi
    # Hugging Face folders: refused in one line when they are not checkpoints tern runs.
    mkdir -p "$cache/hf-empty" "$cache/hf-bad"
    expect "convert no folder"  1 "nope has no config.json"                  -- "$tern" convert "$cache/nope" -o "$cache/x.gguf"
    expect "convert no config"  1 "config.json"                         -- "$tern" convert "$cache/hf-empty" -o "$cache/x.gguf"
    echo '{"architectures": ["Qwen2ForCausalLM"], "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 1, "num_attention_heads": 4, "vocab_size": 300}' >"$cache/hf-bad/config.json"
    expect "convert bad arch"   1 "architecture 'Qwen2ForCausalLM' is not supported" -- "$tern" convert "$cache/hf-bad" -o "$cache/x.gguf"
    expect "run bad arch dir"   1 "architecture 'Qwen2ForCausalLM' is not supported" -- "$tern" run -m "$cache/hf-bad" -p hi
    expect "convert no out"     2 "give the checkpoint folder and -o FILE" -- "$tern" convert "$cache/hf-bad"
    expect "gen-model bitnet"  0 "wrote"                                 -- "$tern" gen-model --preset bitnet-tiny --out "$cache/bitnet.gguf"
    expect "info spm"          0 "vocabulary: +654 tokens, SentencePiece" -- "$tern" info "$cache/bitnet.gguf"
    expect "chat base model"   0 "has no chat format"                    -- bash -c "printf 'hi\\n' | '$tern' chat -m '$cache/bitnet.gguf' -n 2 --temp 0"
    expect "info bitnet"       0 "block: +silu gate, attention and FFN sub-norms, RoPE NeoX" -- "$tern" info "$cache/bitnet.gguf"
    expect "gen-model no out"  2 "--out FILE are required"               -- "$tern" gen-model --preset bitnet-b1.58-tiny
    echo '{"model": {"vocab": {"a": 0}, "merges": [' >"$cache/bad.json"
    expect "gen-model bad json" 1 "not a BPE tokenizer.json"             -- "$tern" gen-model --vocab-only --vocab "$cache/bad.json" --out "$cache/v.gguf"
    expect "gen-model latent"  2 "--latent wants one of off.f32.f16.bf16, not .f8."          -- "$tern" gen-model --preset bitnet-b1.58-tiny --out "$cache/x.gguf" --latent f8
    expect "gen-model f16"     0 "wrote"                                 -- "$tern" gen-model --preset bitnet-b1.58-tiny --out "$cache/lat.gguf" --latent f16
    expect "info latent"       0 "attn_q +256 x 256 +F16"                -- "$tern" info "$cache/lat.gguf"
    expect "gen-model seed"    2 "--seed wants a seed in 0..2\\^64-1, not .-1."                          -- "$tern" gen-model --preset bitnet-b1.58-tiny --out "$m" --seed -1
    expect "info"              0 "attn_q +256 x 256 +I2_S +decode tern_i2s" -- env XDG_CACHE_HOME="$cache" "$tern" info "$m"
    expect "info vocab"        0 "vocabulary: +512 tokens, byte-level BPE, BOS 502" -- "$tern" info "$m"
    expect "run"               0 "generation [1-8] tokens"                   -- bash -c "'$tern' run -m '$m' -p Hello -n 8 --temp 0 >/dev/null"
    a=$("$tern" run -m "$m" -p "Hello" -n 16 --seed 7 --no-display-prompt 2>/dev/null | od -c)
    b=$("$tern" run -m "$m" -p "Hello" -n 16 --seed 7 --no-display-prompt -t 2 2>/dev/null | od -c)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL run: same seed, different text"; fi
    expect "run bad flag"      2 "unknown option '--frob'"               -- "$tern" run -m "$m" -p hi --frob 1
    expect "run no prompt"     2 "no prompt"                             -- "$tern" run -m "$m"
    expect "run no model"      2 "no model given"                        -- "$tern" run -p hi
    expect "run missing file"  1 "cannot open .*nope.gguf"               -- "$tern" run -m "$cache/nope.gguf" -p hi
    expect "run bad temp"      2 "--temp wants a number in 0..100, not .hot."            -- "$tern" run -m "$m" -p hi --temp hot
    expect "run bad top-p"     2 "--top-p wants a number in 0..1, not .2."             -- "$tern" run -m "$m" -p hi --top-p 2
    expect "run bad threads"   2 "-t wants an integer in 1..256, not .0."               -- "$tern" run -m "$m" -p hi -t 0
    expect "run bad lm-head"   2 "--lm-head wants one of f16.q8, not .q4."                -- "$tern" run -m "$m" -p hi --lm-head q4
    expect "run lm-head q8"    0 "generation [1-4] tokens"                   -- bash -c "'$tern' run -m '$m' -p hi -n 4 --lm-head q8 >/dev/null"
    expect "run kv f32"        0 "generation [1-4] tokens"                   -- bash -c "'$tern' run -m '$m' -p hi -n 4 -ctk f32 -ctv f32 >/dev/null"
    head -c 20000 /dev/urandom | base64 >"$cache/long.txt"
    expect "run huge prompt"   1 "does not fit the context"              -- "$tern" run -m "$m" -f "$cache/long.txt" -c 256
    head -c 3000 "$m" >"$cache/cut.gguf"
    expect "run truncated"     1 "(truncated|corrupt) GGUF"                        -- "$tern" run -m "$cache/cut.gguf" -p hi
    echo "not a model" >"$cache/text.gguf"
    expect "run not gguf"      1 "not a GGUF file"                       -- "$tern" run -m "$cache/text.gguf" -p hi
    expect "chat"              0 "."                                     -- bash -c "printf 'hi\\nmore\\n' | '$tern' chat -m '$m' -n 4 --temp 0 | od -c"
    expect "tokenize"          0 "^502 "                                 -- "$tern" tokenize -m "$m" -p "Hello <|eot_id|>"
    expect "tokenize special"  0 " 511$"                                 -- "$tern" tokenize -m "$m" -p "Hello <|eot_id|>"
    expect "tokenize roundtrip" 0 "."                                    -- "$tern" tokenize -m "$m" -p "ünï €" --roundtrip --no-bos
    expect "logits"            0 "3 positions x 512 logits"              -- "$tern" logits -m "$m" --tokens "502 1 2" -o "$cache/l.f32"
    size=$(stat -c %s "$cache/l.f32" 2>/dev/null || echo 0)
    if [ "$size" -eq $((3 * 512 * 4)) ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL logits size $size"; fi
    expect "logits decode"     0 "3 positions"                           -- "$tern" logits -m "$m" --tokens "502,1,2" --decode -o "$cache/d.f32"
    expect "logits bad id"     1 "token id 9999 is outside the vocabulary" -- "$tern" logits -m "$m" --tokens "502 9999" -o "$cache/l.f32"
    expect "logits bad list"   2 "--tokens wants"                        -- "$tern" logits -m "$m" --tokens "1 x" -o "$cache/l.f32"
    expect "logits no output"  2 "exactly one of"                        -- "$tern" logits -m "$m" --tokens "1"
    expect "bench e2e md"      0 "\\| pp16 \\| .*±"                      -- "$tern" bench e2e -m "$m" -p 16 -n 4 -t 1 -r 2
    expect "bench e2e tg"      0 "tg4, 1 thread: .* bound"               -- "$tern" bench e2e -m "$m" -p 16 -n 4 -t 1 -r 2
    expect "bench e2e json"    0 "\"avg_ts\""                          -- "$tern" bench e2e -m "$m" -p 8 -n 2 -t 1,2 -r 2 -o json
    expect "bench e2e pp bound" 0 "pp16, 1 thread: .* ternary MACs per token, int8 peak .* -> bound .* reached" -- "$tern" bench e2e -m "$m" -p 16 -n 0 -t 1 -r 2
    # The compute bound's MACs per token, from the preset's shapes (configs/models): 2 layers of
    # q, k, v, o (256 x 256, 2 x 256 x 64, 256 x 256) and gate, up, down (3 x 256 x 640).
    if "$tern" bench e2e -m "$m" -p 8 -n 0 -t 1 -r 2 -o json 2>/dev/null | python3 -c "import json,sys; r=json.load(sys.stdin)[0]; assert r['macs_per_token']==2*(256*256*2+2*256*64+3*256*640), r['macs_per_token']; assert r['int8_peak_macs_per_s']>0 and 0<r['compute_bound_reached']<2 and len(r['int8_peak_samples'])==2"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL bench e2e json: pp compute bound fields"
    fi
    if "$tern" bench e2e -m "$m" -p 8 -n 2 -t 1 -r 2 -o json 2>/dev/null | python3 -c "import json,sys; r=json.load(sys.stdin); assert len(r)==2 and r[0]['n_prompt']==8 and r[1]['n_gen']==2"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL bench e2e json does not parse as llama-bench-like records"
    fi
    expect "bench e2e bad -o"  2 "-o wants one of md.json, not .xml."                -- "$tern" bench e2e -m "$m" -o xml
    # -pg and -d: llama-bench's test order and names, the KV cache in the bytes per token, one
    # bandwidth sample per run of each tg test (shape and consistency, not speed).
    expect "bench e2e -pg -d md" 0 "\| pp8\+tg4 @ d16 \| .*±"               -- "$tern" bench e2e -m "$m" -p 8 -n 4 -pg 8,4 -d 0,16 -t 1 -r 2
    expect "bench e2e depth bound" 0 "tg4 @ d16, 1 thread: .* KV cache at 18 positions.* -> bound" -- "$tern" bench e2e -m "$m" -p 0 -n 4 -d 16 -t 1 -r 2
    expect "bench e2e bad -pg" 2 "-pg wants two integers in 0..65536 like 512,128, not '8'" -- "$tern" bench e2e -m "$m" -pg 8
    expect "bench e2e bad -d"  2 "-d wants an integer in 0..1048576 or a list"            -- "$tern" bench e2e -m "$m" -d -5
    if "$tern" bench e2e -m "$m" -p 8 -n 4 -pg 8,4 -pg 4,2 -d 0,16 -t 1 -r 3 -o json 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
tests = [(x["n_depth"], x["n_prompt"], x["n_gen"]) for x in r]
assert tests == [(d, p, g) for d in (0, 16) for p, g in ((8, 0), (0, 4), (8, 4), (4, 2))], tests
tg = [x for x in r if x["n_prompt"] == 0]
kv_pos = tg[0]["kv_bytes_per_token"] / 2.5                       # tg4 from depth 0 reads 2.5 positions on average
assert abs(tg[1]["kv_bytes_per_token"] - kv_pos * 18.5) < 1, tg  # and 18.5 from depth 16
for x in r:
    n = x["n_prompt"] + x["n_gen"]
    ts = [n * 1e9 / ns for ns in x["samples_ns"]]
    assert len(ts) == 3 and abs(sum(ts) / 3 - x["avg_ts"]) <= 1e-3 * x["avg_ts"], x
    assert x["type_k"] == "f16" and x["n_batch"] == 8, x
    if x["n_prompt"] == 0:
        assert x["bytes_per_token"] == x["weight_bytes_per_token"] + x["kv_bytes_per_token"], x
        bw = x["read_bw_samples"]
        assert len(bw) == 3 and abs(sum(bw) / 3 / x["bytes_per_token"] - x["bound_ts"]) <= 1e-3 * x["bound_ts"], x
        reached = sum(t / (b / x["bytes_per_token"]) for t, b in zip(ts, bw)) / 3
        assert abs(reached - x["bound_reached"]) <= 1e-3 * reached, x
    else:
        assert "bound_ts" not in x, x
'; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL bench e2e -pg/-d json: wrong tests, order or bound fields"
    fi
    # perplexity: llama-perplexity's output, the same numbers for any -b and thread count.
    expect "perplexity"        0 "^\[1\][0-9]+\.[0-9]{4},\[2\][0-9]+\.[0-9]{4},\[3\][0-9]+\.[0-9]{4},$" -- bash -c "'$tern' perplexity -m '$m' -f '$cache/long.txt' -c 64 --chunks 3 2>/dev/null"
    expect "perplexity stderr" 0 "calculating perplexity over 3 chunks, n_ctx=64, batch_size=512, n_seq=8" -- "$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 3
    expect "perplexity final"  0 "^Final estimate: PPL = [0-9]+\.[0-9]{4} \+/- [0-9]+\.[0-9]{5}$" -- "$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 3
    expect "perplexity speed"  0 "192 tokens evaluated \(93 scored\) in .* tokens/s"  -- "$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 3
    a=$("$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 5 -b 16 -t 2 2>"$cache/ppl.err")
    b=$("$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 5 -b 128 -t 1 2>/dev/null)
    final=$(sed -nE 's/^Final estimate: PPL = ([0-9.]+) .*/\1/p' "$cache/ppl.err")
    if [ -n "$a" ] && [ "$a" = "$b" ] && [ "${a%,}" != "$a" ] && [ "${a##*]}" = "$final," ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL perplexity: -b 16 -t 2 '$a' vs -b 128 -t 1 '$b', final '$final'"
    fi
    for opt in "--lm-head q8" "-ctk f32 -ctv f32"; do
        # shellcheck disable=SC2086
        c=$("$tern" perplexity -m "$m" -f "$cache/long.txt" -c 64 --chunks 5 $opt 2>/dev/null)
        if [ -n "$c" ] && [ "$c" != "$a" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL perplexity $opt: '$c'"; fi
    done
    echo "short text" >"$cache/short.txt"
    expect "perplexity short"  1 "tokenizes to [0-9]+ tokens; -c 64 needs at least 128" -- "$tern" perplexity -m "$m" -f "$cache/short.txt" -c 64
    expect "perplexity no text" 2 "give -m FILE and -f TEXT"                 -- "$tern" perplexity -m "$m"
    expect "perplexity missing" 1 "cannot open the text .*none.txt"          -- "$tern" perplexity -m "$m" -f "$cache/none.txt"
    expect "perplexity mixed kv" 1 "K and V caches of different types"       -- "$tern" perplexity -m "$m" -f "$cache/long.txt" -ctk f32
    expect "perplexity bad pre" 1 "--pre-tokenizer bogus: pre-tokenizer 'bogus' is not a pre-tokenizer tern knows" -- "$tern" perplexity -m "$m" -f "$cache/long.txt" --pre-tokenizer bogus
    # A smoke run on bitnet.cpp's fixture: its running value after 8 windows, as llama-perplexity
    # printed it for the same command (meta.json), split as bitnet.cpp splits the file.
    fx="$(dirname "$0")/../../shared/fixtures/bitnetcpp-tiny"
    if [ -f "$fx/meta.json" ] && [ -f /usr/share/common-licenses/GPL-3 ]; then
        out=$("$tern" perplexity -m "$fx/model.gguf" -f /usr/share/common-licenses/GPL-3 -c 128 -b 128 --chunks 8 -t 1 --pre-tokenizer default 2>/dev/null)
        if python3 -c '
import json, re, sys
want = json.load(open(sys.argv[1]))["perplexity"]["per_chunk_running_ppl"][:8]
got = [float(v) for v in re.findall(r"\[\d+\]([0-9.]+),", sys.argv[2])]
assert len(got) == 8 and all(abs(g / w - 1) < 0.015 for g, w in zip(got, want)), (got, want)
' "$fx/meta.json" "$out"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1)); echo "FAIL perplexity on bitnetcpp-tiny: '$out'"
        fi
    fi
fi

echo "test_cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
