#!/usr/bin/env bash
# The one test command: native tests, two dev wasm builds, browser tests.
#
#   scripts/test.sh                      everything
#   scripts/test.sh --test-name-pattern=gallery   extra args go to `node --test`
#   TRAINLAB_SKIP_NATIVE=1 scripts/test.sh        skip `cargo test --release` (local iteration)
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

# Native builds only: the [profile.release] in Cargo.toml is tuned for the shipped wasm (fat LTO,
# one codegen unit, panic=abort). For native tests that costs many minutes on 2 cores and builds
# every dependency twice (tests always unwind, `cargo run --release` would abort). Float results
# do not depend on these settings. Any value set by the caller wins.
export CARGO_PROFILE_RELEASE_LTO="${CARGO_PROFILE_RELEASE_LTO:-off}"
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS="${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16}"
export CARGO_PROFILE_RELEASE_PANIC="${CARGO_PROFILE_RELEASE_PANIC:-unwind}"

section "Setup (scripts/setup.sh --test)"
scripts/setup.sh --test

if [ "${TRAINLAB_SKIP_NATIVE:-0}" = "1" ]; then
  section "Native tests: skipped (TRAINLAB_SKIP_NATIVE=1)"
else
  section "Native tests (cargo test --release)"
  cargo test --release
fi

# The browser determinism test runs `cargo run --release --example reference`; build it here so
# its compile time is visible and outside the test's timeout.
if [ -e examples/reference.rs ] || [ -e examples/reference/main.rs ]; then
  section "Reference example (cargo build --release --example reference)"
  cargo build --release --example reference
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
