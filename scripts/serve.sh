#!/usr/bin/env bash
# Dev server: installs what is missing, then `trunk serve` with any extra args
# (e.g. scripts/serve.sh --port 8080 --open).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

scripts/setup.sh
exec trunk serve "$@"
