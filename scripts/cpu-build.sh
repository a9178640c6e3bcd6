#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): the CPU-only build of the app, beside trunk's full one.
#
# Trunk builds the full app (`--features gpu`: Burn's wgpu backend, about 70% of the code). Most
# readers train on the CPU (the full build only matters with a hardware WebGPU adapter or
# `?backend=gpu`), so this hook also builds the crate without `gpu` (a quarter of the size) into
# $TRUNK_STAGING_DIR/cpu/, and writes its file names into the staged index.html, where
# assets/loader.js picks one of the two builds before downloading either.
#
# Its own cargo profiles (dev-cpu, release-cpu) keep its artifacts apart from trunk's.
# TRAINLAB_CPU_BUILD=0 skips it (faster `trunk serve` rebuilds; the page then loads the full build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/tools/node_modules/.bin:$PATH"

: "${TRUNK_STAGING_DIR:?cpu-build.sh runs as the post_build hook of trunk - TRUNK_STAGING_DIR unset}"
html="$TRUNK_STAGING_DIR/index.html"
if [ "${TRAINLAB_CPU_BUILD:-1}" = "0" ]; then
  echo "[cpu-build] skipped (TRAINLAB_CPU_BUILD=0): the page loads the full build"
  exit 0
fi

if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then profile=release-cpu; else profile=dev-cpu; fi
echo "[cpu-build] cargo build --profile $profile (no gpu feature)"
cargo build --lib --target wasm32-unknown-unknown --profile "$profile" --offline

out="target/wasm-bindgen/$profile"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name trainlab-cpu \
  "target/wasm32-unknown-unknown/$profile/trainlab.wasm"
wasm="$out/trainlab-cpu_bg.wasm"
if [ "$profile" = release-cpu ]; then
  # The same level as index.html's data-wasm-opt for the full build.
  wasm-opt -O2 "$wasm" -o "$out/trainlab-cpu_opt.wasm"
  wasm="$out/trainlab-cpu_opt.wasm"
fi

hash="$(cat "$out/trainlab-cpu.js" "$wasm" | sha256sum | cut -c1-16)"
mkdir -p "$TRUNK_STAGING_DIR/cpu"
js_name="cpu/trainlab-cpu-$hash.js"
wasm_name="cpu/trainlab-cpu-${hash}_bg.wasm"
cp "$out/trainlab-cpu.js" "$TRUNK_STAGING_DIR/$js_name"
cp "$wasm" "$TRUNK_STAGING_DIR/$wasm_name"
grep -q '@TRAINLAB_CPU_JS@' "$html" || {
  echo "[cpu-build] $html has no @TRAINLAB_CPU_JS@ placeholder (Trunk.toml pattern_script)" >&2
  exit 1
}
sed -i -e "s#@TRAINLAB_CPU_JS@#$js_name#g" -e "s#@TRAINLAB_CPU_WASM@#$wasm_name#g" "$html"
echo "[cpu-build] $wasm_name: $(wc -c <"$TRUNK_STAGING_DIR/$wasm_name") bytes"
