#!/usr/bin/python3
"""Boots the appliance image in QEMU (UEFI through OVMF) and checks what a kiosk must do at every start.

    image/test-image.py --image out/image/hukiosk.img --data out/image/data.img --work DIR

The image is copied (the test changes it) and provisioned the way a technician does, on the data partition:
/var/lib/hukiosk/site/kiosk.json with simulated devices and kiosk.env with --simulate, since the VM has no card
reader, scanner or printers, and a4-printer.env naming a network printer, so the image's CUPS queue unit has
something to set up. Then the VM boots, and the test reads
- the serial console: GRUB's choice of slot, and hukiosk-mark-good's lines (the kiosk reached its ready state,
  the root is read-only, the slot was marked good);
- after a clean power-off (the ACPI power button), the journal on the data partition: kiosk.service started and
  sent READY=1, nothing of the kiosk's own log at error level, the kiosk never died of a signal, no login prompt
  started anywhere; the A4 printer's CUPS queue was set up (kept on the data partition: after an update the
  next slot finds it there);
- the ESP's GRUB environment: slot A good, its try cleared by RAUC.
With --bundles (image/make-test-bundles.sh) and --ddi-server, the kiosk in the VM is also given an update server
(the DDI test server on the host, reached through QEMU's user network at 10.0.2.100:443) offering first a good
bundle, then a broken one, and the test follows the kiosk's own update agent through both:
- good: downloaded and installed by RAUC into slot B, the VM reboots into B, B is marked good, the server hears
  success;
- broken: installed into slot A, the VM reboots into A where the kiosk never comes up; hukiosk-boot-deadline
  reboots, GRUB skips A (its try still set) and boots B again, which is marked good; the server hears failure.
Then, in a second VM from a fresh copy of the image (unless --no-corrupted-slot): slot A's contents are copied
into slot B (with A's root hash, as an update would leave it), one byte of slot A that GRUB never reads but the
kernel reads when it mounts the root (the squashfs' id table) is changed, and the VM boots:
- corrupted slot: GRUB boots A, dm-verity refuses the changed block, the root cannot be mounted and the
  initramfs restarts (panic=10); GRUB skips A (its try still set), boots B through dm-verity, B is marked good.
Software emulation (TCG) unless --kvm: this machine kind opens /dev/kvm, but its nested KVM stops OVMF at once
("KVM internal error" / "failed to set MSR 0x10a"). The emulated CPU has no AVX by default (--cpu): QEMU 7.2's
emulation of AVX/AVX2, new in that version, made the kiosk die of SIGSEGV at start, most starts, inside code
generated at run time for that CPU (see DEFAULT_CPU). Exit 0 when every check holds.
"""

import argparse
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.fd")

# QEMU's "max" CPU without the AVX family. With AVX on, the kiosk died of SIGSEGV at its first frames in most
# starts; the kiosk_crashed backtrace puts the faulting instruction in anonymous memory, i.e. in code generated at
# run time, which here is Mesa llvmpipe's (LLVM compiles the screen's shaders for the CPU it finds, so with AVX2).
# QEMU 7.2 is the first version to emulate AVX/AVX2 under TCG. With AVX off: no crash in any boot. Real kiosk
# CPUs run the same code natively.
DEFAULT_CPU = "max,avx=off,avx2=off,fma=off,f16c=off,vaes=off,vpclmulqdq=off"
A4_PRINTER_ENV = """A4_DEVICE_URI=ipp://10.0.2.101/ipp/print
A4_MODEL=drv:///sample.drv/generic.ppd
"""
SITE_FILES = ("kiosk.json", "kiosk.env", "a4-printer.env")  # what provision() writes to /var/lib/hukiosk/site
UPDATE_SERVER = "10.0.2.100"  # QEMU's user network forwards it to the DDI test server on the host


def site_config(with_updates):
    update = '"keyring": "/etc/rauc/keyring.pem"'
    if with_updates:
        update += (f', "server_url": "http://{UPDATE_SERVER}:443", "allow_plain_http": true, '
                   '"poll_override_s": 5, "start_delay_s": 5, "installer": "rauc"')
    return f"""{{
  "kiosk_id": "image-test",
  "state_dir": "/var/lib/hukiosk",
  "control": {{ "socket": "/run/hukiosk/control.sock" }},
  "update": {{ {update} }}
}}
"""
SITE_ENV = """HUKIOSK_CONFIG=/var/lib/hukiosk/site/kiosk.json
HUKIOSK_ARGS=--simulate
"""

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def partitions(disk):
    """Label -> (start byte, size in bytes), from the GPT."""
    import json

    table = json.loads(run("sfdisk", "--json", str(disk)).stdout)["partitiontable"]
    sector = table.get("sectorsize", 512)
    return {p["name"]: (p["start"] * sector, p["size"] * sector) for p in table["partitions"]}


