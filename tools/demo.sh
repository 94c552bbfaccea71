#!/usr/bin/env bash
# `make demo`: the kiosk with simulated card readers and scanner, talking over mutual TLS to the reference
# central service (central-ref), printing the certificate through a real CUPS scheduler (a private cupsd, queue
# kioskA4, which writes the PDF to a file) and the receipt as ESC/POS over TCP 9100 to escpos-sink. This script
# starts and stops all three. With a display it opens the kiosk window (F1 presents an ID card, F2 a passport, F3
# lays a document on the scanner; see the log line it prints). Without one (CI, SSH) it runs the scripted citizen
# session headless, then checks the printed certificate's proof code with `kioskctl verify`, and leaves
# everything in out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/dev
out=out/demo
tools/private-cupsd.sh stop "$PWD/$out/cups" > /dev/null 2>&1 || true
rm -rf "$out"
mkdir -p "$out/receipts"

tools/dev-pki.sh "$out/pki" kiosk-demo > /dev/null
coproc CENTRAL { exec "$bin/central/central-ref" --listen 127.0.0.1:0 --db "$out/central.db" --pki "$out/pki" 2> "$out/central.log"; }
central_pid=$CENTRAL_PID
# bash keeps one coproc at a time: the sink reports its port through a file instead.
"$bin/printer/src/escpos/escpos-sink" --listen 127.0.0.1:0 --out-dir "$out/receipts" > "$out/escpos-sink.out" \
    2> "$out/escpos-sink.log" &
sink_pid=$!
cleanup() {
    kill "$central_pid" "$sink_pid" 2> /dev/null || true
    tools/private-cupsd.sh stop "$PWD/$out/cups" > /dev/null 2>&1 || true
}
trap cleanup EXIT

