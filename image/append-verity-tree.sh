#!/usr/bin/env bash
# Appends a root slot image's dm-verity hash tree to the image itself, after its squashfs, and prints
# "ROOT_HASH,HASH_OFFSET" (what GRUB's A_VERITY / B_VERITY hold, see image/esp/grub.cfg).
#   image/append-verity-tree.sh IMAGE SALT
# SALT: 64 hex digits. The tree's UUID is fixed too, so the same image and salt give the same bytes.
# Used by build-image.sh (the first slot) and tools/make-bundle.sh (a slot in an update bundle).
set -euo pipefail

die() {
    echo "append-verity-tree: $*" >&2
    exit 1
}
[ $# -eq 2 ] || die "usage: append-verity-tree.sh IMAGE SALT"
image=$1 salt=$2
[ -f "$image" ] || die "'$image' is not a file"
[[ $salt =~ ^[0-9a-f]{64}$ ]] || die "the salt must be 64 hex digits"
command -v veritysetup >/dev/null || die "'veritysetup' not found (Debian package: cryptsetup-bin)"
# GRUB and unsquashfs read the squashfs by its superblock and ignore what follows. mksquashfs pads to 4 KiB,
# the tree's data block.
squashfs_bytes=$(stat -c %s "$image")
((squashfs_bytes % 4096 == 0)) || die "'$image' ($squashfs_bytes bytes) does not end on a 4 KiB block"
report=$(veritysetup format "$image" "$image" --hash-offset="$squashfs_bytes" \
    --data-blocks=$((squashfs_bytes / 4096)) --salt="$salt" --uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0010) ||
    die "veritysetup format failed: $report"
root_hash=$(sed -n 's/^Root hash:[[:space:]]*//p' <<<"$report")
[[ $root_hash =~ ^[0-9a-f]{64}$ ]] || die "veritysetup gave no root hash"
echo "$root_hash,$squashfs_bytes"
