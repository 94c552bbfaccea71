#include "crash_report.h"

#include <execinfo.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <mutex>

namespace hk::kiosk {
namespace {

// Only async-signal-safe calls below: write(2), prctl(2), backtrace_symbols_fd (no malloc), raise.
void write_text(const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, text, left);
        if (written <= 0) return;
        text += written;
        left -= static_cast<std::size_t>(written);
    }
}

void write_number(int value) {
    std::array<char, 16> digits{};
    std::size_t at = digits.size() - 1;  // the last stays '\0'
    unsigned magnitude = value < 0 ? 0U - static_cast<unsigned>(value) : static_cast<unsigned>(value);
    do {
        digits[--at] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0 && at > 1);
    if (value < 0) digits[--at] = '-';
    write_text(&digits[at]);
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGSEGV:
            return "SIGSEGV";
        case SIGBUS:
            return "SIGBUS";
        case SIGILL:
            return "SIGILL";
        case SIGFPE:
            return "SIGFPE";
        case SIGABRT:
            return "SIGABRT";
        default:
            return "signal";
    }
}

constexpr std::array kFatalSignals{SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
constexpr int kMaxFrames = 64;

void on_fatal_signal(int signal) {
    std::array<char, 17> thread_name{};  // PR_GET_NAME fills at most 16 bytes
    (void)prctl(PR_GET_NAME, thread_name.data(), 0, 0, 0);
    // The line reads like every other event (docs/events.md, kiosk_crashed) so a technician finds it by id.
    write_text("[E1023 kiosk_crashed] fatal signal ");
    write_number(signal);
    write_text(" (");
    write_text(signal_name(signal));
    write_text(") in thread '");
    write_text(thread_name.data());
    write_text("'; backtrace (code addresses only):\n");
    std::array<void*, kMaxFrames> frames{};
    const int depth = backtrace(frames.data(), kMaxFrames);
    backtrace_symbols_fd(frames.data(), depth, STDERR_FILENO);
    // SA_RESETHAND put the default action back: the process now ends by the same signal.
    (void)raise(signal);
}

}  // namespace

void install_crash_report() {
    static std::once_flag once;
    std::call_once(once, [] {
        // backtrace() loads libgcc's unwinder on first use, which allocates: do it now, not in the handler.
        std::array<void*, 1> warm_up{};
        (void)backtrace(warm_up.data(), 1);
        // A stack overflow leaves no stack to run the handler on: the main thread gets a spare one.
        static std::array<char, 64 * 1024> spare_stack{};
        stack_t alternate{};
        alternate.ss_sp = spare_stack.data();
        alternate.ss_size = spare_stack.size();
        (void)sigaltstack(&alternate, nullptr);
        struct sigaction action {};
        action.sa_handler = on_fatal_signal;
        action.sa_flags = SA_RESETHAND | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        for (const int signal : kFatalSignals) (void)sigaction(signal, &action, nullptr);
    });
}

}  // namespace hk::kiosk
