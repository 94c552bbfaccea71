#!/usr/bin/env bash
# Makes a development PKI with the openssl CLI (never for production: the keys are unprotected files).
#   tools/dev-pki.sh DIR [KIOSK_ID ...]      (default kiosk id: kiosk-dev)
# DIR/ca.pem, ca.key                provincial CA: signs the server certificate and the kiosks' client certificates
# DIR/server.pem, server.key        central service, CN=localhost, SAN DNS:localhost, IP:127.0.0.1
# DIR/kiosks/ID.pem, ID.key         one client certificate per kiosk, CN=ID
# DIR/signing.key, signing.pub.pem  ECDSA P-256 key that signs certificate proofs (key id: file signing.kid)
# DIR/update-ca.pem, update-ca.key  update CA, a trust root of its own: the RAUC keyring that accepts bundles
# DIR/update-signing.pem, .key      signs RAUC update bundles (tools/make-bundle.sh) and site configurations
#                                   (tools/make-site-config.sh), issued by the update CA
# Existing files are kept, so the script can be run again to add kiosks.
# These are dev keys, not release keys: anyone with this folder can sign updates that a dev kiosk installs.
# Release bundles need a release update CA whose key is kept offline; this script never makes one.
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

issue_by() {  # issue_by CA NAME SUBJECT EXTENSIONS...   (CA.pem and CA.key sign)
    local ca=$1 name=$2 subject=$3
    shift 3
    openssl ecparam -name prime256v1 -genkey -noout -out "$name.key"
    openssl req -new -key "$name.key" -subj "$subject" -out "$name.csr"
    printf '%s\n' "$@" > "$name.ext"
    openssl x509 -req -in "$name.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial -sha256 -days $days \
        -extfile "$name.ext" -out "$name.pem" 2>/dev/null
    rm -f "$name.csr" "$name.ext"
}
issue() {  # issue NAME SUBJECT EXTENSIONS...   (by the provincial CA)
    issue_by ca "$@"
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
# Updates trust a CA of their own: what the provincial CA issues can never sign an update, and a bundle
# signer can never pass for a kiosk or the server.
if [ ! -f update-ca.pem ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out update-ca.key
    openssl req -x509 -new -key update-ca.key -sha256 -days 3650 \
        -subj "/O=HuKiosk Dev/CN=HuKiosk Dev Update CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out update-ca.pem
fi
# rauc 1.8 checks the signer against OpenSSL's S/MIME signing purpose unless the keyring says check-purpose:
# with codeSigning alone `rauc info` refuses ("unsuitable certificate purpose"), with emailProtection (or no
# extended key usage) it accepts. Both usages pass the default check and `check-purpose=codesign` alike.
if [ ! -f update-signing.pem ]; then
    issue_by update-ca update-signing "/O=HuKiosk Dev/CN=HuKiosk Dev Update Signing" \
        "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=codeSigning,emailProtection" "subjectKeyIdentifier=hash" \
        "authorityKeyIdentifier=keyid"
fi
chmod 644 ca.pem server.pem signing.pub.pem signing.kid kiosks/*.pem update-ca.pem update-signing.pem
echo "dev-pki: $dir ready (CA, server, ${#kiosks[@]} kiosk(s), signing key, update CA and bundle signer)"
