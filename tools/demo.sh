#!/usr/bin/env bash
# `make demo`: the kiosk with simulated devices, talking over mutual TLS to the reference central service
# (central-ref) on loopback, which this script starts and stops. With a display it opens the kiosk window (F1
# presents an ID card, F2 a passport, F3 lays a document on the scanner; see the log line it prints). Without one
# (CI, SSH) it runs the scripted citizen session headless and leaves its outputs in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/dev
out=out/demo
rm -rf "$out"
mkdir -p "$out"

tools/dev-pki.sh "$out/pki" kiosk-demo > /dev/null
coproc CENTRAL { exec "$bin/central/central-ref" --listen 127.0.0.1:0 --db "$out/central.db" --pki "$out/pki" 2> "$out/central.log"; }
trap 'kill "$CENTRAL_PID" 2> /dev/null || true' EXIT
read -r -t 20 listening <&"${CENTRAL[0]}" || { echo "demo: central-ref did not start; see $out/central.log" >&2; exit 1; }
port=${listening##*:}
cat > "$out/kiosk.json" <<JSON
{
  "kiosk_id": "kiosk-demo",
  "central": {
    "url": "https://127.0.0.1:$port",
    "ca_file": "$out/pki/ca.pem",
    "cert_file": "$out/pki/kiosks/kiosk-demo.pem",
    "key_file": "$out/pki/kiosks/kiosk-demo.key"
  }
}
JSON
echo "demo: central-ref listening on 127.0.0.1:$port (mutual TLS, dev PKI in $out/pki)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${HUKIOSK_DEMO_HEADLESS:-}" ]; then
    echo "demo: opening the kiosk window (close it or press Ctrl+C to stop)"
    "$bin/kiosk/kiosk" --simulate --config "$out/kiosk.json" --out "$out"
    exit 0
fi

script=kiosk/scripts/demo-family-proof.script
echo "demo: no display; running the scripted session $script headless"
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk.json" --script "$script" --out "$out"

echo
echo "demo: a citizen presented a resident ID card and got a proof of family relationship from central-ref. Outputs:"
echo "  certificate  $(ls "$out"/certificate-*.pdf)"
echo "  receipt      $(ls "$out"/receipt-*.png)"
echo "  screenshots  $out/screens/ ($(ls "$out"/screens | wc -l) screens)"
echo "  transcript   $out/transcript.txt"
