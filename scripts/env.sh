# Sourced by the scripts (test, serve, release, bench, and trunk's gpu-build.sh hook): PATH, and
# one cargo target directory that outlives the checkout, so a fresh clone reuses what an earlier
# clone compiled.
#
#   TRAINLAB_CACHE     where builds are kept (default ~/.cache/trainlab; target/ inside it)
#   CARGO_TARGET_DIR   set it yourself to use another target directory; then nothing is shared
#                      unless you share it
#
# Cargo decides that this crate is up to date by comparing the modification times of its sources
# with the last build's, and a shared target directory breaks that: after checkout B has built,
# checkout A's older files would look older than "the last build" and cargo would hand A the
# artifacts compiled from B. So the target directory remembers which checkout built it last
# (.trainlab-checkout: the path and the inode of its .git), and when another checkout builds,
# its files are touched first: cargo then rebuilds this crate (incrementally: rustc's
# incremental cache compares contents, not times) while every dependency stays compiled.
# Dependencies are safe as they are: cargo keys them by version, features and flags.

TRAINLAB_ROOT="${TRAINLAB_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export PATH="$HOME/.cargo/bin:$TRAINLAB_ROOT/tools/node_modules/.bin:$PATH"

if [ -z "${CARGO_TARGET_DIR:-}" ]; then
  export CARGO_TARGET_DIR="${TRAINLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trainlab}/target"
fi
mkdir -p "$CARGO_TARGET_DIR"

trainlab_checkout_id() {
  printf '%s %s\n' "$TRAINLAB_ROOT" "$(stat -c %i "$TRAINLAB_ROOT/.git" 2>/dev/null || echo no-git)"
}

# Touch this checkout's files if another checkout built last in $CARGO_TARGET_DIR.
trainlab_claim_target_dir() {
  local stamp="$CARGO_TARGET_DIR/.trainlab-checkout" id
  id="$(trainlab_checkout_id)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$id" ]; then
    return
  fi
  if [ -f "$stamp" ]; then
    printf '[env] %s was last built from %s: touching this checkout so that cargo rebuilds it\n' \
      "$CARGO_TARGET_DIR" "$(cut -d' ' -f1 "$stamp")"
  fi
  (
    cd "$TRAINLAB_ROOT"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
      git ls-files -z --cached --others --exclude-standard | xargs -0 -r touch -c --
    else
      find . \( -name target -o -name node_modules -o -name 'dist*' \) -prune -o -type f -print0 |
        xargs -0 -r touch -c --
    fi
  )
  printf '%s\n' "$id" >"$stamp"
}
