# Sourced by jobs.sh, scale.sh, world_scale.sh and world.sh, as `. "$(dirname "$0")/prelude.sh" "$@"`:
# sets `here` (this folder), `root` (the package), `out` (the script's first argument, or a
# temporary folder removed on exit) and `sanzi` (the release binary, built first).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
[ $# -ge 1 ] || trap 'rm -rf "$out"' EXIT

swift build --package-path "$root" -c release --product sanzi >&2
sanzi="$(swift build --package-path "$root" -c release --show-bin-path)/sanzi"
