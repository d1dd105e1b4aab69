#!/usr/bin/env bash
# contact_sheets.sh EASE [OUT_DIR] [EVERY]: contact sheets of the figure, to look at side by side
# with docs/poses.md. One sheet of every shared pose (poses.png), then one per bundled routine
# with each of its moving steps drawn every EVERY (default 0.5s) through one repetition, its hold
# and its way back (ROUTINE-moves.png). Not run by ctest: a person looks at the pictures.
set -euo pipefail
if (($# < 1)); then
    echo "usage: contact_sheets.sh EASE [OUT_DIR] [EVERY]   (EASE: the built ease binary)" >&2
    exit 2
fi
ease=$1
out=${2:-/tmp/ease-contact-sheets}
every=${3:-0.5s}
repo=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
mkdir -p -- "$out"
"$ease" poses --sheet "$out/poses.png"
echo "$out/poses.png"
for routine in "$repo"/routines/*.yaml; do
    name=$(basename -- "$routine" .yaml)
    # Routines with no moving step (breathing only) have nothing to draw.
    if "$ease" poses --sheet "$out/$name-moves.png" --every "$every" "$routine" 2>/dev/null; then
        echo "$out/$name-moves.png"
    fi
done
