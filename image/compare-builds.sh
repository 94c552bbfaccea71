#!/usr/bin/env bash
# Whether two builds of the image are the same bytes, and where they are not:
#   image/compare-builds.sh DIR_A DIR_B
# DIR_A and DIR_B are build-image.sh --out folders (same commit, same SOURCE_DATE_EPOCH, same .deb). Each
# artefact is compared whole; for one that differs, its files are unpacked (unsquashfs, debugfs, mtools: no
# mount) and the files and metadata that differ are listed. Exit status 0 when every artefact is the same.
set -euo pipefail

die() {
    echo "compare-builds: $*" >&2
    exit 2
}
[ $# -eq 2 ] && [ -d "$1" ] && [ -d "$2" ] || die "usage: $0 DIR_A DIR_B"
a=$(realpath "$1") b=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/var/tmp}/compare-builds.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The first lines of a listing's differences, without diff's own headers.
show() { diff "$1" "$2" | grep '^[<>]' | head -"${3:-40}" || true; }

squashfs_differences() {
    unsquashfs -q -no-progress -d "$work/a-root" "$a/rootfs.img" >/dev/null
    unsquashfs -q -no-progress -d "$work/b-root" "$b/rootfs.img" >/dev/null
    echo "  files whose contents differ:"
    # diff cannot compare device nodes and says so; their numbers are in the metadata listing below.
    diff -rq --no-dereference "$work/a-root" "$work/b-root" | grep -v 'special file while file .* special file' |
        sed "s|$work/||g; s/^/    /" | head -60 || true
    echo "  metadata (mode, owner, size, time) that differs:"
    unsquashfs -lls "$a/rootfs.img" | sed 1,3d | sort -k6 >"$work/a-lls"
    unsquashfs -lls "$b/rootfs.img" | sed 1,3d | sort -k6 >"$work/b-lls"
    show "$work/a-lls" "$work/b-lls" | sed 's/^/    /'
    echo "  superblock:"
    show <(unsquashfs -s "$a/rootfs.img") <(unsquashfs -s "$b/rootfs.img") | sed 's/^/    /'
}

ext4_differences() {
    echo "  superblock fields that differ:"
    show <(dumpe2fs -h "$a/data.img" 2>/dev/null) <(dumpe2fs -h "$b/data.img" 2>/dev/null) | sed 's/^/    /'
    mkdir -p "$work/a-var" "$work/b-var"
    debugfs -R "rdump / $work/a-var" "$a/data.img" >/dev/null 2>&1
    debugfs -R "rdump / $work/b-var" "$b/data.img" >/dev/null 2>&1
    echo "  files whose contents differ:"
    diff -rq --no-dereference "$work/a-var" "$work/b-var" | sed "s|$work/||g; s/^/    /" | head -60 || true
    echo "  file times that differ (first 20):"
    (cd "$work/a-var" && find . -printf '%p %T@\n' | sort) >"$work/a-times"
    (cd "$work/b-var" && find . -printf '%p %T@\n' | sort) >"$work/b-times"
    show "$work/a-times" "$work/b-times" 20 | sed 's/^/    /'
    echo "  inode times of the root folder:"
    show <(debugfs -R "stat /" "$a/data.img" 2>/dev/null | grep -i time) \
        <(debugfs -R "stat /" "$b/data.img" 2>/dev/null | grep -i time) | sed 's/^/    /'
}

vfat_differences() {
    export MTOOLS_SKIP_CHECK=1
    echo "  directory listings that differ:"
    show <(mdir -/ -a -i "$a/esp.img" ::) <(mdir -/ -a -i "$b/esp.img" ::) | sed 's/^/    /'
    for file in EFI/BOOT/BOOTX64.EFI EFI/BOOT/grub.cfg EFI/BOOT/grubenv; do
        mcopy -n -i "$a/esp.img" "::/$file" "$work/a-${file##*/}"
        mcopy -n -i "$b/esp.img" "::/$file" "$work/b-${file##*/}"
        cmp -s "$work/a-${file##*/}" "$work/b-${file##*/}" || echo "    $file differs"
    done
    echo "  first differing bytes (offset, a, b in octal):"
    cmp -l "$a/esp.img" "$b/esp.img" | head -8 | sed 's/^/    /' || true
}

status=0
for artefact in manifest.txt rootfs.img esp.img data.img hukiosk.img; do
    if [ ! -e "$a/$artefact" ] || [ ! -e "$b/$artefact" ]; then
        echo "$artefact: missing in one build"
        status=1
        continue
    fi
    if cmp -s "$a/$artefact" "$b/$artefact"; then
        echo "$artefact: same ($(sha256sum "$a/$artefact" | cut -c1-16)...)"
        continue
    fi
    status=1
    echo "$artefact: DIFFERENT"
    case $artefact in
        manifest.txt) show "$a/$artefact" "$b/$artefact" | sed 's/^/  /' ;;
        rootfs.img) squashfs_differences ;;
        data.img) ext4_differences ;;
        esp.img) vfat_differences ;;
        hukiosk.img) echo "  (the disk holds the three above and the partition table)" ;;
    esac
done
exit $status
