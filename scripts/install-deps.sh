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

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
else
    echo "install-deps: installing ${missing[*]}"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "install-deps: done"
fi

# The aarch64 cross build's libraries (x86-64 hosts, which run it under qemu): Debian's arm64
# packages, downloaded with a private apt state and unpacked into $deps, where
# cmake/aarch64-linux-gnu.cmake looks. Nothing is installed: `dpkg --add-architecture arm64`
# would have apt upgrade amd64 libraries in lockstep with their arm64 twins and put a second
# arm64 libc beside libc6-dev-arm64-cross. Redone only when the package list changes.
[ "$(uname -m)" = x86_64 ] || exit 0
arm64_packages=(libhwloc15 libhwloc-dev libudev1 libcjson1 libcjson-dev libpcre2-8-0 libpcre2-dev)
deps=${TERN_AARCH64_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/tern/aarch64-deps}
stamp="arm64: ${arm64_packages[*]}"
if [ "$(cat "$deps/.tern-packages" 2>/dev/null)" = "$stamp" ]; then
    echo "install-deps: arm64 libraries present in $deps"
    exit 0
fi
echo "install-deps: unpacking arm64 ${arm64_packages[*]} into $deps"
mkdir -p "$(dirname "$deps")"
work=$(mktemp -d "$deps.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root"
apt_arm64=(-o APT::Architecture=arm64 -o APT::Architectures=arm64 -o "Dir::State::Lists=$work/lists"
           -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1)
[ "$(id -u)" -eq 0 ] && apt_arm64+=(-o APT::Sandbox::User=root)
apt-get "${apt_arm64[@]}" update -qq
(cd "$work/debs" && apt-get "${apt_arm64[@]}" download -qq "${arm64_packages[@]}")
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
echo "$stamp" >"$work/root/.tern-packages"
rm -rf "$deps"
mv "$work/root" "$deps"
echo "install-deps: done"
