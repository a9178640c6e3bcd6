#!/usr/bin/env bash
# The benchmark command (issue 5): Trainlab's engine against TF.js on the reference workloads in
# headless Chromium, plus .wasm size, time to the first training step and long tasks; then the
# native bench. Prints Markdown tables; writes target/bench.json and target/bench-native.json.
#
#   scripts/bench.sh            release build (scripts/release.sh) if dist/ is missing, then benches
#   scripts/bench.sh --build    rebuild dist/ first
#   scripts/bench.sh --quick    fewer steps
#
# Needs what scripts/test.sh installs (Chromium, npm); installs the bench's npm packages
# (TF.js 4.22 and its wasm and WebGPU backends) into bench/node_modules. Asserts nothing.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT="$TRAINLAB_ROOT"
cd "$ROOT"

build=0
args=()
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    *) args+=("$a") ;;
  esac
done

if [ "$build" = 1 ] || [ ! -f dist/index.html ]; then
  scripts/release.sh
fi
if [ ! -d bench/node_modules/@tensorflow/tfjs-backend-wasm ]; then
  (cd bench && npm ci --no-audit --no-fund)
fi

echo "== In-browser bench (release build in dist/) =="
node bench/run.mjs --dist dist "${args[@]}"

echo
echo "== Native bench (cargo bench --bench engine) =="
trainlab_claim_target_dir
cargo bench --bench engine
