#!/usr/bin/env bash
# Certificates for the central client's tests, made fresh per test run with the openssl CLI:
#   make-test-pki.sh SOURCE_DIR DIR
# DIR/...                          the dev PKI of tools/dev-pki.sh (provincial CA, server, kiosk "kiosk-test")
# DIR/other/ca.pem, server.pem/key an unrelated CA and a server certificate from it (CN=localhost, IP 127.0.0.1)
# DIR/kiosks/kiosk-expired.pem/key a kiosk client certificate from the provincial CA that expired in 2020
set -euo pipefail
src=${1:?usage: make-test-pki.sh SOURCE_DIR DIR}
dir=${2:?usage: make-test-pki.sh SOURCE_DIR DIR}
bash "$src/tools/dev-pki.sh" "$dir" kiosk-test >/dev/null
cd "$dir"
umask 077

mkdir -p other
openssl ecparam -name prime256v1 -genkey -noout -out other/ca.key
openssl req -x509 -new -key other/ca.key -sha256 -days 825 -subj "/O=Somewhere Else/CN=Unrelated CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out other/ca.pem
openssl ecparam -name prime256v1 -genkey -noout -out other/server.key
openssl req -new -key other/server.key -subj "/O=Somewhere Else/CN=localhost" -out other/server.csr
printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=digitalSignature" "extendedKeyUsage=serverAuth" \
    "subjectAltName=DNS:localhost,IP:127.0.0.1" > other/server.ext
openssl x509 -req -in other/server.csr -CA other/ca.pem -CAkey other/ca.key -set_serial 1 -sha256 -days 825 \
    -extfile other/server.ext -out other/server.pem 2>/dev/null

# `openssl x509 -req` in OpenSSL 3.0 cannot date a certificate in the past; `openssl ca` can, with explicit
# -startdate/-enddate, given a minimal CA configuration of its own.
mkdir -p past
: > past/index.txt
echo 1000 > past/serial
cat > past/ca.cnf <<'CNF'
[ca]
default_ca = past
[past]
database = past/index.txt
new_certs_dir = past
serial = past/serial
default_md = sha256
policy = any_subject
x509_extensions = kiosk_client
[any_subject]
organizationName = optional
commonName = supplied
[kiosk_client]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = clientAuth
CNF
openssl ecparam -name prime256v1 -genkey -noout -out kiosks/kiosk-expired.key
openssl req -new -key kiosks/kiosk-expired.key -subj "/O=HuKiosk Dev/CN=kiosk-expired" -out past/expired.csr
openssl ca -batch -config past/ca.cnf -cert ca.pem -keyfile ca.key -in past/expired.csr \
    -out kiosks/kiosk-expired.pem -startdate 20200101000000Z -enddate 20200201000000Z -notext 2>/dev/null