def copy_out(disk, part, dest):
    start, size = part
    run("dd", f"if={disk}", f"of={dest}", "bs=1M", f"skip={start // 1048576}", f"count={size // 1048576}",
        "status=none")


def copy_in(src, disk, part):
    start, _ = part
    run("dd", f"if={src}", f"of={disk}", "bs=1M", f"seek={start // 1048576}", "conv=notrunc,sparse",
        "status=none")


def provision(data_img, work, with_updates, extra_env=()):
    """Writes the site's settings into the data partition image with debugfs (no mount needed)."""
    (work / "kiosk.json").write_text(site_config(with_updates))
    (work / "kiosk.env").write_text(SITE_ENV + "".join(line + "\n" for line in extra_env))
    (work / "a4-printer.env").write_text(A4_PRINTER_ENV)
    for name in SITE_FILES:
        os.chmod(work / name, 0o644)
    script = work / "debugfs.cmd"
    script.write_text("cd /lib/hukiosk/site\n" + "".join(f"write {work}/{name} {name}\n" for name in SITE_FILES))
    out = run("debugfs", "-w", "-f", str(script), str(data_img))
    if "rror" in out.stderr:
        raise RuntimeError("debugfs: " + out.stderr)


def provisioned_disk(args, work, with_updates):
    """A copy of the image in work/disk.img with its data partition provisioned; returns it and its partitions."""
    disk = work / "disk.img"
    run("cp", "--sparse=always", str(args.image), str(disk))
    parts = partitions(disk)
    data = work / "data-provisioned.img"
    run("cp", "--sparse=always", str(args.data), str(data))
    provision(data, work, with_updates=with_updates, extra_env=args.env)
    copy_in(data, disk, parts["data"])
    return disk, parts


class Vm:
    def __init__(self, disk, work, kvm, cpu, update_port_file=None):
        self.work = work
        self.serial = work / "serial.log"
        self.serial.unlink(missing_ok=True)  # a console left by an earlier run must not answer this one's waits
        self.monitor = work / "monitor.sock"
        vars_fd = work / "OVMF_VARS.fd"
        shutil.copy(OVMF_VARS, vars_fd)
        args = ["qemu-system-x86_64", "-machine", "q35", "-m", "2048", "-smp", "2",
                "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
                "-drive", f"if=pflash,format=raw,unit=1,file={vars_fd}",
                "-drive", f"file={disk},format=raw,if=virtio",
                # One display, the virtio GPU (with a VGA face for OVMF): the kiosk draws on it and screendump reads it.
                "-vga", "virtio", "-display", "none",
                "-netdev", "user,id=net0" + self.forward(update_port_file), "-device", "virtio-net-pci,netdev=net0",
                "-serial", f"file:{self.serial}",
                "-monitor", f"unix:{self.monitor},server,nowait"]
        args += ["-accel", "kvm", "-cpu", "host"] if kvm else ["-accel", "tcg", "-cpu", cpu]
        self.started = time.monotonic()
        self.seen = 0  # how far into the console the waits have matched
        self.qemu_log = open(work / "qemu.log", "w")
        self.process = subprocess.Popen(args, stdout=self.qemu_log, stderr=subprocess.STDOUT, text=True)

    @staticmethod
    def forward(port_file):
        """Each connection to the update server's address goes to the test server's port on the host's loopback."""
        if port_file is None:
            return ""
        return (f",guestfwd=tcp:{UPDATE_SERVER}:443-cmd:"
                f"sh -c 'exec socat - TCP:127.0.0.1:$(cat {port_file})'")

    def console(self):
        return self.serial.read_text(errors="replace") if self.serial.exists() else ""

    def wait_for(self, pattern, timeout, stop=None):
        """Seconds since start when the console shows pattern (after what earlier waits matched); None on
        timeout, a stop pattern or QEMU's exit."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.console()[self.seen:]
            found = re.search(pattern, text)
            if found:
                self.seen += found.end()
                return time.monotonic() - self.started
            if stop and re.search(stop, text):
                return None
            if self.process.poll() is not None:
                return None
            time.sleep(0.5)
        return None

    def monitor_command(self, command):
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(str(self.monitor))
            s.sendall(command.encode() + b"\n")
            time.sleep(1)

    def power_button(self):
        self.monitor_command("system_powerdown")

    def screenshot(self, name):
        """The VM's display as PNG; how much of it is not the background (0 for a blank screen)."""
        ppm = self.work / f"{name}.ppm"
        ppm.unlink(missing_ok=True)
        self.monitor_command(f"screendump {ppm}")
        for _ in range(20):
            if ppm.exists() and ppm.stat().st_size > 0:
                break
            time.sleep(0.5)
        from PIL import Image

        image = Image.open(ppm).convert("RGB")
        image.save(self.work / f"{name}.png")
        ppm.unlink()
        colours = image.getcolors(maxcolors=1 << 20) or []
        background = max(colours)[0] if colours else 0
        return 1 - background / (image.width * image.height), image.size

    def wait_exit(self, timeout):
        try:
            self.process.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False


