#include "drivers/ga467/sam_session.h"

#include <array>
#include <thread>

#include "drivers/ga467/text_block.h"
#include "drivers/ga467/ucs2.h"

namespace hk::drivers::ga467 {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

DeviceFault reader_fault(FaultKind kind, std::string detail) {
    return DeviceFault{DeviceKind::ResidentIdReader, kind, std::move(detail)};
}

milliseconds remaining_until(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? left : milliseconds(0);
}

// Wipes an answer's data when it goes out of scope: read answers carry the card's text and photo.
struct WipeOnExit {
    std::vector<std::uint8_t>& data;
    ~WipeOnExit() { wipe_bytes(data.data(), data.size()); }
};

}  // namespace

DeviceFault fault_from_transport(const TransportError& error) {
    switch (error.failure) {
        case TransportFailure::Timeout:
            return reader_fault(FaultKind::Timeout, error.detail);
        case TransportFailure::Gone:
            return reader_fault(FaultKind::Unplugged, error.detail);
        case TransportFailure::Busy:
            return reader_fault(FaultKind::Busy, error.detail);
        case TransportFailure::Io:
            break;
    }
    return reader_fault(FaultKind::IoError, error.detail);
}

Ga467Session::Ga467Session(Ga467Transport& transport, Ga467Timeouts timeouts)
    : transport_(transport), timeouts_(timeouts) {}

std::expected<Answer, DeviceFault> Ga467Session::exchange(CommandCode code, Step step, milliseconds timeout) {
    // A late answer to an earlier command, or noise, must not be taken for this command's answer.
    transport_.discard_input();
    parser_.reset();
    if (auto written = transport_.write(encode_request(make_request(code))); !written)
        return std::unexpected(fault_from_transport(written.error()));

    const Clock::time_point deadline = Clock::now() + timeout;
    std::array<std::uint8_t, 512> piece{};
    for (;;) {
        const auto got = transport_.read_some(piece, remaining_until(deadline));
        if (!got) {
            DeviceFault fault = fault_from_transport(got.error());
            if (fault.kind == FaultKind::Timeout) {
                fault.detail = std::string("no answer to ") + describe(step) + " within " +
                               std::to_string(timeout.count()) + " ms" +
                               (parser_.pending_bytes() > 0 ? " (answer cut short)" : "") + " from " +
                               transport_.describe();
            }
            wipe_bytes(piece.data(), piece.size());
            return std::unexpected(std::move(fault));
        }
        parser_.feed(std::span(piece).first(*got));
        wipe_bytes(piece.data(), *got);
        if (std::optional<FrameParser::Result> frame = parser_.next()) {
            if (!*frame) {
                return std::unexpected(
                    reader_fault(FaultKind::Unreadable,
                                 std::string(describe(step)) + ": answer " + describe(frame->error())));
            }
            WipeOnExit wipe{**frame};
            auto answer = decode_answer(**frame);
            if (!answer) {
                return std::unexpected(
                    reader_fault(FaultKind::Unreadable,
                                 std::string(describe(step)) + ": answer " + describe(answer.error())));
            }
            return std::move(*answer);
        }
    }
}

std::expected<Answer, DeviceFault> Ga467Session::command(CommandCode code, Step step, milliseconds timeout) {
    auto answer = exchange(code, step, timeout);
    if (!answer) return answer;
    StatusMeaning meaning = interpret_status(step, answer->sw3);
    if (meaning.outcome == StatusMeaning::Outcome::Fault) {
        wipe_bytes(answer->data.data(), answer->data.size());
        return std::unexpected(reader_fault(meaning.fault, std::move(meaning.detail)));
    }
    return answer;
}

std::expected<bool, DeviceFault> Ga467Session::find_card() {
    auto answer = exchange(kFindCard, Step::FindCard, timeouts_.find);
    if (!answer) return std::unexpected(answer.error());
    StatusMeaning meaning = interpret_status(Step::FindCard, answer->sw3);
    switch (meaning.outcome) {
        case StatusMeaning::Outcome::Success:
            return true;
        case StatusMeaning::Outcome::NoCard:
            return false;
        case StatusMeaning::Outcome::Fault:
            break;
    }
    return std::unexpected(reader_fault(meaning.fault, std::move(meaning.detail)));
}

// A select or read that fails once the card was found means either the card left or it cannot be read. One
// more find tells them apart. (Some SAMs do not find a card again until it has left the field; then a card
// that cannot be read reports as removed, which asks the citizen for the right thing: to place it again.)
DeviceFault Ga467Session::card_gone_or_unreadable(DeviceFault fault) {
    if (fault.kind != FaultKind::CardRemoved) return fault;
    const auto still_there = find_card();
    if (still_there && *still_there) {
        fault.kind = FaultKind::Unreadable;
        fault.detail += " with the card still on the reader";
    }
    return fault;
}

std::expected<std::optional<ResidentIdCard>, DeviceFault> Ga467Session::read_card(milliseconds wait,
                                                                                  bool with_fingerprints) {
    const Clock::time_point deadline = Clock::now() + wait;
    for (;;) {
        const auto found = find_card();
        if (!found) return std::unexpected(found.error());
        if (*found) break;
        const milliseconds left = remaining_until(deadline);
        if (left.count() == 0) return std::optional<ResidentIdCard>();
        std::this_thread::sleep_for(std::min(left, timeouts_.poll_interval));
    }

    if (auto selected = command(kSelectCard, Step::SelectCard, timeouts_.select); !selected)
        return std::unexpected(card_gone_or_unreadable(selected.error()));

    auto read =
        command(with_fingerprints ? kReadWithFingerprint : kReadTextAndPhoto, Step::ReadCard, timeouts_.read);
    if (!read) return std::unexpected(card_gone_or_unreadable(read.error()));
    WipeOnExit wipe_answer{read->data};

    auto record = decode_card_record(read->data, with_fingerprints);
    if (!record) return std::unexpected(reader_fault(FaultKind::Unreadable, record.error()));
    auto card = decode_text_block(record->text);
    if (!card) {
        record->wipe();
        return std::unexpected(
            reader_fault(FaultKind::Unreadable, std::string("card text block: ") + describe(card.error())));
    }
    card->photo_wlt = std::move(record->photo_wlt);
    card->fingerprints = std::move(record->fingerprints);
    record->wipe();
    return std::optional<ResidentIdCard>(std::move(*card));
}

std::expected<PersonalString, DeviceFault> Ga467Session::read_newest_address() {
    auto answer = command(kReadNewestAddress, Step::ReadNewestAddress, timeouts_.read);
    if (!answer) return std::unexpected(answer.error());
    WipeOnExit wipe_answer{answer->data};
    std::optional<std::string> address = card_text_to_utf8(answer->data);
    if (!address)
        return std::unexpected(reader_fault(FaultKind::Unreadable, "newest address is not valid UCS-2"));
    PersonalString result(*address);
    wipe_bytes(address->data(), address->size());
    return result;
}

std::expected<void, DeviceFault> Ga467Session::check_sam() {
    auto answer = command(kSamStatus, Step::SamStatus, timeouts_.sam);
    if (!answer) return std::unexpected(answer.error());
    return {};
}

std::expected<void, DeviceFault> Ga467Session::reset_sam() {
    auto answer = command(kResetSam, Step::ResetSam, timeouts_.sam);
    if (!answer) return std::unexpected(answer.error());
    return {};
}

}  // namespace hk::drivers::ga467
