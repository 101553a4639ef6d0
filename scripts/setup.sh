#!/usr/bin/env bash
# Installs whatever this project needs and is missing, and nothing else.
# Idempotent: every step first checks whether its tool is already there at the right version.
# Only the package registries (crates.io, npm, Debian) are used; nothing is downloaded from
# elsewhere (see ../shared/research/toolchain.md for why each tool is installed this way).
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
fail() {
  printf '\033[31m[setup] FAILED: %s\033[0m\n' "$*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "'$*' needs root (or sudo), and neither is available"
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq || fail "apt-get update (Debian package lists) failed"
    apt_updated=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" \
    || fail "apt-get could not install: $*"
}

# --- Rust toolchain and the wasm target -------------------------------------------------
command -v cargo >/dev/null || fail "cargo is not installed (this machine kind ships Rust via rustup)"
command -v rustup >/dev/null || fail "rustup is not installed; it is needed to add the wasm32 target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "wasm32-unknown-unknown target: present"
else
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown || fail "rustup could not add wasm32-unknown-unknown"
fi

# --- Trunk and wasm-bindgen-cli, from crates.io (their own binary downloads cannot work here)
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  log "trunk $TRUNK_VERSION: present"
else
  log "building trunk $TRUNK_VERSION from crates.io (about 6-7 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked \
    || fail "cargo could not install trunk $TRUNK_VERSION"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "wasm-bindgen $WASM_BINDGEN_VERSION: present"
else
  # Not --locked: one locked dependency version has been yanked from the registry.
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force \
    || fail "cargo could not install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
fi

# --- Node.js, npm, and the project's npm tools (wasm-opt from binaryen@132, playwright-core)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
if [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
  && [ -d node_modules/esbuild ] && [ -d node_modules/fflate ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  log "npm packages: present"
else
  log "npm ci (binaryen, esbuild, fflate, playwright-core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error || fail "npm ci could not install the packages in package-lock.json"
fi
[ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" = 132 ] \
  || fail "node_modules/.bin/wasm-opt is not binaryen version 132"

# --- Debian Chromium for the browser tests, and CJK fonts so Chinese text renders -------
pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || pkgs+=(fonts-noto-cjk)
if [ "${#pkgs[@]}" -gt 0 ]; then apt_install "${pkgs[@]}"; else log "chromium, chromedriver, CJK fonts: present"; fi
/usr/bin/chromium --version >/dev/null 2>&1 || fail "/usr/bin/chromium does not run"

log "ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(/usr/bin/chromium --version 2>/dev/null)"
