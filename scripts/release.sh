#!/usr/bin/env bash
# Release build: trunk build --release=true with wasm-opt (binaryen 132 from npm), which also runs
# scripts/gpu-build.sh (the full build, in $DIST/gpu/), then both .wasm sizes raw and gzipped.
# Extra args go to trunk build. Output dir: $DIST (default dist).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ROOT="$TRAINLAB_ROOT"
cd "$ROOT"

DIST="${DIST:-dist}"

scripts/setup.sh --release
trainlab_claim_target_dir
# trunk finds wasm-opt on PATH (env.sh) and checks it against Trunk.toml's [tools] wasm_opt.

# `--release` alone swallows the next argument in trunk 0.21 (it takes an optional value).
TRAINLAB_GPU_BUILD=1 trunk build --release=true --dist "$DIST" "$@"

shopt -s nullglob
wasm_files=("$DIST"/*.wasm "$DIST"/gpu/*.wasm)
if [ "${#wasm_files[@]}" -eq 0 ]; then
  echo "release.sh: no .wasm in $DIST/" >&2
  exit 1
fi
printf '\n%-60s %12s %12s\n' "file" "raw bytes" "gzip -9"
for f in "${wasm_files[@]}"; do
  printf '%-60s %12s %12s\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
