#!/usr/bin/env bash
# Builds a signed RAUC update bundle of the kiosk (an install tree or a whole root slot image), then checks it the
# way a kiosk would.
#   tools/make-bundle.sh --pki DIR (--tree DIR | --image FILE) --version V [--compatible C] --out FILE.raucb
# --pki         a folder made by tools/dev-pki.sh: update-signing.pem/.key sign, update-ca.pem is the keyring
# --tree        an install tree; it becomes the `rootfs` slot image, a squashfs with every file owned by root
# --image       a whole root slot image (`make image` makes out/image/rootfs.img, its tree and rootfs.verity):
#               what a kiosk running the appliance image installs; its dm-verity hash tree is made here when
#               no FILE.verity lies beside it, and a hook gives the kiosk's boot loader the slot's root hash
# --version     the manifest's [update] version
# --compatible  the manifest's [update] compatible, which the kiosk's system.conf must match (default:
#               hukiosk-x86_64)
# --out         the bundle; written only once it is complete and `rauc info` accepts it with the keyring
# The bundle has the verity format, which RAUC can stream and checks block by block (dm-verity) on install.
# Needs `rauc` and `mksquashfs` (Debian: rauc, squashfs-tools); works as root and as a plain user.
set -euo pipefail

die() {
    echo "make-bundle: $*" >&2
    exit 1
}

pki= tree= image= version= out= compatible=hukiosk-x86_64
while [ $# -gt 0 ]; do
    case $1 in
        --pki | --tree | --image | --version | --compatible | --out)
            [ $# -ge 2 ] || die "$1 needs a value"
            declare "${1#--}=$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,16s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[ -n "$pki" ] || die "--pki DIR is missing"
[ -n "$tree$image" ] || die "--tree DIR or --image FILE is missing"
[ -z "$tree" ] || [ -z "$image" ] || die "--tree and --image are two ways to give the slot: give one"
[ -n "$version" ] || die "--version is missing"
[ -n "$out" ] || die "--out FILE.raucb is missing"
[ -z "$tree" ] || [ -d "$tree" ] || die "install tree '$tree' is not a directory"
[ -z "$image" ] || [ -f "$image" ] || die "slot image '$image' is not a file"
for f in update-signing.pem update-signing.key update-ca.pem; do
    [ -r "$pki/$f" ] || die "'$pki/$f' is missing or unreadable (make it with tools/dev-pki.sh $pki)"
done
# The values go into an INI-style manifest: nothing that could end a line or open a section.
for v in "$version" "$compatible"; do
    [[ $v =~ ^[A-Za-z0-9][A-Za-z0-9._+~-]*$ ]] || die "'$v' is not a valid version or compatible string"
done
for tool in rauc mksquashfs; do
    command -v "$tool" >/dev/null || die "'$tool' not found (Debian packages: rauc squashfs-tools)"
done
out_dir=$(dirname -- "$out")
[ -d "$out_dir" ] || die "output folder '$out_dir' does not exist"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/make-bundle.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/content"
log=$tmp/log

# Run a step with its chatter in the log, shown only if the step fails.
step() {  # step WHAT COMMAND...
    local what=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        echo "make-bundle: $what failed:" >&2
        grep -v '^rauc-Message:' "$log" >&2 || cat "$log" >&2
        exit 1
    fi
}

# -all-root: the files belong to root on the kiosk whoever builds the bundle.
if [ -n "$image" ]; then
    cp --reflink=auto "$image" "$tmp/content/rootfs.img"
else
    step "mksquashfs of '$tree'" \
        mksquashfs "$tree" "$tmp/content/rootfs.img" -all-root -noappend -no-progress -quiet
fi
cat >"$tmp/content/manifest.raucm" <<EOF
[update]
compatible=$compatible
version=$version

[bundle]
format=verity

[image.rootfs]
filename=rootfs.img
EOF
# A whole root slot for the appliance image is read through dm-verity on the kiosk (image/esp/grub.cfg): it
# carries its hash tree after the squashfs, and a hook that gives the boot loader the slot's root hash once
# RAUC has written it. The hook is inside the signed bundle, so the root hash is as trusted as the update.
if [ -n "$image" ]; then
    verity_file=${image%.img}.verity
    if [ -f "$verity_file" ]; then
        verity=$(cat "$verity_file") # build-image.sh's rootfs.img has its tree already
    else
        # The salt from the image itself: the same image gives the same tree.
        verity=$("$(dirname -- "$0")/../image/append-verity-tree.sh" "$tmp/content/rootfs.img" \
            "$(sha256sum "$tmp/content/rootfs.img" | cut -c1-64)") || die "no dm-verity hash tree for '$image'"
    fi
    [[ $verity =~ ^[0-9a-f]{64},[0-9]+$ ]] || die "no dm-verity root hash and hash offset for '$image'"
    cat >"$tmp/content/hook.sh" <<EOF
#!/bin/sh
# Run by RAUC on the kiosk. After it wrote the root slot: the slot's dm-verity root hash and hash offset into
# GRUB's environment block (the grubenv of /etc/rauc/system.conf), for the initramfs to open the slot with.
[ "\$1" = slot-post-install ] || exit 0
[ "\$RAUC_SLOT_CLASS" = rootfs ] || exit 0
exec grub-editenv /boot/efi/EFI/BOOT/grubenv set "\${RAUC_SLOT_BOOTNAME}_VERITY=$verity"
EOF
    chmod 0755 "$tmp/content/hook.sh"
    printf 'hooks=post-install\n\n[hooks]\nfilename=hook.sh\n' >>"$tmp/content/manifest.raucm"
fi
# The slot image is a compressed squashfs already: compressing it again inside the bundle's squashfs saves
# next to nothing (0.5 % on a 138 MB image, at five times the time). It also keeps a tiny tree's bundle
# above the 4 KiB rauc requires of its squashfs ("squashfs size (4096) must be larger than 4096 bytes").
step "rauc bundle" rauc bundle --cert="$pki/update-signing.pem" --key="$pki/update-signing.key" \
    --keyring="$pki/update-ca.pem" --mksquashfs-args="-noD -noF" "$tmp/content" "$tmp/bundle.raucb"
step "rauc info (checking the new bundle)" rauc info --keyring="$pki/update-ca.pem" "$tmp/bundle.raucb"
mv -f "$tmp/bundle.raucb" "$out"
echo "make-bundle: $out ($(stat -c %s "$out") bytes, compatible $compatible, version $version)"
