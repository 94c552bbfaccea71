#!/usr/bin/env bash
# A private CUPS scheduler for tests and `make demo`: nothing is read from or written to /etc/cups, /var or /run/cups.
#
#   tools/private-cupsd.sh start DIR [--ipp-everywhere CMD]
#   tools/private-cupsd.sh stop DIR
#
# start: runs `cupsd -f` on a free loopback port with every path under DIR, creates the queue `kioskA4` whose
#   minimal PPD passes PDF through unchanged to DIR/out/kioskA4.pdf, waits until the queue is ready, and prints
#   KEY=VALUE lines (no quoting needed: DIR may not hold spaces or shell metacharacters) for a parser, or for
#   `set -a; eval "$(tools/private-cupsd.sh start DIR)"; set +a` (set -a exports CUPS_SERVER to lp, lpstat, libcups):
#     CUPS_SERVER=localhost:PORT           the scheduler, for libcups and lp/lpstat
#     HUKIOSK_CUPS_SOCKET=DIR/cups.sock    the same scheduler through its own socket
#     HUKIOSK_CUPS_QUEUE=kioskA4           the PDF-to-file queue
#     HUKIOSK_CUPS_OUTPUT=DIR/out/kioskA4.pdf   what the last job on that queue wrote (each job overwrites it)
#   With --ipp-everywhere CMD it also runs `ippeveprinter -c CMD` (an IPP Everywhere printer; CMD gets each job's
#   file as $1 and may write `STATE: +media-empty-error`, `ATTR: marker-levels=5` ... to stderr) and adds:
#     HUKIOSK_CUPS_IPP_QUEUE=kioskA4ipp    a CUPS queue in front of it (`lpadmin -m everywhere`)
#     HUKIOSK_IPP_PRINTER=ipp://localhost:PORT2/ipp/print
#   ippeveprinter needs DNS-SD, so the system D-Bus and avahi-daemon are started when not running (root only);
#   they are shared by every DIR started here and stopped when the last one stops.
# stop: stops what `start` started for DIR (pid files in DIR/run); stopping twice, or a DIR never started, is fine.
#
# Exit status: 0 done; 1 a peer would not start (the message on stderr names it and ends with its log's last
# lines; nothing is left running); 2 usage.
set -euo pipefail

readonly QUEUE=kioskA4
readonly IPP_QUEUE=kioskA4ipp
readonly START_TIMEOUT_S=15
# dbus and avahi are system-wide, so their bookkeeping is too: one folder for every private cupsd this user runs
# on this host (only root can start them; a plain user can only use running ones).
MDNS_STATE="${TMPDIR:-/tmp}/hukiosk-private-cupsd-mdns-$(id -u)"
readonly MDNS_STATE

die() {
    echo "private-cupsd: $*" >&2
    exit 1
}

# The last lines of a peer's log, for a failure message that says why without opening files.
log_tail() {  # log_tail FILE...
    local file
    for file in "$@"; do
        [[ -s $file ]] && { echo "--- $file:"; tail -n 5 "$file"; }
    done
    return 0
}

usage() {
    echo "usage: $0 start DIR [--ipp-everywhere CMD] | stop DIR" >&2
    exit 2
}

# --- processes -----------------------------------------------------------------------------------------------

# Every peer runs in its own session (setsid), so stopping its group also ends the children it left behind:
# cupsd's filters and backends, ippeveprinter's CMD.
spawn() {  # spawn PIDFILE LOGFILE COMMAND...
    local pidfile=$1 logfile=$2
    shift 2
    # fd 9 is the DNS-SD lock: a daemon must not hold it for the rest of its life.
    setsid "$@" </dev/null >"$logfile" 2>&1 9>&- &
    echo $! >"$pidfile"
}

