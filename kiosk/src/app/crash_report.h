// What the journal keeps when the kiosk dies of a fatal signal: the signal, the thread's name and a backtrace
// of code addresses (library + offset), written straight to stderr, which systemd sends to the journal.
// Systemd restarts the kiosk and the journal's recovery finishes what was in flight; the backtrace tells the
// next engineer where to look. No core file is ever written (a core holds citizens' data): this is all there
// is.
#pragma once

namespace hk::kiosk {

// Installs the handler for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGABRT once per process. The handler writes
// the report, then lets the signal end the process as it would have (same exit status for systemd).
void install_crash_report();

}  // namespace hk::kiosk
