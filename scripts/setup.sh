#!/usr/bin/env bash
# Idempotent installer for the Trainlab toolchain. Every step checks first and skips when done,
# so a second run takes a few seconds.
#
#   scripts/setup.sh            wasm target, trunk, wasm-bindgen-cli, cargo fetch
#   scripts/setup.sh --test     + Debian chromium/chromium-driver, tests/browser npm deps
#   scripts/setup.sh --release  + wasm-opt from npm's binaryen (tools/node_modules/.bin)
#
# Nothing here downloads a prebuilt binary: trunk and wasm-bindgen-cli are built with cargo,
# Chromium comes from Debian, wasm-opt from npm (binaryen's own JS/wasm build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"
WASM_TARGET="wasm32-unknown-unknown"
CHROMIUM="/usr/bin/chromium"
CHROMEDRIVER="/usr/bin/chromedriver"

want_test=0
want_release=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --release) want_release=1 ;;
    -h | --help)
      sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "setup.sh: unknown argument: $arg (expected --test and/or --release)" >&2
      exit 2
      ;;
  esac
done

step() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] ERROR: %s\n' "$*" >&2
  exit 1
}

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup first; need rustc >= 1.95)"
command -v rustup >/dev/null 2>&1 || die "rustup not found (needed to add the $WASM_TARGET target)"

# `cargo install` of a build tool, without the fat LTO and single codegen unit of the tools' own
# release profiles: trunk and wasm-bindgen only copy, hash and rewrite files here, and on 2 cores
# whole-program LTO makes trunk's install several times slower.
install_fast() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

# --- wasm target -------------------------------------------------------------------------------
installed_targets="$(rustup target list --installed)"
if grep -qx "$WASM_TARGET" <<<"$installed_targets"; then
  step "rust target $WASM_TARGET: present"
else
  step "rust target $WASM_TARGET: adding"
  rustup target add "$WASM_TARGET"
fi

# --- trunk -------------------------------------------------------------------------------------
# trunk 0.22 needs a newer rustc than we have; 0.21.14 is the pin.
trunk_version="$(trunk --version 2>/dev/null || true)"
if [[ " $trunk_version " == *" $TRUNK_VERSION "* ]]; then
  step "trunk $TRUNK_VERSION: present"
else
  step "trunk $TRUNK_VERSION: installing with cargo"
  install_fast trunk --locked --version "$TRUNK_VERSION"
fi

# --- crate dependencies ------------------------------------------------------------------------
# Trunk.toml sets offline = true (trunk passes --offline to cargo), so everything must be fetched
# up front. Plain `cargo fetch` covers every target, wasm32 included; it also writes Cargo.lock
# when missing, which the wasm-bindgen step below reads.
step "cargo fetch"
cargo fetch --quiet

# --- wasm-bindgen-cli, same version as the crate in Cargo.lock ---------------------------------
wb_version="$(awk '
  /^\[\[package\]\]/ { in_wb = 0 }
  /^name = "wasm-bindgen"$/ { in_wb = 1; next }
  in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[ -n "$wb_version" ] || die "no wasm-bindgen package in Cargo.lock"
wb_have="$(wasm-bindgen --version 2>/dev/null || true)"
if [[ " $wb_have " == *" $wb_version "* ]]; then
  step "wasm-bindgen-cli $wb_version: present"
else
  step "wasm-bindgen-cli $wb_version: installing with cargo (takes ~2 min; was: ${wb_have:-none})"
  # No --locked: its lockfile names a crate version that is no longer in the registry.
  install_fast wasm-bindgen-cli --version "$wb_version"
fi

# --- node (tests and wasm-opt both need it) ----------------------------------------------------
need_node() {
  command -v node >/dev/null 2>&1 || die "node not found (need Node.js >= 20.10)"
  command -v npm >/dev/null 2>&1 || die "npm not found (need Node.js >= 20.10 with npm)"
  local major minor
  IFS=. read -r major minor _ <<<"$(node -p 'process.versions.node')"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 10 ]; }; then
    die "node $(node --version) is too old (need >= 20.10 for node --test --test-concurrency)"
  fi
}

# npm ci (or npm install without a lockfile) in $1 unless node_modules is current.
# $2 is a path inside node_modules that must exist.
npm_install_in() {
  local dir="$1" marker="$2"
  local stamp="$dir/node_modules/.package-lock.json" # npm rewrites it on every install
  if [ -e "$dir/node_modules/$marker" ] && [ -e "$stamp" ] &&
    ! [ "$dir/package.json" -nt "$stamp" ] &&
    { ! [ -e "$dir/package-lock.json" ] || ! [ "$dir/package-lock.json" -nt "$stamp" ]; }; then
    step "npm packages in ${dir#"$ROOT"/}: present"
    return
  fi
  step "npm packages in ${dir#"$ROOT"/}: installing"
  if [ -e "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  touch "$stamp"
}

# Every build needs node: trunk's post_build hook writes the CSP and 404.html with it
# (scripts/site-files.mjs).
need_node

# --- --test: Chromium from Debian + playwright-core ------------------------------------------
if [ "$want_test" -eq 1 ]; then
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    step "chromium: present"
  else
    step "chromium + chromium-driver: installing from Debian"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium chromium-driver
  fi
  need_node
  npm_install_in "$ROOT/tests/browser" "axe-core/axe.min.js"
fi

# --- --release: wasm-opt (binaryen 132 from npm, never Debian's 108) ---------------------------
if [ "$want_release" -eq 1 ]; then
  need_node
  wasm_opt="$ROOT/tools/node_modules/.bin/wasm-opt"
  if [ -x "$wasm_opt" ] && [[ "$("$wasm_opt" --version 2>/dev/null || true)" == *"version_132"* ]]; then
    step "wasm-opt (binaryen 132): present"
  else
    rm -f "$ROOT/tools/node_modules/.package-lock.json" # force a reinstall
    npm_install_in "$ROOT/tools" "binaryen/package.json"
    [[ "$("$wasm_opt" --version 2>/dev/null || true)" == *"version_132"* ]] ||
      die "tools/node_modules/.bin/wasm-opt does not report version_132"
  fi
fi

step "done"
