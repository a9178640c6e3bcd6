#!/usr/bin/env bash
# The one test command: native tests, two dev wasm builds, browser tests.
#
#   scripts/test.sh                      everything
#   scripts/test.sh --test-name-pattern=gallery   extra args go to `node --test`
#   TRAINLAB_SKIP_NATIVE=1 scripts/test.sh        skip `cargo test` (local iteration)
#
# Works from a clean clone, as root, without stdin (CI runs `bash .ci/run` with CI=true).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

DIST_TEST="dist-test" # built with --public-url /
DIST_SUB="dist-sub"   # built with --public-url /sub/ for the sub-path test

section_start=$SECONDS
section() {
  if [ "${section_name:-}" != "" ]; then
    printf '[test] %s: ok (%ss)\n' "$section_name" "$((SECONDS - section_start))"
  fi
  section_name="$*"
  section_start=$SECONDS
  printf '\n==================== %s ====================\n' "$*"
}

# Native tests use the dev profile: Cargo.toml builds dependencies (Burn) at opt-level 3 and this
# crate at opt-level 1, so tests run fast and an edit recompiles in seconds.

section "Setup (scripts/setup.sh --test)"
scripts/setup.sh --test

if [ "${TRAINLAB_SKIP_NATIVE:-0}" = "1" ]; then
  section "Native tests: skipped (TRAINLAB_SKIP_NATIVE=1)"
else
  section "Native tests (cargo test)"
  cargo test
fi

# The browser determinism test runs `cargo run --example reference`; build it here so
# its compile time is visible and outside the test's timeout.
if [ -e examples/reference.rs ] || [ -e examples/reference/main.rs ]; then
  section "Reference example (cargo build --example reference)"
  cargo build --example reference
else
  section "Reference example: examples/reference.rs missing (the determinism test will fail)"
fi

# Dev profile: trunk runs no wasm-opt outside release builds.
section "Wasm build, dev, public url / (trunk build -> $DIST_TEST/)"
trunk build --release=false --dist "$DIST_TEST" --public-url /

section "Wasm build, dev, public url /sub/ (trunk build -> $DIST_SUB/)"
trunk build --release=false --dist "$DIST_SUB" --public-url /sub/

section "Browser tests (node --test tests/browser/*.test.mjs)"
export TRAINLAB_DIST="$ROOT/$DIST_TEST"
export TRAINLAB_DIST_SUB="$ROOT/$DIST_SUB"
node --test --test-concurrency=1 --test-reporter=spec "$@" tests/browser/*.test.mjs

section "All tests passed"
