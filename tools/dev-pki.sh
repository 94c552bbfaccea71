#!/usr/bin/env bash
# Makes a development PKI with the openssl CLI (never for production: the keys are unprotected files).
#   tools/dev-pki.sh DIR [KIOSK_ID ...]      (default kiosk id: kiosk-dev)
# DIR/ca.pem, ca.key                provincial CA: signs the server certificate and the kiosks' client certificates
# DIR/server.pem, server.key        central service, CN=localhost, SAN DNS:localhost, IP:127.0.0.1
# DIR/kiosks/ID.pem, ID.key         one client certificate per kiosk, CN=ID
# DIR/signing.key, signing.pub.pem  ECDSA P-256 key that signs certificate proofs (key id: file signing.kid)
# Existing files are kept, so the script can be run again to add kiosks.
set -euo pipefail
dir=${1:?usage: dev-pki.sh DIR [KIOSK_ID ...]}
shift || true
kiosks=("$@")
[ ${#kiosks[@]} -gt 0 ] || kiosks=(kiosk-dev)
mkdir -p "$dir/kiosks"
cd "$dir"
umask 077
days=825

if [ ! -f ca.pem ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key
    openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/O=HuKiosk Dev/CN=HuKiosk Dev Provincial CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem
fi

issue() {  # issue NAME SUBJECT EXTENSIONS...
    local name=$1 subject=$2
    shift 2
    openssl ecparam -name prime256v1 -genkey -noout -out "$name.key"
    openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
    printf '%s\n' "$@" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days $days \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
}

if [ ! -f server.pem ]; then
    issue server "/O=HuKiosk Dev/CN=localhost" "basicConstraints=CA:FALSE" "keyUsage=digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1"
fi
for id in "${kiosks[@]}"; do
    [ -f "kiosks/$id.pem" ] && continue
    issue "kiosks/$id" "/O=HuKiosk Dev/CN=$id" "basicConstraints=CA:FALSE" "keyUsage=digitalSignature" \
        "extendedKeyUsage=clientAuth"
done
if [ ! -f signing.key ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out signing.key
    openssl ec -in signing.key -pubout -out signing.pub.pem 2>/dev/null
    echo "dev-$(date +%Y)-1" > signing.kid
fi
chmod 644 ca.pem server.pem signing.pub.pem signing.kid kiosks/*.pem
echo "dev-pki: $dir ready (CA, server, ${#kiosks[@]} kiosk(s), signing key)"
