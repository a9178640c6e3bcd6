#!/usr/bin/env bash
# Trunk's one post_build hook (Trunk.toml). Trunk starts the hooks of one stage side by side, so
# the steps that edit the staged index.html run here, one after the other:
#   1. scripts/gpu-build.sh   the full build, and its file names in index.html;
#   2. scripts/site-files.mjs the Content-Security-Policy (hashes of the final inline scripts)
#                             and 404.html, the deep-link fallback for plain static hosts.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/gpu-build.sh"
node "$here/site-files.mjs" "${TRUNK_STAGING_DIR:?post-build.sh runs as the post_build hook of trunk}"
