#!/usr/bin/env bash
# Signs a site configuration (catalogue, screen texts, opening hours, session timings) for a configuration push.
#   tools/make-site-config.sh --pki DIR --in SITE.json --out FILE.p7m
# --pki  a folder made by tools/dev-pki.sh: update-signing.pem/.key sign, update-ca.pem is the keyring the kiosk
#        checks with (update.keyring)
# --in   the document, "format": "hukiosk-site-config/1" (example: docs/site-config.example.json; the parts are
#        described in docs/updates.md)
# --out  CMS SignedData with the document inside (DER), written only once `openssl cms -verify` accepts it
# Roll the .p7m out as the artifact of a software module of type "hukiosk-config" (docs/updates.md).
set -euo pipefail

die() {
    echo "make-site-config: $*" >&2
    exit 1
}

pki= in= out=
while [ $# -gt 0 ]; do
    case $1 in
        --pki | --in | --out)
            [ $# -ge 2 ] || die "$1 needs a value"
            declare "${1#--}=$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,10s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[ -n "$pki" ] || die "--pki DIR is missing"
[ -n "$in" ] || die "--in SITE.json is missing"
[ -n "$out" ] || die "--out FILE.p7m is missing"
[ -r "$in" ] || die "'$in' is missing or unreadable"
for f in update-signing.pem update-signing.key update-ca.pem; do
    [ -r "$pki/$f" ] || die "'$pki/$f' is missing or unreadable (make it with tools/dev-pki.sh $pki)"
done
# The kiosk checks every part; catch the plainest mistakes before signing.
/usr/bin/python3 - "$in" <<'PY' || die "'$in' is not a site configuration"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc.get("format") == "hukiosk-site-config/1", 'format must be "hukiosk-site-config/1"'
assert isinstance(doc.get("version"), str) and doc["version"], "version is missing"
PY

tmp=$(mktemp "${TMPDIR:-/tmp}/make-site-config.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# -binary: the JSON is signed byte for byte; -nodetach: the document travels inside the signature.
openssl cms -sign -binary -nodetach -outform DER -in "$in" -signer "$pki/update-signing.pem" \
    -inkey "$pki/update-signing.key" -out "$tmp"
openssl cms -verify -binary -inform DER -in "$tmp" -CAfile "$pki/update-ca.pem" -out /dev/null 2>/dev/null ||
    die "the signed document does not verify against $pki/update-ca.pem"
mv "$tmp" "$out"
trap - EXIT
echo "make-site-config: $out ($(stat -c %s "$out") bytes) signed by $(openssl x509 -noout -subject -in "$pki/update-signing.pem")"