alive() {  # alive PIDFILE: the recorded process still runs and is the one we started (not a reused pid)
    local pidfile=$1 pid
    [[ -s $pidfile && -s $pidfile.cmd ]] || return 1
    pid=$(<"$pidfile")
    [[ -r /proc/$pid/cmdline ]] || return 1
    # Zombies count as gone: a peer that died is not serving, whoever reaps it.
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
    [[ $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") == *"$(<"$pidfile.cmd")"* ]]
}

record_cmd() {  # record_cmd PIDFILE TEXT: a piece of the command line that proves the pid is still ours
    printf '%s' "$2" >"$1.cmd"
}

terminate() {  # terminate PIDFILE: SIGTERM the process group, SIGKILL after 5 s; no pid file is no error
    local pidfile=$1 pid i
    if alive "$pidfile"; then
        pid=$(<"$pidfile")
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            alive "$pidfile" || break
            sleep 0.1
        done
        if alive "$pidfile"; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$pidfile" "$pidfile.cmd"
}

# A port nobody listens on now. Another process may still take it before our peer binds it: callers check that
# their peer really got it and retry.
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free loopback port found"
}

# --- cupsd ---------------------------------------------------------------------------------------------------

write_cupsd_conf() {  # write_cupsd_conf DIR PORT
    local dir=$1 port=$2
    cat >"$dir/cupsd.conf" <<EOF
# Written by tools/private-cupsd.sh: loopback only, no browsing, no authentication.
Listen 127.0.0.1:$port
Listen $dir/cups.sock
Browsing Off
DefaultAuthType None
WebInterface No
LogLevel info
MaxLogSize 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
}

write_cups_files_conf() {  # write_cups_files_conf DIR
    local dir=$1 user group system_group
    # cupsd refuses to run its filters and backends as root, so root tests run them as lp.
    if [[ $(id -u) -eq 0 ]]; then
        user=lp group=lp system_group=root
    else
        user=$(id -un) group=$(id -gn) system_group=$(id -gn)
    fi
    cat >"$dir/cups-files.conf" <<EOF
# Written by tools/private-cupsd.sh: every path under $dir.
ServerRoot $dir
RequestRoot $dir/spool
TempDir $dir/tmp
CacheDir $dir/cache
StateDir $dir/state
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
Printcap $dir/printcap
ServerBin /usr/lib/cups
DataDir /usr/share/cups
FileDevice Yes
User $user
Group $group
SystemGroup $system_group
EOF
    if [[ $(id -u) -eq 0 ]]; then
        # The file backend and filters run as lp: they must reach DIR and write the output folder.
        chmod a+x "$dir"
        chown lp "$dir/out"
    fi
}

# A PPD whose only filter is "none": the PDF goes through pdftopdf (page handling, the certificate stays a PDF)
# and then to the device as is. A `-m raw` queue to a file: URI completes its jobs but writes nothing.
write_ppd() {  # write_ppd FILE
    cat >"$1" <<'EOF'
*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "HKA4FILE.PPD"
*Manufacturer: "HuKiosk"
*Product: "(HuKiosk A4 PDF file)"
*ModelName: "HuKiosk A4 PDF to file"
*ShortNickName: "HuKiosk A4 PDF to file"
*NickName: "HuKiosk A4 PDF to file"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: False
*DefaultColorSpace: Gray
*FileSystem: False
*Throughput: "1"
*LandscapeOrientation: Plus90
*TTRasterizer: Type42
*cupsVersion: 2.4
*cupsFilter2: "application/vnd.cups-pdf application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: A4
*PageSize A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *PageRegion/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageRegion
*DefaultPageRegion: A4
*PageRegion A4/A4: "<</PageSize[595 842]>>setpagedevice"
*CloseUI: *PageRegion
*DefaultImageableArea: A4
*ImageableArea A4/A4: "0 0 595 842"
*DefaultPaperDimension: A4
*PaperDimension A4/A4: "595 842"
*OpenUI *Duplex/2-Sided Printing: PickOne
*OrderDependency: 10 AnySetup *Duplex
*DefaultDuplex: None
*Duplex None/Off: "<</Duplex false>>setpagedevice"
*CloseUI: *Duplex
EOF
}

# Waits until our cupsd reports listening on PORT (its own log, so another server on that port cannot fool us).
# 0: ready; 1: it died or could not bind the port (the caller retries on another); exits on timeout.
wait_cupsd() {  # wait_cupsd DIR PORT
    local dir=$1 port=$2 i
    for ((i = 0; i < START_TIMEOUT_S * 10; i++)); do
        alive "$dir/run/cupsd.pid" || return 1
        if [[ -f $dir/log/error_log ]]; then
            grep -q "Listening to 127.0.0.1:$port " "$dir/log/error_log" && return 0
            grep -q "Unable to open listen socket for address 127.0.0.1:$port " "$dir/log/error_log" && return 1
        fi
        sleep 0.1
    done
    die "cupsd did not start listening within ${START_TIMEOUT_S} s:
$(log_tail "$dir/log/cupsd.out" "$dir/log/error_log")"
}

start_cupsd() {  # start_cupsd DIR -> echoes the port
    local dir=$1 port attempt
    for ((attempt = 0; attempt < 5; attempt++)); do
        port=$(free_port)
        write_cupsd_conf "$dir" "$port"
        rm -f "$dir/log/error_log"
        spawn "$dir/run/cupsd.pid" "$dir/log/cupsd.out" cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf"
        record_cmd "$dir/run/cupsd.pid" "-c $dir/cupsd.conf"
        if wait_cupsd "$dir" "$port"; then
            echo "$port"
            return 0
        fi
        terminate "$dir/run/cupsd.pid"
    done
    die "cupsd would not start:
$(log_tail "$dir/log/cupsd.out" "$dir/log/error_log")"
}

add_file_queue() {  # add_file_queue DIR
    local dir=$1
    write_ppd "$dir/$QUEUE.ppd"
    # The "drivers are deprecated" warning is lpadmin's about PPDs in general; a PPD is what this queue needs.
    # abort-job: a job that fails is dropped with its own fault instead of stopping the queue (CUPS' default),
    # so one bad job does not take the kiosk's printer out of service.
    lpadmin -h "$dir/cups.sock" -p "$QUEUE" -E -v "file://$dir/out/$QUEUE.pdf" -P "$dir/$QUEUE.ppd" \
        -o printer-error-policy=abort-job 2>"$dir/log/lpadmin.err" ||
        die "lpadmin could not create $QUEUE: $(<"$dir/log/lpadmin.err")"
}

wait_queue() {  # wait_queue DIR QUEUE
    local dir=$1 queue=$2 i
    for ((i = 0; i < START_TIMEOUT_S * 10; i++)); do
        lpstat -h "$dir/cups.sock" -p "$queue" 2>/dev/null | grep -q "enabled" && return 0
        sleep 0.1
    done
    die "queue $queue did not become ready:
$(log_tail "$dir/log/error_log")"
}

# --- DNS-SD for ippeveprinter ----------------------------------------------------------------------------------

system_bus_up() { [[ -S /run/dbus/system_bus_socket ]] && dbus-send --system --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetId >/dev/null 2>&1; }

# Registers DIR as a user of dbus + avahi and starts them when nobody runs them. Returns holding the lock (fd 9):
# the caller releases it once its ippeveprinter runs, so no stop ends avahi in between (ippeveprinter exits when
# avahi does).
mdns_acquire() {  # mdns_acquire DIR
    local dir=$1 i
    mkdir -p "$MDNS_STATE/users"
    exec 9>"$MDNS_STATE/lock"
    flock 9
    printf '%s\n' "$dir" >"$MDNS_STATE/users/$(printf '%s' "$dir" | md5sum | cut -c1-16)"
    if ! system_bus_up; then
        [[ $(id -u) -eq 0 ]] || die "ippeveprinter needs the system D-Bus and avahi-daemon; start them as root"
        mkdir -p /run/dbus
        rm -f /run/dbus/system_bus_socket
        spawn "$MDNS_STATE/dbus.pid" "$MDNS_STATE/dbus.log" dbus-daemon --system --nofork --nopidfile
        record_cmd "$MDNS_STATE/dbus.pid" "dbus-daemon --system"
        for ((i = 0; i < START_TIMEOUT_S * 10; i++)); do
            system_bus_up && break
            sleep 0.1
        done
        system_bus_up || die "dbus-daemon --system would not start:
$(log_tail "$MDNS_STATE/dbus.log")"
    fi
    if ! avahi-daemon --check 2>/dev/null; then
        [[ $(id -u) -eq 0 ]] || die "ippeveprinter needs avahi-daemon; start it as root"
        spawn "$MDNS_STATE/avahi.pid" "$MDNS_STATE/avahi.log" \
            avahi-daemon --no-drop-root --no-chroot --no-rlimits
        record_cmd "$MDNS_STATE/avahi.pid" "avahi-daemon"
        for ((i = 0; i < START_TIMEOUT_S * 10; i++)); do
            avahi-daemon --check 2>/dev/null && break
            sleep 0.1
        done
        avahi-daemon --check 2>/dev/null || die "avahi-daemon would not start:
$(log_tail "$MDNS_STATE/avahi.log")"
    fi
}

# Drops DIR as a user; the last user stops the daemons this script started (never ones it found running).
mdns_release() {  # mdns_release DIR
    local dir=$1 user
    [[ -d $MDNS_STATE/users ]] || return 0
    # A failed start may still hold the lock through an older fd 9; flock would wait on ourselves.
    exec 9>&-
    # Not ours to manage (another user's folder): nothing to release.
    { exec 9>"$MDNS_STATE/lock"; } 2>/dev/null || return 0
    flock 9
    rm -f "$MDNS_STATE/users/$(printf '%s' "$dir" | md5sum | cut -c1-16)"
    # Users whose ippeveprinter is gone (a test killed before its stop) no longer count. A start that has not
    # spawned its printer yet holds the lock, so it is never pruned here.
    for user in "$MDNS_STATE"/users/*; do
        [[ -e $user ]] || continue
        alive "$(<"$user")/run/ippeveprinter.pid" || rm -f "$user"
    done
    if [[ -z $(ls -A "$MDNS_STATE/users") ]]; then
        terminate "$MDNS_STATE/avahi.pid"
        if [[ -f $MDNS_STATE/dbus.pid ]]; then
            terminate "$MDNS_STATE/dbus.pid"
            rm -f /run/dbus/system_bus_socket
        fi
    fi
    flock -u 9
}

start_ippeveprinter() {  # start_ippeveprinter DIR CMD -> echoes the port
    local dir=$1 cmd=$2 port attempt i
    mkdir -p "$dir/ipp-spool"
    for ((attempt = 0; attempt < 5; attempt++)); do
        port=$(free_port)
        # -k keeps job files (tests may look at them); -f lists what CMD accepts, so CUPS sends PDF as is.
        spawn "$dir/run/ippeveprinter.pid" "$dir/log/ippeveprinter.log" \
            ippeveprinter -k -d "$dir/ipp-spool" -p "$port" -f application/pdf,image/pwg-raster -c "$cmd" \
            -m "HuKiosk A4 test" "HuKiosk A4 $port"
        record_cmd "$dir/run/ippeveprinter.pid" "-d $dir/ipp-spool"
        for ((i = 0; i < START_TIMEOUT_S * 10; i++)); do
            alive "$dir/run/ippeveprinter.pid" || break
            if ipptool -q -T 2 "ipp://localhost:$port/ipp/print" get-printer-attributes.test 2>/dev/null; then
                # Still ours: had the port been someone else's, our printer would have exited on bind.
                sleep 0.2
                if alive "$dir/run/ippeveprinter.pid"; then
                    echo "$port"
                    return 0
                fi
                break
            fi
            sleep 0.1
        done
        terminate "$dir/run/ippeveprinter.pid"
    done
    die "ippeveprinter would not start:
$(log_tail "$dir/log/ippeveprinter.log")"
}

add_ipp_queue() {  # add_ipp_queue DIR PORT
    local dir=$1 port=$2
    # Default media of the generated queue is letter; the kiosk's backend asks for A4 on every job.
    lpadmin -h "$dir/cups.sock" -p "$IPP_QUEUE" -E -v "ipp://localhost:$port/ipp/print" -m everywhere \
        -o printer-error-policy=abort-job 2>"$dir/log/lpadmin-ipp.err" ||
        die "lpadmin could not create $IPP_QUEUE: $(<"$dir/log/lpadmin-ipp.err")"
}

# --- commands --------------------------------------------------------------------------------------------------

cmd_start() {  # cmd_start DIR [CMD]
    local dir=$1 ipp_cmd=${2:-} port ipp_port tool
    for tool in cupsd lpadmin lpstat; do
        command -v "$tool" >/dev/null || die "$tool not found (apt-get install cups cups-client)"
    done
    if [[ -n $ipp_cmd ]]; then
        for tool in ippeveprinter ipptool dbus-daemon avahi-daemon flock; do
            command -v "$tool" >/dev/null || die "$tool not found (apt-get install cups-ipp-utils avahi-daemon dbus)"
        done
        [[ -f $ipp_cmd && -x $ipp_cmd ]] || die "--ipp-everywhere: $ipp_cmd is not an executable file"
        [[ $ipp_cmd != *[[:space:]]* ]] || die "--ipp-everywhere: the command's path must not contain spaces"
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    [[ $dir =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR must be a path without spaces or shell metacharacters: $dir"
    ! alive "$dir/run/cupsd.pid" || die "a private cupsd already runs in $dir; run '$0 stop $dir' first"
    mkdir -p "$dir"/{run,log,spool,tmp,cache,state,ppd,out}

    # Whatever fails from here on (die exits), nothing started is left running.
    STARTING_DIR=$dir
    trap '[[ -z ${STARTING_DIR:-} ]] || cmd_stop "$STARTING_DIR"' EXIT

    write_cups_files_conf "$dir"
    port=$(start_cupsd "$dir")
    add_file_queue "$dir"
    wait_queue "$dir" "$QUEUE"
    if [[ -n $ipp_cmd ]]; then
        mdns_acquire "$dir"
        ipp_port=$(start_ippeveprinter "$dir" "$ipp_cmd")
        flock -u 9
        add_ipp_queue "$dir" "$ipp_port"
        wait_queue "$dir" "$IPP_QUEUE"
    fi
    STARTING_DIR=

    echo "CUPS_SERVER=localhost:$port"
    echo "HUKIOSK_CUPS_SOCKET=$dir/cups.sock"
    echo "HUKIOSK_CUPS_QUEUE=$QUEUE"
    echo "HUKIOSK_CUPS_OUTPUT=$dir/out/$QUEUE.pdf"
    if [[ -n $ipp_cmd ]]; then
        echo "HUKIOSK_CUPS_IPP_QUEUE=$IPP_QUEUE"
        echo "HUKIOSK_IPP_PRINTER=ipp://localhost:$ipp_port/ipp/print"
    fi
}

cmd_stop() {  # cmd_stop DIR
    local dir=$1
    [[ -d $dir ]] || return 0
    dir=$(cd "$dir" && pwd -P)
    terminate "$dir/run/ippeveprinter.pid"
    terminate "$dir/run/cupsd.pid"
    mdns_release "$dir"
}

[[ $# -ge 2 ]] || usage
case $1 in
    start)
        if [[ $# -eq 2 ]]; then
            cmd_start "$2"
        elif [[ $# -eq 4 && $3 == --ipp-everywhere ]]; then
            cmd_start "$2" "$4"
        else
            usage
        fi
        ;;
    stop)
        [[ $# -eq 2 ]] || usage
        cmd_stop "$2"
        ;;
    *) usage ;;
esac
