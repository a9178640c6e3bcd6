#!/usr/bin/env bash
# Dev server: installs what is missing, then `trunk serve` with any extra args
# (e.g. scripts/serve.sh --port 8080 --open).
#
# Trunk builds the CPU-only app and serves it; the full build (WebGPU) follows. The first time
# on a machine, the full build compiles in the background while the CPU-only page is already
# served (every page loads the CPU-only build until it is ready; trunk then rebuilds and the page
# reloads). TRAINLAB_GPU_BUILD=0 skips the full build (faster rebuilds after an edit),
# TRAINLAB_GPU_BUILD=1 builds both before serving.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$TRAINLAB_ROOT"

scripts/setup.sh
trainlab_claim_target_dir
export TRAINLAB_GPU_BUILD="${TRAINLAB_GPU_BUILD:-auto}"
exec trunk serve "$@"
