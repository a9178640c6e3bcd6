#!/usr/bin/env bash
# The one test command: native tests, two dev wasm builds, browser tests.
#
#   scripts/test.sh                      everything
#   scripts/test.sh --test-name-pattern=gallery   extra args go to `node --test`
#   TRAINLAB_SKIP_NATIVE=1 scripts/test.sh        skip `cargo test` (local iteration)
#
# Works from a clean clone, as root, without stdin (CI runs `bash .ci/run` with CI=true).
# Builds go to a target directory that outlives the clone (scripts/env.sh: ~/.cache/trainlab),
# so a second clone on the same machine compiles only this crate. Prints each step's time.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT="$TRAINLAB_ROOT"
cd "$ROOT"

DIST_TEST="dist-test" # built with --public-url /
DIST_SUB="dist-sub"   # built with --public-url /sub/ for the sub-path test

section_start=$SECONDS
timings=()
section() {
  if [ "${section_name:-}" != "" ]; then
    printf '[test] %s: ok (%ss)\n' "$section_name" "$((SECONDS - section_start))"
    timings+=("$(printf '%6ss  %s' "$((SECONDS - section_start))" "$section_name")")
  fi
  section_name="$*"
  section_start=$SECONDS
  printf '\n==================== %s ====================\n' "$*"
}

# Everything builds in the dev profile (Cargo.toml): Burn's CPU backend at opt-level 3, other
# dependencies at 1, so tests run fast and an edit recompiles in seconds.

section "Setup (scripts/setup.sh --test)"
scripts/setup.sh --test
trainlab_claim_target_dir
echo "[test] cargo target directory: $CARGO_TARGET_DIR"

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

# Dev profile: trunk runs no wasm-opt outside release builds. Trunk builds the CPU-only app, then
# its post_build hook (scripts/gpu-build.sh) the full one, which shares the dependencies that
# features leave alone.
section "Wasm builds, dev, public url / (trunk build -> $DIST_TEST/)"
TRAINLAB_GPU_BUILD=1 trunk build --release=false --dist "$DIST_TEST" --public-url /

section "Wasm build, dev, public url /sub/ (trunk build -> $DIST_SUB/)"
TRAINLAB_GPU_BUILD=1 trunk build --release=false --dist "$DIST_SUB" --public-url /sub/

section "Browser tests (node --test tests/browser/*.test.mjs)"
export TRAINLAB_DIST="$ROOT/$DIST_TEST"
export TRAINLAB_DIST_SUB="$ROOT/$DIST_SUB"
# The second reporter prints each file's time against the budget (it judges nothing).
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=./tests/browser/budget-reporter.mjs --test-reporter-destination=stdout \
  "$@" tests/browser/*.test.mjs

section "All tests passed"
printf '[test] time per step (%ss in all):\n' "$SECONDS"
printf '  %s\n' "${timings[@]}"
