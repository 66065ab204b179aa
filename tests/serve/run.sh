#!/usr/bin/env bash
# The server's tests that need more than Node: the openai npm client, puppeteer-core with
# Debian's chromium, Debian's haproxy. npm packages go into $TERN_NPM_DIR once (all in one
# install: npm drops packages a later install does not name). Without the network or the
# program the test is skipped (77), unless TERN_REQUIRE_NPM=1 (CI), where skipping fails.
set -euo pipefail
what=${1:?usage: run.sh openai|browser|haproxy}
here=$(cd "$(dirname "$0")" && pwd)
: "${TERN:?set TERN to the tern binary}"
: "${TERN_NPM_DIR:?set TERN_NPM_DIR to a directory for npm packages}"

skip() {
    echo "SKIP: $1"
    [ "${TERN_REQUIRE_NPM:-0}" = 1 ] && exit 1
    exit 77
}

command -v node >/dev/null || skip "node is not installed"
packages=(openai@6.49.0 puppeteer-core@24.43.1)
need_npm() {
    command -v npm >/dev/null || skip "npm is not installed"
    if [ ! -f "$TERN_NPM_DIR/node_modules/openai/package.json" ] ||
       [ ! -f "$TERN_NPM_DIR/node_modules/puppeteer-core/package.json" ]; then
        mkdir -p "$TERN_NPM_DIR"
        # ctest -j runs the openai and browser tests at once: one installs, the other waits.
        (cd "$TERN_NPM_DIR" && flock .install.lock sh -c '[ -f node_modules/openai/package.json ] &&
            [ -f node_modules/puppeteer-core/package.json ] ||
            npm install --no-audit --no-fund --no-save --loglevel=error "$@"' sh "${packages[@]}") ||
            skip "npm install failed (offline?)"
    fi
}

case $what in
openai)
    need_npm
    exec node "$here/openai.cjs"
    ;;
browser)
    [ -x /usr/bin/chromium ] || skip "chromium is not installed (scripts/install-deps.sh)"
    need_npm
    exec node "$here/browser.cjs"
    ;;
haproxy)
    command -v haproxy >/dev/null || skip "haproxy is not installed (scripts/install-deps.sh)"
    exec node "$here/haproxy.cjs"
    ;;
*)
    echo "run.sh: unknown test '$what'" >&2
    exit 2
    ;;
esac
