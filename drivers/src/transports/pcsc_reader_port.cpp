#include "drivers/transports/pcsc_reader_port.h"

#include <PCSC/pcsclite.h>

#include <algorithm>

#include "pcsc_context.h"

namespace hk::drivers::transports {

using iso7816::Bytes;
using iso7816::ChannelError;
using iso7816::ChannelErrorKind;
using Clock = std::chrono::steady_clock;

namespace {

// While no reader matches, the port waits on pcsclite's reader-list notification in slices this long, so a
// reader that appeared between listing and waiting is seen soon anyway.
constexpr auto kPnpSlice = std::chrono::milliseconds(250);

DWORD milliseconds_until(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<DWORD>(left) : 0;
}

std::vector<std::string> split_multi_string(const char* text, std::size_t length) {
    std::vector<std::string> names;
    std::size_t at = 0;
    while (at < length && text[at] != '\0') {
        std::string name(text + at);
        at += name.size() + 1;
        names.push_back(std::move(name));
    }
    return names;
}

}  // namespace

std::optional<std::string> match_reader(const std::vector<std::string>& readers, std::string_view selector) {
    if (readers.empty()) return std::nullopt;
    if (selector.empty()) return readers.front();
    for (const auto& name : readers)
        if (name == selector) return name;
    for (const auto& name : readers)
        if (name.starts_with(selector)) return name;
    for (const auto& name : readers)
        if (name.find(selector) != std::string::npos) return name;
    return std::nullopt;
}

PcscReaderPort::PcscReaderPort(std::string reader_selector, PcscShareMode share)
    : selector_(std::move(reader_selector)), share_(share) {}

PcscReaderPort::~PcscReaderPort() = default;

std::expected<std::shared_ptr<PcscContext>, ChannelError> PcscReaderPort::context() {
    if (context_) {
        // A context outlives pcscd on the client side; SCardIsValidContext only checks the client's table,
        // so a dead service shows up as SCARD_E_NO_SERVICE on the next real call and is handled there.
        return context_;
    }
    auto established = PcscContext::establish();
    if (!established) return std::unexpected(established.error());
    context_ = *established;
    return context_;
}

ChannelError PcscReaderPort::forget_context_if_gone(ChannelError error) {
    if (error.kind == ChannelErrorKind::ReaderGone) context_.reset();
    return error;
}

std::expected<std::vector<std::string>, ChannelError> PcscReaderPort::list_readers() {
    auto ctx = context();
    if (!ctx) return std::unexpected(forget_context_if_gone(ctx.error()));
    DWORD length = 0;
    LONG result = SCardListReaders((*ctx)->handle(), nullptr, nullptr, &length);
    if (result == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (result != SCARD_S_SUCCESS)
        return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardListReaders")));
    std::string names(length, '\0');
    result = SCardListReaders((*ctx)->handle(), nullptr, names.data(), &length);
    if (result == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (result != SCARD_S_SUCCESS)
        return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardListReaders")));
    return split_multi_string(names.data(), std::min<std::size_t>(length, names.size()));
}

std::expected<std::optional<std::string>, ChannelError> PcscReaderPort::resolve_reader() {
    auto readers = list_readers();
    if (!readers) return std::unexpected(readers.error());
    auto name = match_reader(*readers, selector_);
    if (name) reader_ = *name;
    return name;
}

std::expected<bool, ChannelError> PcscReaderPort::wait_for_card(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        auto ctx = context();
        if (!ctx) return std::unexpected(forget_context_if_gone(ctx.error()));
        auto resolved = resolve_reader();
        if (!resolved) return std::unexpected(resolved.error());

        if (!*resolved) {
            // No such reader (yet): wait for pcsclite's reader list to change, e.g. a re-plugged reader.
            const DWORD left = milliseconds_until(deadline);
            if (left == 0)
                return std::unexpected(
                    ChannelError{ChannelErrorKind::ReaderGone, "no reader matches the configured name"});
            SCARD_READERSTATE pnp{};
            pnp.szReader = "\\\\?PnP?\\Notification";
            pnp.dwCurrentState = SCARD_STATE_UNAWARE;
            // pcsclite keeps the reader count in the upper half of the state: learn it first, or the wait
            // returns at once because "unaware" never equals the current count.
            LONG result = SCardGetStatusChange((*ctx)->handle(), 0, &pnp, 1);
            if (result == SCARD_S_SUCCESS)
                pnp.dwCurrentState = pnp.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            const auto slice = static_cast<DWORD>(kPnpSlice.count());
            if (result == SCARD_S_SUCCESS || result == SCARD_E_TIMEOUT)
                result = SCardGetStatusChange((*ctx)->handle(), std::min(left, slice), &pnp, 1);
            if (result != SCARD_S_SUCCESS && result != SCARD_E_TIMEOUT)
                return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardGetStatusChange")));
            continue;
        }

        SCARD_READERSTATE reader{};
        reader.szReader = reader_.c_str();
        reader.dwCurrentState = SCARD_STATE_UNAWARE;
        LONG result = SCardGetStatusChange((*ctx)->handle(), 0, &reader, 1);
        for (;;) {
            if (result == SCARD_E_TIMEOUT) return false;
            if (result != SCARD_S_SUCCESS)
                return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardGetStatusChange")));
            const DWORD state = reader.dwEventState;
            if ((state & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE)) != 0)
                return std::unexpected(ChannelError{ChannelErrorKind::ReaderGone, "reader disappeared"});
            if ((state & SCARD_STATE_PRESENT) != 0 && (state & SCARD_STATE_MUTE) == 0) return true;
            const DWORD left = milliseconds_until(deadline);
            if (left == 0) return false;
            reader.dwCurrentState = state & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            result = SCardGetStatusChange((*ctx)->handle(), left, &reader, 1);
        }
    }
}

std::expected<std::unique_ptr<PcscChannel>, ChannelError> PcscReaderPort::connect() {
    auto ctx = context();
    if (!ctx) return std::unexpected(forget_context_if_gone(ctx.error()));
    auto resolved = resolve_reader();
    if (!resolved) return std::unexpected(resolved.error());
    if (!*resolved)
        return std::unexpected(
            ChannelError{ChannelErrorKind::ReaderGone, "no reader matches the configured name"});

    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    const DWORD share = share_ == PcscShareMode::Exclusive ? SCARD_SHARE_EXCLUSIVE : SCARD_SHARE_SHARED;
    LONG result = SCardConnect((*ctx)->handle(), reader_.c_str(), share,
                               SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &card, &protocol);
    if (result != SCARD_S_SUCCESS)
        return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardConnect")));

    char name[MAX_READERNAME] = {};
    DWORD name_length = sizeof name;
    DWORD state = 0;
    DWORD active_protocol = 0;
    BYTE atr[MAX_ATR_SIZE] = {};
    DWORD atr_length = sizeof atr;
    result = SCardStatus(card, name, &name_length, &state, &active_protocol, atr, &atr_length);
    if (result != SCARD_S_SUCCESS) {
        SCardDisconnect(card, SCARD_LEAVE_CARD);
        return std::unexpected(forget_context_if_gone(pcsc_error(result, "SCardStatus")));
    }
    return std::unique_ptr<PcscChannel>(
        new PcscChannel(*ctx, static_cast<std::intptr_t>(card), protocol, reader_,
                        Bytes(atr, atr + std::min<DWORD>(atr_length, sizeof atr))));
}

}  // namespace hk::drivers::transports
