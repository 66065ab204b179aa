#!/usr/bin/env bash
# Every command's options come from one table: each option its --help lists is one the
# parser takes, and every bad value is refused in one message style, on one line:
#   tern CMD: OPTION wants <what>, not 'VALUE'
set -u
tern=${TERN:?set TERN to the tern binary}
source "$(dirname "$0")/lib.sh"

commands=("run" "chat" "info" "logits" "perplexity" "tokenize" "gen-model" "serve" "tune" "bench e2e" "bench compare" "kernels" "cpu")
for cmd in "${commands[@]}"; do
    # shellcheck disable=SC2086
    help=$("$tern" $cmd --help 2>&1)
    rc=$?
    if [ "$rc" -ne 0 ] || ! grep -q "^usage: tern $cmd" <<<"$help"; then
        failed=$((failed + 1)); echo "FAIL $cmd --help: exit $rc"; continue
    fi
    # "  -m, --model FILE   help": every spelling, and whether a value follows.
    while IFS= read -r line; do
        spec=${line#  }
        names=${spec%%  *}
        arg=""
        last=${names##* }
        case "$last" in -*) ;; *) arg=$last; names=${names% *} ;; esac
        for name in ${names//,/ }; do
            case "$name" in -*) ;; *) continue ;; esac
            # The option (with a value if it takes one), then an unknown one: a parser that knows
            # the first stops at the second, so nothing runs.
            value=()
            [ -n "$arg" ] && value=(1)
            dflt=$(sed -nE 's/.*\(default ([^ ),:]+)\)$/\1/p' <<<"$line")
            [ -n "$arg" ] && [ -n "$dflt" ] && value=("$dflt")          # a value it takes: its default
            case "$arg" in *"|"*) value=("${arg%%|*}") ;; esac     # a choice: its first name
            case "$arg" in *,*) value=("1,1") ;; esac              # a pair
            # shellcheck disable=SC2086
            out=$("$tern" $cmd "$name" "${value[@]}" --zz-unknown 2>&1 </dev/null)
            if ! grep -q "^tern $cmd: unknown option '--zz-unknown'" <<<"$out"; then
                failed=$((failed + 1)); echo "FAIL $cmd: --help lists $name but the parser refuses it: $out"
            else
                passed=$((passed + 1))
            fi
            [ -n "$arg" ] || continue
            # A value that is no number, list, seed or choice: refused, one line, one style.
            case "$arg" in FILE|TEXT|LIST|NAME|JSON|HOST|KEY) continue ;; esac
            # shellcheck disable=SC2086
            out=$("$tern" $cmd "$name" "x%y" 2>&1 </dev/null)
            rc=$?
            if [ "$rc" -eq 2 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -qE "^tern $cmd: $name wants .+, not 'x%y'$" <<<"$out"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1)); echo "FAIL $cmd $name x%y: exit $rc, '$out'"
            fi
        done
    done < <(grep -E '^  -' <<<"$help")
done
expect "missing value"  2 "^tern run: --temp needs a value \(T\)$"      -- "$tern" run --temp
expect "flag with value" 2 "^tern run: --special takes no value$"       -- "$tern" run --special=1
expect "long =value"    2 "^tern run: --top-k wants an integer in 0..16777216, not '-3'$" -- "$tern" run --top-k=-3
expect "extra argument" 2 "^tern run: unexpected argument 'stray'"     -- "$tern" run stray
echo "test_cli_opts: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
