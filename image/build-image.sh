#!/usr/bin/env bash
# Builds the kiosk's appliance disk image: x86-64, UEFI, GPT with an EFI system partition, two read-only root
# slots (A and B, squashfs, for RAUC) and a data partition for /var.
#   image/build-image.sh --deb FILE.deb --keyring CA.pem --out DIR [--version V] [--cache DIR] [--mirror URL]
# --deb      the kiosk's Debian package (cpack in a build folder of the `package` preset)
# --keyring  the CA that update bundles must be signed by (/etc/rauc/keyring.pem in the image)
# --out      where the results go: hukiosk.img (the whole disk, sparse), rootfs.img (the slot image: squashfs and
#            its dm-verity hash tree, also what an update bundle carries), rootfs.verity (its root hash and hash
#            offset), esp.img, data.img, manifest.txt (every package and version)
# --version  the image's version (default: the package's)
# --cache    downloaded .debs are kept here between builds (default: DIR/../cache)
# --mirror   the Debian mirror (default http://deb.debian.org/debian)
#
# Made with debootstrap and tools that need no loop device or mount of the image: mksquashfs, mke2fs -d,
# mkfs.vfat + mtools, sfdisk on a file, dd. (mkosi 14, Debian 12's, wants loop devices and systemd-nspawn, which
# not every build machine gives; see docs/flashing.md.) Needs root: debootstrap and chroot do.
# SOURCE_DATE_EPOCH (default: the last commit's time) fixes every time stamp and file system id, so the same
# packages give the same bytes.
set -euo pipefail

here=$(cd "$(dirname -- "$0")" && pwd)
die() {
    echo "build-image: $*" >&2
    exit 1
}
say() { echo "build-image: $*"; }

deb= keyring= out= version= cache= mirror=http://deb.debian.org/debian
while [ $# -gt 0 ]; do
    case $1 in
        --deb | --keyring | --out | --version | --cache | --mirror)
            [ $# -ge 2 ] || die "$1 needs a value"
            declare "${1#--}=$2"
            shift 2
            ;;
        -h | --help)
            sed -n '2,18s/^# \{0,1\}//p' "$0"
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[ -n "$deb" ] && [ -r "$deb" ] || die "--deb FILE.deb is missing or unreadable"
[ -n "$keyring" ] && [ -r "$keyring" ] || die "--keyring CA.pem is missing or unreadable"
[ -n "$out" ] || die "--out DIR is missing"
[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot)"
for tool in debootstrap mksquashfs mke2fs mkfs.vfat mcopy mmd sfdisk grub-mkimage grub-editenv veritysetup; do
    command -v "$tool" >/dev/null || die "'$tool' not found (Debian: debootstrap squashfs-tools e2fsprogs dosfstools mtools fdisk grub-efi-amd64-bin cryptsetup-bin)"
done
[ -d /usr/lib/grub/x86_64-efi ] || die "GRUB's EFI modules are missing (Debian: grub-efi-amd64-bin)"
deb=$(realpath "$deb")
[ -n "$version" ] || version=$(dpkg-deb -f "$deb" Version)
mkdir -p "$out"
out=$(realpath "$out")
cache=${cache:-$out/../cache}
mkdir -p "$cache/debootstrap" "$cache/apt"
cache=$(realpath "$cache")
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || date +%s)}

# Partition sizes (MiB). A slot holds the whole root with room for later versions; /var keeps the journal
# (256 MiB cap), counters, the print spool and a downloaded update bundle.
esp_mib=64 slot_mib=2560 data_mib=1536
# Fixed partition GUIDs: the same image every build, and the boot loader and fstab name partitions by label.
esp_uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0001
slot_a_uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0002
slot_b_uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0003
data_uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0004
disk_uuid=8c9a2f63-3c5e-4d0e-9d1f-6b1e4d0a0000
# panic=10: a kernel or initramfs that cannot go on restarts after 10 s (and GRUB tries the other slot) instead
# of stopping, or of giving a shell on the screen.
cmdline="console=tty1 console=ttyS0,115200n8 quiet loglevel=3 vt.global_cursor_default=0 systemd.show_status=error panic=10"

