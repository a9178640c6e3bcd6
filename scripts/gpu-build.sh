#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): the full build of the app, beside trunk's CPU-only one.
#
# Trunk builds the CPU-only app (no features), which is what most readers load. This hook builds
# the crate again with `--features gpu` (Burn's WebGPU backend: about 70% of the code, needed only
# with a hardware WebGPU adapter or `?backend=gpu`) into $TRUNK_STAGING_DIR/gpu/, and writes its
# file names into the staged index.html, where assets/loader.js picks one of the two builds
# before downloading either. Both builds use the same cargo profile (features tell them apart),
# so the dependencies the two have in common are compiled once.
#
#   TRAINLAB_GPU_BUILD=1     build it now (the default: scripts/test.sh, scripts/release.sh)
#   TRAINLAB_GPU_BUILD=0     skip it; every page loads the CPU-only build
#   TRAINLAB_GPU_BUILD=auto  scripts/serve.sh: build it now once it has been compiled before in
#                            this target directory; the first time, compile it in the background
#                            instead (the CPU-only page is served meanwhile), then touch
#                            .trainlab-gpu-ready so that trunk rebuilds with it.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TRAINLAB_ROOT"

: "${TRUNK_STAGING_DIR:?gpu-build.sh runs as the post_build hook of trunk - TRUNK_STAGING_DIR unset}"
html="$TRUNK_STAGING_DIR/index.html"
mode="${TRAINLAB_GPU_BUILD:-1}"
# Cargo's output folder for the dev profile is named debug.
if [ "${TRUNK_PROFILE:-debug}" = "release" ]; then profile=release dir=release; else profile=dev dir=debug; fi
cargo_args=(build --lib --target wasm32-unknown-unknown --profile "$profile" --features gpu --offline)
# Written after the first full build in this target directory succeeds (for `auto`).
built_once="$CARGO_TARGET_DIR/.trainlab-gpu-built-$profile"

if [ "$mode" = "0" ]; then
  echo "[gpu-build] skipped (TRAINLAB_GPU_BUILD=0): every page loads the CPU-only build"
  exit 0
fi
if [ "$mode" = "auto" ] && [ ! -e "$built_once" ]; then
  lock="$CARGO_TARGET_DIR/.trainlab-gpu-background"
  if [ -e "$lock" ] && kill -0 "$(cat "$lock")" 2>/dev/null; then
    echo "[gpu-build] the full build is still compiling in the background (log: $lock.log)"
    exit 0
  fi
  echo "[gpu-build] first full build: compiling it in the background (log: $lock.log);"
  echo "[gpu-build] until it is done every page loads the CPU-only build, then trunk rebuilds"
  (
    trap 'rm -f "$lock"' EXIT
    if cargo "${cargo_args[@]}" >"$lock.log" 2>&1; then
      touch "$built_once"
      echo "[gpu-build] the full build is compiled: trunk rebuilds with it"
      touch "$TRAINLAB_ROOT/.trainlab-gpu-ready" # watched by trunk serve
    else
      echo "[gpu-build] the background full build FAILED; see $lock.log" >&2
    fi
  ) </dev/null &
  echo $! >"$lock"
  exit 0
fi

echo "[gpu-build] cargo ${cargo_args[*]}"
cargo "${cargo_args[@]}"
touch "$built_once"

out="$CARGO_TARGET_DIR/wasm-bindgen/$profile-gpu"
mkdir -p "$out"
rm -rf "$out/snippets"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name trainlab-gpu \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$dir/trainlab.wasm"
wasm="$out/trainlab-gpu_bg.wasm"
if [ "$profile" = release ]; then
  # The flags trunk gives the CPU-only build, read from index.html's rust link (data-wasm-opt and
  # data-wasm-opt-params), so that both builds are optimised alike.
  link="$(grep -o '<link data-trunk rel="rust"[^>]*>' index.html)"
  level="$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' <<<"$link")"
  params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' <<<"$link")"
  # shellcheck disable=SC2086 # params holds several flags
  wasm-opt "-O${level:-2}" $params "$wasm" -o "$out/trainlab-gpu_opt.wasm"
  wasm="$out/trainlab-gpu_opt.wasm"
fi

hash="$(cat "$out/trainlab-gpu.js" "$wasm" | sha256sum | cut -c1-16)"
mkdir -p "$TRUNK_STAGING_DIR/gpu"
js_name="gpu/trainlab-gpu-$hash.js"
wasm_name="gpu/trainlab-gpu-${hash}_bg.wasm"
cp "$out/trainlab-gpu.js" "$TRUNK_STAGING_DIR/$js_name"
cp "$wasm" "$TRUNK_STAGING_DIR/$wasm_name"
# The glue imports the crate's inline JavaScript (wasm-bindgen `inline_js`) from snippets/, next
# to itself.
rm -rf "$TRUNK_STAGING_DIR/gpu/snippets"
if [ -d "$out/snippets" ]; then cp -r "$out/snippets" "$TRUNK_STAGING_DIR/gpu/"; fi
grep -q '@TRAINLAB_GPU_JS@' "$html" || {
  echo "[gpu-build] $html has no @TRAINLAB_GPU_JS@ placeholder (Trunk.toml pattern_script)" >&2
  exit 1
}
sed -i -e "s#@TRAINLAB_GPU_JS@#$js_name#g" -e "s#@TRAINLAB_GPU_WASM@#$wasm_name#g" "$html"
echo "[gpu-build] $wasm_name: $(wc -c <"$TRUNK_STAGING_DIR/$wasm_name") bytes, built in ${SECONDS}s"
