#!/usr/bin/env bash
# For `make image-test`: two later versions of the image's root slot, as signed RAUC bundles, made from the root
# that `make image` built (unpacked, changed, packed again: a second build of the same packages).
#   image/make-test-bundles.sh --root out/image/rootfs.img --pki out/pki --out DIR
# DIR/good.raucb    version V.1: the same system saying it is V.1; it must install, boot and be marked good
# DIR/broken.raucb  version V.2: /usr/bin/kiosk replaced by a program that fails at once, as a bad build would;
#                   it installs, but the kiosk never comes up, so the boot loader must go back to the old slot
# V is the image's version (/etc/hukiosk/version in the root). Needs root (the files keep their owners).
set -euo pipefail

die() {
    echo "make-test-bundles: $*" >&2
    exit 1
}
here=$(cd "$(dirname -- "$0")" && pwd)
root_img= pki= out=
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || die "$1 needs a value"
    case $1 in
        --root) root_img=$2 ;;
        --pki) pki=$2 ;;
        --out) out=$2 ;;
        *) die "unknown argument '$1'" ;;
    esac
    shift 2
done
[ -f "$root_img" ] || die "--root FILE (the image's rootfs.img) is missing"
[ -d "$pki" ] || die "--pki DIR is missing"
[ -n "$out" ] || die "--out DIR is missing"
[ "$(id -u)" = 0 ] || die "needs root"
mkdir -p "$out"

work=$(mktemp -d "${TMPDIR:-/var/tmp}/test-bundles.XXXXXX")
trap 'rm -rf "$work"' EXIT
unsquashfs -q -n -d "$work/root" "$root_img" >/dev/null
base=$(cat "$work/root/etc/hukiosk/version")

# pack VERSION NAME: the root as it is now, as a slot image and a bundle of that version
pack() {
    echo "$1" >"$work/root/etc/hukiosk/version"
    # gzip: quicker than the release's xz, and GRUB reads both
    mksquashfs "$work/root" "$work/$2.img" -noappend -no-progress -quiet -comp gzip
    "$here/../tools/make-bundle.sh" --pki "$pki" --image "$work/$2.img" --version "$1" --out "$out/$2.raucb"
    rm -f "$work/$2.img"
}
pack "$base.1" good
cat >"$work/root/usr/bin/kiosk" <<'EOF'
#!/bin/sh
echo "kiosk: this build is broken on purpose (make image-test)" >&2
exit 1
EOF
chmod 0755 "$work/root/usr/bin/kiosk"
pack "$base.2" broken
echo "$base.1" >"$out/good.version"
echo "$base.2" >"$out/broken.version"