work=$(mktemp -d "${TMPDIR:-/var/tmp}/build-image.XXXXXX")
root=$work/root
mounted=()
cleanup() {
    local m
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
log=$work/log
step() { # step WHAT COMMAND...: the command's chatter is shown only when it fails
    local what=$1
    shift
    say "$what"
    if ! "$@" >"$log" 2>&1; then
        tail -40 "$log" >&2
        die "$what failed"
    fi
}
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" "$@"; }
bind() { # bind SOURCE TARGET [options]
    mkdir -p "$2"
    mount "${@:3}" "$1" "$2"
    mounted+=("$2")
}

start=$(date +%s)
# 1. The base system.
step "debootstrap bookworm (minbase)" \
    debootstrap --variant=minbase --cache-dir="$cache/debootstrap" bookworm "$root" "$mirror"
bind proc "$root/proc" -t proc
bind sysfs "$root/sys" -t sysfs
bind /dev "$root/dev" --bind
bind devpts "$root/dev/pts" -t devpts
bind tmpfs "$root/run" -t tmpfs
bind "$cache/apt" "$root/var/cache/apt/archives" --bind
# Name resolution inside the build: systemd-resolved, once installed, points /etc/resolv.conf into /run.
mkdir -p "$root/run/systemd/resolve"
cp -L /etc/resolv.conf "$root/run/systemd/resolve/stub-resolv.conf"
# No service starts inside the build.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod +x "$root/usr/sbin/policy-rc.d"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF

# 2. Packages: the system's, then the kiosk's own with whatever it depends on. The initramfs modules list is in
# place first, so the kernel's initramfs can mount a squashfs root.
mkdir -p "$root/etc/initramfs-tools"
cp "$here/rootfs/etc/initramfs-tools/modules" "$root/etc/initramfs-tools/modules"
mapfile -t packages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/packages.txt")
step "apt-get update" in_root apt-get update
step "installing ${#packages[@]} system packages" \
    in_root apt-get install -y --no-install-recommends "${packages[@]}"
cp "$deb" "$root/tmp/hukiosk.deb"
step "installing the kiosk ($(basename "$deb"))" \
    in_root apt-get install -y --no-install-recommends /tmp/hukiosk.deb
rm -f "$root/tmp/hukiosk.deb"
in_root dpkg-query -W -f '${Package} ${Version}\n' | sort >"$out/manifest.txt"

# 3. The appliance's own files, users and units.
say "lock-down: files, users, units"
cp -a "$here/rootfs/." "$root/"
cp "$here/esp/grub.cfg" "$work/grub.cfg"
install -m 0644 "$keyring" "$root/etc/rauc/keyring.pem"
# polkitd's own tmpfiles rule wants its rules folder private; the root is read-only at run time, so set it here.
in_root chown polkitd:root /etc/polkit-1/rules.d
chmod 0700 "$root/etc/polkit-1/rules.d"
for group in kiosk-tech scanner render input video audio lp dialout plugdev; do
    in_root groupadd -f --system "$group"
done
in_root useradd --system --user-group --home-dir /var/lib/hukiosk --no-create-home \
    --shell /usr/sbin/nologin --comment "HuKiosk citizen screen" kiosk
in_root usermod -p '!' root # no password login for anyone, root included
# CUPS writes its queues into ServerRoot, which must not be the read-only root: the data partition's
# /var/lib/cups/etc (made here and by tmpfiles). cupsd.conf and cups-files.conf stay in /etc, updated with the slot.
sed -i '/^#*ServerRoot/d' "$root/etc/cups/cups-files.conf"
echo "ServerRoot /var/lib/cups/etc" >>"$root/etc/cups/cups-files.conf"
install -d -m 0755 "$root/var/lib/cups/etc"
in_root chown root:lp /var/lib/cups/etc
step "systemd units" sh -c "
    chroot '$root' systemctl enable kiosk.service hukiosk-mark-good.service hukiosk-boot-deadline.timer \
        hukiosk-a4-queue.service nftables.service \
        systemd-networkd.service systemd-resolved.service systemd-timesyncd.service pcscd.socket cups.socket &&
    chroot '$root' systemctl disable ssh.service ssh.socket getty@tty1.service 2>/dev/null;
    chroot '$root' systemctl mask ctrl-alt-del.target serial-getty@.service getty@.service autovt@.service \
        console-getty.service debug-shell.service rescue.service emergency.service apt-daily.timer \
        apt-daily-upgrade.timer man-db.timer e2scrub_all.timer &&
    cp '$root/usr/share/systemd/tmp.mount' '$root/etc/systemd/system/tmp.mount' 2>/dev/null;
    true"
ln -sf /run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"
mkdir -p "$root/boot/efi" "$root/var/lib/hukiosk/site" "$root/var/lib/rauc"
in_root chown -R kiosk:kiosk /var/lib/hukiosk
chmod 0750 "$root/var/lib/hukiosk"
echo "$version" >"$root/etc/hukiosk/version"
# The machine id is made at each boot (the root is read-only); ssh host keys at first use of ssh, on /var.
# Nothing random made by a package's install script stays in the image: every kiosk would share it (a private
# key, an id), and no two builds would be the same bytes.
: >"$root/etc/machine-id"
ln -sf /etc/machine-id "$root/var/lib/dbus/machine-id"
rm -f "$root"/etc/ssh/ssh_host_*
# ssl-cert's self-signed "snakeoil" pair, made by its install script; nothing in the image uses it.
rm -f "$root/etc/ssl/certs/ssl-cert-snakeoil.pem" "$root/etc/ssl/private/ssl-cert-snakeoil.key"
find "$root/etc/ssl/certs" -xtype l -delete
step "initramfs" in_root update-initramfs -u -k all
# Kernel and initramfs where GRUB looks for them, without the version in the name.
ln -sf "$(cd "$root/boot" && ls vmlinuz-* | sort -V | tail -1 | sed 's|^|boot/|')" "$root/vmlinuz"
ln -sf "$(cd "$root/boot" && ls initrd.img-* | sort -V | tail -1 | sed 's|^|boot/|')" "$root/initrd.img"
rm -f "$root/usr/sbin/policy-rc.d"
# Logs and caches of the build itself, with its times and in no fixed order.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/log/*.log "$root"/var/log/apt/* "$root"/var/cache/apt/*.bin \
    "$root"/var/cache/ldconfig/aux-cache "$root"/var/cache/debconf/*-old "$root"/tmp/*
for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}"; done
mounted=()
# The base system's packages, which debootstrap left under the apt cache's mount point (31 MB on /var).
rm -f "$root"/var/cache/apt/archives/*.deb

# 4. The partitions' contents. /var moves to the data partition; the slot keeps an empty mount point.
mkdir -p "$work/var"
cp -a "$root/var/." "$work/var/"
find "$root/var" -mindepth 1 -delete
# mksquashfs takes every time stamp from SOURCE_DATE_EPOCH.
step "root slot image (squashfs)" mksquashfs "$root" "$out/rootfs.img" -noappend -no-progress -comp xz
# The slot's dm-verity hash tree, after the squashfs in the same file; the salt from SOURCE_DATE_EPOCH, so the
# same root gives the same tree. rootfs.verity holds "ROOT_HASH,HASH_OFFSET" for the boot loader.
verity_salt=$(printf 'hukiosk-rootfs-%s' "$SOURCE_DATE_EPOCH" | sha256sum | cut -c1-64)
say "root slot hash tree (dm-verity)"
"$here/append-verity-tree.sh" "$out/rootfs.img" "$verity_salt" >"$out/rootfs.verity"
slot_bytes=$(stat -c %s "$out/rootfs.img")
((slot_bytes <= slot_mib * 1024 * 1024)) || die "the root ($slot_bytes bytes) does not fit a ${slot_mib} MiB slot"
rm -f "$out/data.img"
# mke2fs -d copies each file's times, and stamps the file system's own with the clock unless told otherwise.
find "$work/var" -newermt "@$SOURCE_DATE_EPOCH" -print0 | xargs -0r touch -h -d "@$SOURCE_DATE_EPOCH"
step "data partition (ext4 of /var)" env E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH" \
    mke2fs -q -t ext4 -L data -U "$data_uuid" -E "hash_seed=$data_uuid" -d "$work/var" "$out/data.img" "${data_mib}M"
# It also takes each inode's change and access times from those files, which the clock set (no tool can set a
# change time): debugfs sets both to SOURCE_DATE_EPOCH in the image.
(cd "$work/var" && find . -mindepth 1 -printf '%P\n') |
    awk -v t="$SOURCE_DATE_EPOCH" '{ printf "sif \"/%s\" ctime @%s\nsif \"/%s\" atime @%s\n", $0, t, $0, t }' \
        >"$work/inode-times.debugfs"
step "data partition: inode times" env E2FSPROGS_FAKE_TIME="$SOURCE_DATE_EPOCH" \
    debugfs -w -f "$work/inode-times.debugfs" "$out/data.img"

grub_modules="part_gpt fat squash4 ext2 normal linux echo test regexp loadenv search search_label
    efi_gop all_video gzio xzio boot reboot halt"
# shellcheck disable=SC2086
step "GRUB (EFI, standalone)" grub-mkimage -O x86_64-efi -p /EFI/BOOT -o "$work/BOOTX64.EFI" $grub_modules
sed "s|@CMDLINE@|$cmdline|" "$work/grub.cfg" >"$work/grub.cfg.final"
grub-editenv "$work/grubenv" create
grub-editenv "$work/grubenv" set ORDER="A B" A_OK=1 A_TRY=0 B_OK=0 B_TRY=0 A_VERITY="$(cat "$out/rootfs.verity")"
rm -f "$out/esp.img"
# --invariant: the volume label's times are fixed too, not the clock's.
step "EFI system partition" mkfs.vfat --invariant -C -n ESP -i 8c9a0001 "$out/esp.img" $((esp_mib * 1024))
export MTOOLS_SKIP_CHECK=1
mmd -i "$out/esp.img" ::/EFI ::/EFI/BOOT
# mcopy -m keeps the files' times: the build's own, unless fixed.
touch -d "@$SOURCE_DATE_EPOCH" "$work/BOOTX64.EFI" "$work/grub.cfg.final" "$work/grubenv"
mcopy -i "$out/esp.img" -m "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$out/esp.img" -m "$work/grub.cfg.final" ::/EFI/BOOT/grub.cfg
mcopy -i "$out/esp.img" -m "$work/grubenv" ::/EFI/BOOT/grubenv

# 5. The disk: GPT, 1 MiB aligned, partitions by label (the slots' labels are what RAUC's system.conf names),
# typed plain "Linux data" so systemd's GPT auto-mounting never acts on them behind fstab's back.
disk=$out/hukiosk.img
rm -f "$disk"
total_mib=$((1 + esp_mib + 2 * slot_mib + data_mib + 1))
truncate -s "${total_mib}M" "$disk"
step "partition table" sfdisk --no-reread --no-tell-kernel "$disk" <<EOF
label: gpt
label-id: $disk_uuid
unit: sectors
first-lba: 2048

start=2048, size=$((esp_mib * 2048)), type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$esp_uuid, name=esp
size=$((slot_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$slot_a_uuid, name=rootfs-a
size=$((slot_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$slot_b_uuid, name=rootfs-b
size=$((data_mib * 2048)), type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=$data_uuid, name=data
EOF
write_partition() { # write_partition FILE START_MIB
    dd if="$1" of="$disk" bs=1M seek="$2" conv=notrunc,sparse status=none
}
write_partition "$out/esp.img" 1
write_partition "$out/rootfs.img" $((1 + esp_mib))
write_partition "$out/data.img" $((1 + esp_mib + 2 * slot_mib))
echo "$version" >"$out/version"
say "$disk: $(du -h --apparent-size "$disk" | cut -f1) disk ($(du -h "$disk" | cut -f1) on disk), root slot" \
    "$((slot_bytes / 1024 / 1024)) MiB, $(wc -l <"$out/manifest.txt") packages, version $version," \
    "$(($(date +%s) - start)) s"