read -r -t 20 listening <&"${CENTRAL[0]}" || { echo "demo: central-ref did not start; see $out/central.log" >&2; exit 1; }
central_port=${listening##*:}
for _ in $(seq 100); do
    grep -q '^listening' "$out/escpos-sink.out" 2> /dev/null && break
    sleep 0.1
done
listening=$(sed -n 's/^listening //p' "$out/escpos-sink.out")
[ -n "$listening" ] || { echo "demo: escpos-sink did not start; see $out/escpos-sink.log" >&2; exit 1; }
sink_port=${listening##*:}
cups_env=$(tools/private-cupsd.sh start "$PWD/$out/cups") || { echo "demo: the private cupsd did not start" >&2; exit 1; }
cups_value() { sed -n "s/^$1=//p" <<< "$cups_env"; }
cups_server=$(cups_value CUPS_SERVER)
cups_output=$(cups_value HUKIOSK_CUPS_OUTPUT)

cat > "$out/kiosk.json" <<JSON
{
  "kiosk_id": "kiosk-demo",
  "central": {
    "url": "https://127.0.0.1:$central_port",
    "ca_file": "$out/pki/ca.pem",
    "cert_file": "$out/pki/kiosks/kiosk-demo.pem",
    "key_file": "$out/pki/kiosks/kiosk-demo.key"
  },
  "a4_printer": {"backend": "cups", "server": "$cups_server", "queue": "$(cups_value HUKIOSK_CUPS_QUEUE)"},
  "receipt_printer": {"backend": "escpos", "connection": "tcp:127.0.0.1:$sink_port"}
}
JSON
echo "demo: central-ref on 127.0.0.1:$central_port (mutual TLS, dev PKI in $out/pki)"
echo "demo: certificates to CUPS queue kioskA4 on $cups_server (private cupsd in $out/cups)"
echo "demo: receipts as ESC/POS to escpos-sink on 127.0.0.1:$sink_port"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${HUKIOSK_DEMO_HEADLESS:-}" ]; then
    echo "demo: opening the kiosk window (close it or press Ctrl+C to stop)"
    "$bin/kiosk/kiosk" --simulate --config "$out/kiosk.json" --out "$out"
    exit 0
fi

script=kiosk/scripts/demo-family-proof.script
echo "demo: no display; running the scripted session $script headless"
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk.json" --script "$script" --out "$out"

cp "$cups_output" "$out/certificate.pdf"
receipt=$(ls "$out"/receipts/receipt-*.bin | tail -n 1)
if [ -d tests/printer/escpos/npos/node_modules ]; then
    node tests/printer/escpos/npos/decode.js "$receipt" > "$out/receipt.json"
fi

echo
echo "demo: the printed certificate's proof code, checked offline with the province's public key:"
keys=(--keys "$out/pki/signing.pub.pem" --key-id "$(cat "$out/pki/signing.kid")")
"$bin/kiosk/kioskctl" verify "${keys[@]}" "$out/certificate.pdf"
# A forger edits the claims (another serial) and keeps the signature: the code no longer verifies.
payload=$("$bin/kiosk/kioskctl" verify --json "${keys[@]}" "$out/certificate.pdf" | sed -n 's/.*"payload":"\([^"]*\)".*/\1/p')
IFS=. read -r tag claims signature <<< "$payload"
padded=$claims$(printf '%*s' $(((4 - ${#claims} % 4) % 4)) '' | tr ' ' '=')
claims_json=$(tr '_-' '/+' <<< "$padded" | base64 -d)
serial=$(sed -n 's/.*"serial":"\([^"]*\)".*/\1/p' <<< "$claims_json")
forged_claims=$(sed "s/$serial/${serial%?}9/" <<< "$claims_json" | tr -d '\n' | base64 -w0 | tr '+/' '-_' | tr -d '=')
echo
echo "demo: the same code with the serial changed to ${serial%?}9 by a forger:"
"$bin/kiosk/kioskctl" verify "${keys[@]}" "$tag.$forged_claims.$signature" || true
# The technician's card-reader checks, against simulated readers behind the real transports: an e-passport chip
# behind a PN532 on a pseudo-terminal, read by Debian's libnfc (PACE, secure messaging, passive authentication
# against the test CSCA, chip authentication), and a GA 467 resident ID reader on a pseudo-terminal, read by the
# kiosk's serial code.
echo
echo "demo: kioskctl chip read through libnfc (pn532_uart) to a simulated e-passport chip:"
# Another coproc would clash with central-ref's: the simulators take commands through a fifo instead.
start_simulator() {  # NAME COMMAND...: runs it with stdin from a fifo held open on fd 9x, stdout to NAME.out
    local name=$1
    shift
    mkfifo "$out/$name.in"
    "$@" < "$out/$name.in" > "$out/$name.out" 2> "$out/$name.log" &
    simulator_pids+=($!)
}
simulator_pids=()
start_simulator icao-card-sim "$bin/drivers/src/icao9303/reader/icao-card-sim" --pn532 "$PWD/$out/pn532" \
    --trust "$out/csca"
exec 91> "$out/icao-card-sim.in"
for _ in $(seq 200); do grep -q '^mrz' "$out/icao-card-sim.out" 2> /dev/null && break; sleep 0.05; done
device=$(sed -n 's/^device //p' "$out/icao-card-sim.out")
mrz_line2=$(sed -n 's/^mrz //p' "$out/icao-card-sim.out")
[ -n "$mrz_line2" ] || { echo "demo: icao-card-sim did not start; see $out/icao-card-sim.log" >&2; exit 1; }
"$bin/kiosk/kioskctl" chip read --reader "$device" --mrz "$mrz_line2" --trust "$out/csca" | tee "$out/chip-read.txt"
echo quit >&91
exec 91>&-
echo
echo "demo: kioskctl idcard read over a serial line to a simulated GA 467 reader:"
start_simulator ga467-sim "$bin/drivers/src/ga467/ga467-sim" --link "$PWD/$out/ga467"
exec 92> "$out/ga467-sim.in"
for _ in $(seq 200); do [ -s "$out/ga467-sim.out" ] && break; sleep 0.05; done
echo place >&92
"$bin/kiosk/kioskctl" idcard read --reader "ga467:$PWD/$out/ga467" | tee "$out/idcard-read.txt"
echo quit >&92
exec 92>&-
wait "${simulator_pids[@]}"

# A supporting document as the scanner would deliver it: a household register card typeset by Pango in Noto CJK
# at 300 dpi, laid 3 degrees askew, read by the kiosk's own pipeline (clean-up, Tesseract, field templates).
echo
echo "demo: kioskctl ocr on a household register page laid askew on the glass:"
cat > "$out/register-page.txt" << 'PAGE'
常住人口登记卡

姓名：王小明        与户主关系：子
民族：汉            出生日期：1990年05月17日
公民身份号码：110105199005170011
住址：北京市朝阳区建国路88号
何时由何地迁来本址：2015年09月01日 由河北省石家庄市迁来
PAGE
pango-view --font="Noto Sans CJK SC 12" --dpi=300 --margin=200 --rotate=3 --background=white -q \
    -o "$out/register-page.png" "$out/register-page.txt"
"$bin/kiosk/kioskctl" ocr "$out/register-page.png" | tee "$out/ocr.txt"

# The same reading inside the kiosk: a household register page laid on the (simulated) scanner is read while the
# citizen goes on, and the review screen lists what was read for them to check.
echo
echo "demo: a household register page on the kiosk's scanner, read for the review screen:"
"$bin/kiosk/kiosk" --simulate --headless --script kiosk/scripts/demo-register-page.script \
    --out "$out/register-page-read" > "$out/register-page-read.log" 2>&1 ||
    { echo "demo: the register page session failed; see $out/register-page-read.log" >&2; exit 1; }
grep -E 'page_read|document_reader' "$out/register-page-read.log" | sed 's/^\[[^]]*\] \[hukiosk\] //'

# A cabinet with an overhead document camera (camera.for_documents): the page is laid under it while the screen
# shows the live picture and what to do, and it is taken by itself once it lies still.
echo
echo "demo: a household register page laid under the document camera (the live picture's instructions, then read):"
echo '{"camera": {"for_documents": true}}' > "$out/kiosk-camera.json"
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk-camera.json" \
    --script kiosk/scripts/demo-camera-page.script --out "$out/camera-page" > "$out/camera-page.log" 2>&1 ||
    { echo "demo: the document camera session failed; see $out/camera-page.log" >&2; exit 1; }
grep -E 'ScanPreview|PageScanned|PageRead' "$out/camera-page/transcript.txt" | uniq -f 2 | sed 's/^/  /'
echo "  (the screen with the live picture: $(ls "$out"/camera-page/screens/*camera-preview*.png))"

# A citizen who cannot see the screen well: keypad only, speech on, large text, high contrast, Korean. Simulated
# headless runs write what the kiosk would say to speech.txt (a kiosk with a sound card speaks it with espeak-ng).
echo
echo "demo: a citizen on the tactile keypad with speech, large text and high contrast (what the kiosk said):"
"$bin/kiosk/kiosk" --simulate --headless --script kiosk/scripts/demo-accessible.script --out "$out/accessible" \
    > "$out/accessible.log" 2>&1 || { echo "demo: the accessible session failed; see $out/accessible.log" >&2; exit 1; }
grep '^say' "$out/accessible/speech.txt" | head -12
echo "  ... ($(grep -c '^say' "$out/accessible/speech.txt") utterances in $out/accessible/speech.txt)"

# A technician at the screen: service mode opened by a technician card on the chip reader and its PIN (the config
# names card 04A1B2C3; kioskctl hash-pin makes the PIN's hash).
echo
echo "demo: service mode on the screen (technician card, PIN, self-tests, audit check):"
pin_hash=$(echo 2468 | "$bin/kiosk/kioskctl" hash-pin)
printf '{"kiosk_id": "kiosk-demo", "technicians": [{"card": "04A1B2C3", "pin_hash": "%s"}]}\n' "$pin_hash" \
    > "$out/kiosk-service.json"
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk-service.json" \
    --script kiosk/scripts/demo-service-mode.script --out "$out/service-mode" > "$out/service-mode.log" 2>&1 ||
    { echo "demo: the service-mode run failed; see $out/service-mode.log" >&2; exit 1; }
grep -E 'technician_|service_' "$out/service-mode.log" | sed 's/^\[[^]]*\] \[hukiosk\] //'

# The technician's view of the same kiosk (the same state folder, so the counters and the audit log hold the
# session above): the kiosk runs in the background, kioskctl talks to it over its control socket, and its MQTT
# heartbeat goes to a private mosquitto broker.
echo
echo "demo: the technician's kioskctl against the running kiosk, and its heartbeat to mosquitto:"
mqtt_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqtt_port" > "$out/mosquitto.conf"
/usr/sbin/mosquitto -c "$out/mosquitto.conf" > "$out/mosquitto.log" 2>&1 &
mosquitto_pid=$!
sed 's/^{$/{\n  "heartbeat": {"host": "127.0.0.1", "port": '"$mqtt_port"', "interval_s": 2},/' "$out/kiosk.json" \
    > "$out/kiosk-tech.json"
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk-tech.json" --out "$out" 2> "$out/kiosk-tech.log" &
kiosk_pid=$!
export HUKIOSK_CONTROL_SOCKET="$PWD/$out/control.sock"
for _ in $(seq 100); do "$bin/kiosk/kioskctl" status > /dev/null 2>&1 && break; sleep 0.1; done
timeout 10 mosquitto_sub -p "$mqtt_port" -t 'hukiosk/kiosk-demo/heartbeat' -C 1 > "$out/heartbeat.json" &
heartbeat_pid=$!
ctl() { echo "\$ kioskctl $*"; "$bin/kiosk/kioskctl" "$@" || true; }
{
    ctl status
    ctl selftest
    ctl counters
    ctl test-print --printer receipt
    ctl readiness-report --to "$out/readiness-report.pdf"
    ctl support-bundle --to "$out"
    ctl audit verify
} | tee "$out/technician.txt"
wait "$heartbeat_pid" || true
echo "heartbeat received by mosquitto: $(cat "$out/heartbeat.json")" | tee -a "$out/technician.txt"
kill "$kiosk_pid" "$mosquitto_pid" 2> /dev/null || true
wait "$kiosk_pid" "$mosquitto_pid" 2> /dev/null || true

# Provincial IT's update: the kiosk's install tree as a RAUC bundle signed with the dev update keys (checked by
# the real rauc), offered by the DDI test server; the kiosk installs it at attract into its simulated slots,
# "reboots" into it, checks its health, and reports success once (the server's log of feedback shows it).
echo
echo "demo: provincial IT rolls out an update (hawkBit DDI test server, signed RAUC bundle, simulated slots) and a site configuration:"
rm -rf "$out/update"
mkdir -p "$out/update"
cmake --install "$bin" --prefix "$out/update/tree" > /dev/null
tools/make-bundle.sh --pki "$out/pki" --tree "$out/update/tree" --version 9.9.9 --out "$out/update/hukiosk-9.9.9.raucb" \
    > "$out/update/bundle.log" 2>&1 || { echo "demo: make-bundle failed; see $out/update/bundle.log" >&2; exit 1; }
# (central-ref holds the one coproc bash allows: the server's port comes through a file.)
# Then a site configuration (docs/site-config.example.json without its opening hours, so the demo runs at any
# hour): its own catalogue and the attract title for Yanbian, put in force at attract with no restart.
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("opening_hours"); json.dump(d,open(sys.argv[2],"w"),ensure_ascii=False)' \
    docs/site-config.example.json "$out/update/site.json"
tools/make-site-config.sh --pki "$out/pki" --in "$out/update/site.json" --out "$out/update/site.p7m" \
    >> "$out/update/bundle.log" 2>&1 || { echo "demo: make-site-config failed; see $out/update/bundle.log" >&2; exit 1; }
"$bin/tests/update/ddi-test-server" --controller kiosk-demo --bundle "$out/update/hukiosk-9.9.9.raucb" \
    --version 9.9.9 --site-config "$out/update/site.p7m" --site-config-version 2026.11.2 \
    --feedback "$out/update/feedback.jsonl" > "$out/update/ddi.port" &
ddi_pid=$!
for _ in $(seq 100); do grep -q listening "$out/update/ddi.port" 2> /dev/null && break; sleep 0.1; done
ddi_port=$(awk '/listening/ {print $2}' "$out/update/ddi.port")
[ -n "$ddi_port" ] || { echo "demo: ddi-test-server did not start" >&2; exit 1; }
cat > "$out/kiosk-update.json" <<JSON
{
  "kiosk_id": "kiosk-demo",
  "update": {"server_url": "http://127.0.0.1:$ddi_port", "allow_plain_http": true, "installer": "simulated",
             "keyring": "$out/pki/update-ca.pem", "poll_override_s": 1, "start_delay_s": 1, "province": "demo"}
}
JSON
"$bin/kiosk/kiosk" --simulate --headless --config "$out/kiosk-update.json" \
    --script kiosk/scripts/demo-update.script --out "$out/update/kiosk" > "$out/update/kiosk.log" 2>&1 ||
    { kill "$ddi_pid"; echo "demo: the update run failed; see $out/update/kiosk.log" >&2; exit 1; }
kill "$ddi_pid"
wait "$ddi_pid" 2> /dev/null || true
grep -E 'update_|site_config_' "$out/update/kiosk.log" | sed 's/^\[[^]]*\] \[hukiosk\] //'
echo "  the server heard: $(grep -c . "$out/update/feedback.jsonl") feedback(s), closed:"
grep '"closed"' "$out/update/feedback.jsonl" | sed 's/^/    /'

echo
echo "demo: a citizen presented a resident ID card and got a proof of family relationship from central-ref. Outputs:"
echo "  certificate  $out/certificate.pdf (what the CUPS queue printed)"
echo "  receipt      $receipt (ESC/POS bytes)$([ -f "$out/receipt.json" ] && echo ", decoded by npos in $out/receipt.json")"
echo "  screenshots  $out/screens/ ($(ls "$out"/screens | wc -l) screens)"
echo "  transcript   $out/transcript.txt"
echo "  card readers $out/chip-read.txt, $out/idcard-read.txt (kioskctl chip read / idcard read against simulated readers)"
echo "  page OCR     $out/ocr.txt (kioskctl ocr on $out/register-page.png);"
echo "               $out/register-page-read/screens/*-review-register-page-read.png (read by the kiosk for review)"
echo "  accessible   $out/accessible/speech.txt (spoken prompts), $out/accessible/screens/ (large text, high contrast, help)"
echo "  technician   $out/technician.txt (kioskctl status, selftest, counters, ...), $out/readiness-report.pdf,"
echo "               $out/hukiosk-support-*.tar.gz, $out/heartbeat.json (the MQTT heartbeat), $out/audit.log"
echo "  service mode $out/service-mode/screens/ (the technician's PIN, menu and self-test screens), $out/service-mode.log"
echo "  update       $out/update/ (the signed bundle and site configuration, the kiosk's log and screens, the server's feedback.jsonl)"