def extract_journal(disk, parts, work):
    """Copies the journal off the data partition (once: the partition is 1.5 GiB); returns its folder."""
    data = work / "data-after.img"
    copy_out(disk, parts["data"], data)
    dump = work / "journal"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir()
    run("debugfs", "-R", f"rdump /log/journal {dump}", str(data))
    return dump / "journal"


def journal(folder, boot=None, extra=()):
    """The extracted journal as text: every boot, or the Nth (1 = the first)."""
    which = ["-b", str(boot)] if boot else []
    return subprocess.run(["journalctl", "-D", str(folder), "--no-pager", "-o", "short-monotonic",
                           *which, *extra], capture_output=True, text=True).stdout


MTOOLS = {**os.environ, "MTOOLS_SKIP_CHECK": "1"}


def grub_environment_file(disk, parts, work):
    """Copies the ESP out of the disk and the GRUB environment block out of it; returns both files."""
    esp = work / "esp-after.img"
    copy_out(disk, parts["esp"], esp)
    env = work / "grubenv"
    env.unlink(missing_ok=True)
    run("mcopy", "-i", str(esp), "::/EFI/BOOT/grubenv", str(env), env=MTOOLS)
    return esp, env


def grub_environment(disk, parts, work):
    _, env = grub_environment_file(disk, parts, work)
    listing = run("grub-editenv", str(env), "list").stdout
    return dict(line.split("=", 1) for line in listing.splitlines() if "=" in line)


def set_grub_environment(disk, parts, work, **values):
    """Sets variables in the ESP's GRUB environment block, offline."""
    esp, env = grub_environment_file(disk, parts, work)
    run("grub-editenv", str(env), "set", *(f"{name}={value}" for name, value in values.items()))
    run("mcopy", "-o", "-i", str(esp), str(env), "::/EFI/BOOT/grubenv", env=MTOOLS)
    start, _ = parts["esp"]
    run("dd", f"if={esp}", f"of={disk}", "bs=1M", f"seek={start // 1048576}", "conv=notrunc", "status=none")


SQUASHFS_MAGIC = 0x73717368


def corrupt_slot(disk, part):
    """Changes one byte of the slot's squashfs that the kernel reads when it mounts it and GRUB never reads: the
    first byte of the id table's index (the owners' ids; GRUB's squashfs reader has no use for them). Returns its
    offset in the slot."""
    start, size = part
    with open(disk, "r+b") as f:
        f.seek(start)
        superblock = f.read(96)
        if struct.unpack_from("<I", superblock, 0)[0] != SQUASHFS_MAGIC:
            raise RuntimeError("slot A does not start with a squashfs")
        id_table = struct.unpack_from("<Q", superblock, 48)[0]
        if not 96 <= id_table < size:
            raise RuntimeError(f"slot A's id table at {id_table} is outside the slot")
        f.seek(start + id_table)
        byte = f.read(1)[0]
        f.seek(start + id_table)
        f.write(bytes([byte ^ 0xFF]))
    return id_table


