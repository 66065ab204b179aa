#!/usr/bin/env bash
# Install everything tern needs to build, test and benchmark, from Debian's packages.
# Idempotent: packages already present are skipped, so a second run costs a few dpkg queries.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config python3 python3-jinja2
    libhwloc-dev hwloc-nox libbenchmark-dev libcjson-dev libpcre2-dev
    libmicrohttpd-dev
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
    clang libclang-rt-14-dev
    chromium haproxy curl     # the server's tests: the chat page in a browser, replicas behind a load balancer
)
# node and npm (the tokenizer test's reference implementations): Debian's packages unless a
# node that bundles npm (e.g. NodeSource's, which conflicts with Debian's npm) is installed.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
