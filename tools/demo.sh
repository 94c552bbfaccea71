#!/usr/bin/env bash
# `make demo`: the kiosk in simulation. With a display it opens the kiosk window (simulated devices: F1 presents an
# ID card, F2 a passport, F3 lays a document on the scanner; see the log line it prints). Without one (CI, SSH) it
# runs the scripted citizen session headless and leaves its outputs in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
kiosk=build/dev/kiosk/kiosk
out=out/demo
rm -rf "$out"
mkdir -p "$out"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${HUKIOSK_DEMO_HEADLESS:-}" ]; then
    echo "demo: opening the kiosk window (close it or press Ctrl+C to stop)"
    exec "$kiosk" --simulate --out "$out"
fi

script=kiosk/scripts/demo-family-proof.script
echo "demo: no display; running the scripted session $script headless"
"$kiosk" --simulate --headless --script "$script" --out "$out"

echo
echo "demo: a citizen presented a resident ID card and got a proof of family relationship. Outputs:"
echo "  certificate  $(ls "$out"/certificate-*.pdf)"
echo "  receipt      $(ls "$out"/receipt-*.png)"
echo "  screenshots  $out/screens/ ($(ls "$out"/screens | wc -l) screens)"
echo "  transcript   $out/transcript.txt"