def corrupted_slot_case(args, work):
    """Boots a copy of the image whose slot A has one changed block and slot B a good copy of A."""
    print("boot 3 (another VM): slot A with one changed block, slot B a good copy of it", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    disk, parts = provisioned_disk(args, work, with_updates=False)
    (a_start, a_size), (b_start, b_size) = parts["rootfs-a"], parts["rootfs-b"]
    assert a_size == b_size
    run("dd", f"if={disk}", f"of={disk}", "bs=1M", f"skip={a_start // 1048576}", f"seek={b_start // 1048576}",
        f"count={a_size // 1048576}", "conv=notrunc", "status=none")
    before = grub_environment(disk, parts, work)
    set_grub_environment(disk, parts, work, B_OK=1, B_TRY=0, B_VERITY=before["A_VERITY"])
    offset = corrupt_slot(disk, parts["rootfs-a"])
    print(f"  slot A: byte {offset} (in verity block {offset // 4096}) changed", flush=True)

    vm = Vm(disk, work, args.kvm, args.cpu)
    try:
        t = vm.wait_for(r"HuKiosk: booting slot A", 300)
        check(t is not None, "GRUB boots slot A (it reads the kernel from the slot; the changed block is not one it reads)")
        t = vm.wait_for(r"Failed to mount /dev/mapper/hukiosk-root", args.timeout, stop=r"slot A marked good")
        check(t is not None, "dm-verity refuses the changed block: the root cannot be mounted" +
              (f" ({t:.0f} s)" if t else ""))
        t = vm.wait_for(r"HuKiosk: booting slot B", 300)
        check(t is not None, "the initramfs restarted (panic=10) and GRUB skipped slot A, booting slot B" +
              (f" ({t:.0f} s)" if t else ""))
        t = vm.wait_for(r"hukiosk-mark-good: root checked block by block by dm-verity", args.timeout,
                        stop=r"NOT marking")
        check(t is not None, "slot B is read through dm-verity")
        t = vm.wait_for(r"hukiosk-mark-good: slot B marked good", 200, stop=r"NOT marking")
        check(t is not None, "slot B serves and was marked good" + (f" ({t:.0f} s from power-on)" if t else ""))
        vm.power_button()
        check(vm.wait_exit(180), "the power button shuts the kiosk down cleanly")
    finally:
        if vm.process.poll() is None:
            vm.process.kill()
        (work / "console.txt").write_text(vm.console())
    env = grub_environment(disk, parts, work)
    check(env.get("A_TRY") == "1" and env.get("B_OK") == "1" and env.get("B_TRY") == "0",
          f"GRUB environment: slot A's failed try still set, slot B good ({env})")


class UpdateServer:
    """The DDI test server on the host: the good bundle, then the broken one, to controller image-test."""

    def __init__(self, program, bundles, work):
        self.feedback_file = work / "feedback.jsonl"
        self.port_file = work / "ddi.port"
        self.versions = {name: (bundles / f"{name}.version").read_text().strip() for name in ("good", "broken")}
        self.process = subprocess.Popen(
            [str(program), "--controller", "image-test", "--bundle", str(bundles / "good.raucb"),
             "--version", self.versions["good"], "--then-bundle", str(bundles / "broken.raucb"),
             "--then-version", self.versions["broken"], "--feedback", str(self.feedback_file)],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening "):
            raise RuntimeError("ddi-test-server did not start: " + line)
        self.port_file.write_text(line.split()[1] + "\n")

    def outcomes(self):
        """Closed actions so far: action id -> (finished, details)."""
        import json

        closed = {}
        if self.feedback_file.exists():
            for line in self.feedback_file.read_text().splitlines():
                received = json.loads(line)
                if received["execution"] == "closed":
                    closed[received["action"]] = (received["finished"], received["details"])
        return closed

    def wait_outcomes(self, count, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            outcomes = self.outcomes()
            if len(outcomes) >= count:
                return outcomes
            time.sleep(1)
        return self.outcomes()

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


def follow_updates(vm, server, timeout):
    """The good bundle into slot B, then the broken one into slot A and back to B."""
    good, broken = server.versions["good"], server.versions["broken"]
    print(f"update 1: {good} (good) from the update server", flush=True)
    t = vm.wait_for(r"HuKiosk: booting slot B", timeout)
    check(t is not None, f"the kiosk installed {good} into slot B and rebooted into it" + (f" ({t:.0f} s)" if t else ""))
    t = vm.wait_for(r"hukiosk-mark-good: slot B marked good", timeout, stop=r"NOT marking")
    check(t is not None, "slot B reached its ready state and was marked good" + (f" ({t:.0f} s)" if t else ""))
    outcomes = server.wait_outcomes(1, 300)
    first = next(iter(outcomes.values()), None)
    check(first is not None and first[0] == "success", f"the server heard success for {good}: {first}")

    print(f"update 2: {broken} (broken: its kiosk fails at start)", flush=True)
    t = vm.wait_for(r"HuKiosk: booting slot A", timeout)
    check(t is not None, f"the kiosk installed {broken} into slot A and rebooted into it" + (f" ({t:.0f} s)" if t else ""))
    t = vm.wait_for(r"hukiosk-boot-deadline: slot A is not up after \d+ s: rebooting into slot B", 700,
                    stop=r"slot A marked good")
    check(t is not None, "slot A never came up: the boot deadline rebooted" + (f" ({t:.0f} s)" if t else ""))
    t = vm.wait_for(r"HuKiosk: booting slot B", 300)  # OVMF is slow under emulation on a busy host
    check(t is not None, "GRUB skipped slot A (its try still set) and booted slot B")
    t = vm.wait_for(r"hukiosk-mark-good: slot B marked good", timeout, stop=r"NOT marking")
    check(t is not None, "slot B serves again and was marked good" + (f" ({t:.0f} s)" if t else ""))
    outcomes = server.wait_outcomes(2, 300)
    second = list(outcomes.values())[1] if len(outcomes) > 1 else None
    check(second is not None and second[0] == "failure", f"the server heard failure for {broken}: {second}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--image", required=True, type=Path)
    parser.add_argument("--data", required=True, type=Path, help="the image's data.img (provisioned in a copy)")
    parser.add_argument("--work", type=Path, help="keep the VM's disk, console and journal here")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for each boot or install")
    parser.add_argument("--kvm", action="store_true", help="hardware virtualisation (where KVM works)")
    parser.add_argument("--cpu", default=DEFAULT_CPU, help="the emulated CPU model and features (without --kvm)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="more for the kiosk's environment (kiosk.env), e.g. SDL settings to try")
    parser.add_argument("--bundles", type=Path, help="good.raucb and broken.raucb from image/make-test-bundles.sh")
    parser.add_argument("--ddi-server", type=Path, help="the ddi-test-server program (build/dev/tests/update)")
    parser.add_argument("--no-corrupted-slot", action="store_true", help="skip the corrupted-slot case (its own VM)")
    args = parser.parse_args()
    if bool(args.bundles) != bool(args.ddi_server):
        parser.error("--bundles and --ddi-server go together")

    test_started = time.monotonic()
    work = args.work or Path(tempfile.mkdtemp(prefix="image-test."))
    work.mkdir(parents=True, exist_ok=True)
    work = work.resolve()
    kvm = args.kvm
    print(f"image-test: {args.image} in {work} ({'KVM' if kvm else 'software emulation'})", flush=True)

    disk, parts = provisioned_disk(args, work, with_updates=bool(args.bundles))

    server = UpdateServer(args.ddi_server, args.bundles.resolve(), work) if args.bundles else None
    vm = Vm(disk, work, kvm, args.cpu, server.port_file if server else None)
    try:
        print("boot 1: slot A, provisioned with simulated devices", flush=True)
        grub = vm.wait_for(r"HuKiosk: booting slot A", 300)
        check(grub is not None, "GRUB boots slot A" + (f" ({grub:.1f} s)" if grub else ""))
        ready = vm.wait_for(r"hukiosk-mark-good: root is read-only \(\S+ squashfs ro", args.timeout, stop=r"NOT marking")
        check(ready is not None, "the root is a read-only squashfs")
        verity = vm.wait_for(r"hukiosk-mark-good: root checked block by block by dm-verity", 30, stop=r"NOT marking")
        check(verity is not None, "the root slot is read through dm-verity (its root hash from GRUB's environment)")
        # mark-good waits up to 170 s for the kiosk to be ready (slow under software emulation)
        ready = vm.wait_for(r"hukiosk-mark-good: slot A marked good", 200, stop=r"NOT marking")
        check(ready is not None, "the kiosk reached its ready state and slot A was marked good" +
              (f" ({ready:.1f} s from power-on)" if ready else ""))
        time.sleep(5)  # the attract screen's first frames
        drawn, size = vm.screenshot("screen-boot1")
        check(drawn > 0.02, f"the kiosk draws on the display (KMS/DRM): {drawn:.0%} of {size[0]}x{size[1]} "
              f"is not background ({work / 'screen-boot1.png'})")
        # A keyboard plugged into the cabinet switches to no console and restarts nothing: the kiosk holds its
        # VT with the kernel's keyboard handling off, and ctrl-alt-del.target is masked.
        vm.monitor_command("sendkey ctrl-alt-f2")
        vm.monitor_command("sendkey ctrl-alt-delete")
        time.sleep(8)
        kept, _ = vm.screenshot("screen-after-keys")
        restarted = re.search(r"reboot: Restarting|HuKiosk: booting slot", vm.console()[vm.seen:])
        check(kept > 0.02 and abs(kept - drawn) < 0.1 and restarted is None,
              f"Ctrl-Alt-F2 and Ctrl-Alt-Del change nothing: the kiosk's screen stays ({kept:.0%} not background, "
              f"{work / 'screen-after-keys.png'})" + (", but the VM restarted" if restarted else ""))
        if server:
            follow_updates(vm, server, args.timeout)
        check(re.search(r"login:", vm.console()) is None, "no login prompt on the console")
        vm.power_button()
        check(vm.wait_exit(180), "the power button shuts the kiosk down cleanly")
    finally:
        if vm.process.poll() is None:
            vm.process.kill()
        if server:
            server.stop()
        (work / "console.txt").write_text(vm.console())

    journal_folder = extract_journal(disk, parts, work)
    log = journal(journal_folder)
    (work / "journal.txt").write_text(log)
    first_boot = journal(journal_folder, boot=1)
    check("Started kiosk.service" in first_boot or "Started HuKiosk citizen screen" in first_boot,
          "journal: kiosk.service started (READY=1)")
    # The kiosk's own log (identifier hukiosk, events with their priority); the libraries' stderr chatter
    # (ALSA with no sound card) is not the kiosk's.
    kiosk_errors = journal(journal_folder, boot=1, extra=("-t", "hukiosk", "-p", "err")).strip().splitlines()
    kiosk_errors = [l for l in kiosk_errors if not l.startswith("-- ")]
    check(not kiosk_errors, "journal: no error from the kiosk at the first boot" +
          "".join("\n        " + l for l in kiosk_errors[:5]))
    crashes = [l for l in log.splitlines() if "kiosk_crashed" in l or
               re.search(r"kiosk\.service: Main process exited, code=(killed|dumped)", l)]
    check(not crashes, "journal: the kiosk never died of a signal" + "".join("\n        " + l for l in crashes[:3]))
    check("hukiosk-a4-queue: queue kioskA4 set up for ipp://10.0.2.101/ipp/print" in first_boot and
          re.search(r"printer kioskA4 is idle\.\s+enabled", first_boot) is not None,
          "journal: the A4 printer's CUPS queue was set up from the site's settings and is enabled")
    if server:
        check("hukiosk-a4-queue: queue kioskA4 already prints to ipp://10.0.2.101/ipp/print"
              in journal(journal_folder, boot=2),
              "journal: after the update, slot B found the CUPS queue on the data partition")
    check(re.search(r"Started .*(Serial )?Getty on", log) is None, "journal: no login prompt (getty) started")
    check("Stopped HuKiosk citizen screen" in log or "Stopped kiosk.service" in log,
          "journal: the kiosk was stopped at power-off")
    env = grub_environment(disk, parts, work)
    if server:
        check(env.get("B_OK") == "1" and env.get("B_TRY") == "0" and env.get("A_TRY") == "1",
              f"GRUB environment: slot B good, slot A's failed try still set ({env})")
    else:
        check(env.get("A_OK") == "1" and env.get("A_TRY") == "0",
              f"GRUB environment: slot A good, its try cleared ({env})")

    if not args.no_corrupted_slot:
        corrupted_slot_case(args, work / "corrupted-slot")

    if failures:
        print(f"image-test: {len(failures)} check(s) failed; console, journal and disk in {work}")
        return 1
    print(f"image-test: passed in {time.monotonic() - test_started:.0f} s; first boot to ready {ready:.1f} s; "
          f"console and journal in {work}")
    if not args.work:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
