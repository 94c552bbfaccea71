// One receipt: ask the printer's state (DLE EOT 1..4), send the job in chunks, then wait for the GS r 1 at
// its end to be answered, asking the state again meanwhile, so a roll that runs out half-way shows up as
// PaperOut within one status interval instead of as a success or a long timeout.
#include "printer/escpos/escpos_receipt_printer.h"

#include <algorithm>
#include <array>
#include <thread>

#include "printer/escpos/encoder.h"
#include "replies.h"

namespace hk::printer::escpos {

namespace {

using drivers::DeviceFault;
using drivers::FaultKind;
using Clock = std::chrono::steady_clock;

std::string ms(Millis duration) {
    return std::to_string(duration.count()) + " ms";
}

}  // namespace

EscPosReceiptPrinter::EscPosReceiptPrinter(std::unique_ptr<Transport> transport, PrinterProfile profile,
                                           EscPosTimeouts timeouts, std::size_t chunk_bytes)
    : transport_(std::move(transport)),
      profile_(std::move(profile)),
      timeouts_(timeouts),
      chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)),
      replies_(std::make_unique<Replies>()) {}

EscPosReceiptPrinter::~EscPosReceiptPrinter() = default;

DeviceFault EscPosReceiptPrinter::fault(FaultKind what, std::string detail) const {
    return {drivers::DeviceKind::ReceiptPrinter, what, transport_->where() + ": " + detail};
}

// After a transport failure the connection is in an unknown state (half a command sent, a late reply on its
// way): it is dropped so the next call starts on a fresh one.
DeviceFault EscPosReceiptPrinter::lost(DeviceFault failure) {
    transport_->close();
    *replies_ = Replies{};
    return failure;
}

std::expected<void, DeviceFault> EscPosReceiptPrinter::connect() {
    if (auto opened = transport_->open(timeouts_.connect); !opened)
        return std::unexpected(lost(opened.error()));
    return {};
}

// Reads what arrives within `timeout` into the replies; false when nothing did.
std::expected<bool, DeviceFault> EscPosReceiptPrinter::receive(Millis timeout) {
    std::array<std::uint8_t, 64> buffer{};
    auto got = transport_->read(buffer, timeout);
    if (!got) return std::unexpected(lost(got.error()));
    replies_->take(std::span(buffer).first(*got));
    return *got > 0;
}

// Replies to earlier questions that came too late are not answers to the next one.
std::expected<void, DeviceFault> EscPosReceiptPrinter::drain() {
    for (int i = 0; i < 16; ++i) {
        auto got = receive(Millis{0});
        if (!got) return std::unexpected(got.error());
        if (!*got) break;
    }
    replies_->forget_realtime();
    return {};
}

std::expected<PrinterCondition, DeviceFault> EscPosReceiptPrinter::ask_condition() {
    if (auto connected = connect(); !connected) return std::unexpected(connected.error());
    if (auto drained = drain(); !drained) return std::unexpected(drained.error());
    PrinterCondition condition;
    for (const StatusRequest request : kAllStatusRequests) {
        const auto question = status_request_bytes(request);
        if (auto wrote = transport_->write(question, timeouts_.status); !wrote)
            return std::unexpected(lost(wrote.error()));
        const Clock::time_point deadline = Clock::now() + timeouts_.status;
        std::optional<std::uint8_t> answer;
        while (!(answer = replies_->next_realtime())) {
            const auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
            if (left.count() <= 0) {
                return std::unexpected(lost(fault(
                    FaultKind::Timeout, "no answer to DLE EOT " + std::to_string(static_cast<int>(request)) +
                                            " within " + ms(timeouts_.status))));
            }
            if (auto got = receive(left); !got) return std::unexpected(got.error());
        }
        apply_realtime_status(request, *answer, condition);
    }
    return condition;
}

std::expected<PrinterCondition, DeviceFault> EscPosReceiptPrinter::condition() {
    const std::lock_guard lock(mutex_);
    return ask_condition();
}

drivers::DeviceStatus EscPosReceiptPrinter::status() {
    const std::lock_guard lock(mutex_);
    auto condition = ask_condition();
    if (!condition) return drivers::faulted_status(condition.error());
    drivers::DeviceStatus status;
    status.fault = fault_of(*condition);
    status.ready = !status.fault;
    status.detail = transport_->where() + ": " + describe(*condition);
    // The roll sensors tell only "empty" and "near end" (a few metres left), not a level in between.
    if (condition->paper_out) {
        status.media_level_percent = 0;
    } else if (condition->paper_near_end) {
        status.media_level_percent = 10;
    }
    return status;
}

drivers::SelfTestResult EscPosReceiptPrinter::self_test() {
    std::vector<std::pair<std::string, std::string>> checks;
    const std::lock_guard lock(mutex_);
    checks.emplace_back("connection", transport_->where());
    auto condition = ask_condition();
    if (!condition) {
        checks.emplace_back("status_answer", std::string{drivers::to_string(condition.error().kind)});
        return drivers::failed_self_test(condition.error(), std::move(checks));
    }
    const auto yes_no = [](bool value) { return std::string{value ? "yes" : "no"}; };
    checks.emplace_back("status_answer", "yes");
    checks.emplace_back("online", yes_no(!condition->offline));
    checks.emplace_back("cover_open", yes_no(condition->cover_open));
    checks.emplace_back("paper_out", yes_no(condition->paper_out));
    checks.emplace_back("paper_near_end", yes_no(condition->paper_near_end));
    checks.emplace_back("cutter_error", yes_no(condition->cutter_error));
    checks.emplace_back("error", yes_no(condition->unrecoverable_error || condition->recoverable_error ||
                                        condition->auto_recoverable_error));
    if (const auto fault_kind = fault_of(*condition))
        return drivers::failed_self_test(fault(*fault_kind, describe(*condition)), std::move(checks));
    // Near end still prints: a few metres are left, and the technician sees it in the checks and summary.
    return drivers::SelfTestResult{true, std::nullopt, transport_->where() + ": " + describe(*condition),
                                   std::move(checks)};
}

std::expected<void, DeviceFault> EscPosReceiptPrinter::send_job(const std::vector<std::uint8_t>& job) {
    const std::span<const std::uint8_t> bytes(job);
    for (std::size_t at = 0; at < bytes.size(); at += chunk_bytes_) {
        const std::span<const std::uint8_t> chunk =
            bytes.subspan(at, std::min(chunk_bytes_, bytes.size() - at));
        if (auto wrote = transport_->write(chunk, timeouts_.write); !wrote) {
            DeviceFault failure = lost(wrote.error());
            failure.detail +=
                " (after " + std::to_string(at) + " of " + std::to_string(bytes.size()) + " bytes)";
            return std::unexpected(std::move(failure));
        }
    }
    return {};
}

std::expected<void, DeviceFault> EscPosReceiptPrinter::confirm_printed() {
    const Clock::time_point deadline = Clock::now() + timeouts_.printed;
    for (;;) {
        if (profile_.answers_gs_r) {
            // Wait one status interval for GS r 1's answer, then ask what the printer is doing meanwhile.
            const Clock::time_point until = std::min(deadline, Clock::now() + timeouts_.status);
            while (!replies_->paper_reply()) {
                const auto left = std::chrono::duration_cast<Millis>(until - Clock::now());
                if (left.count() <= 0) break;
                if (auto got = receive(left); !got) return std::unexpected(got.error());
            }
            if (const auto reply = replies_->paper_reply()) {
                PrinterCondition after;
                apply_paper_sensor_reply(*reply, after);
                replies_->forget_paper_reply();
                if (after.paper_out)
                    return std::unexpected(
                        fault(FaultKind::PaperOut, "paper ran out at the end of the receipt"));
                return {};
            }
        }
        auto condition = ask_condition();
        if (!condition) return std::unexpected(condition.error());
        if (const auto problem = fault_of(*condition)) {
            return std::unexpected(fault(*problem, "receipt not finished: " + describe(*condition)));
        }
        // Without GS r the state after the job is all the printer can tell.
        if (!profile_.answers_gs_r) return {};
        if (Clock::now() >= deadline) {
            return std::unexpected(lost(fault(FaultKind::Timeout, "receipt not confirmed printed within " +
                                                                      ms(timeouts_.printed) + " (" +
                                                                      describe(*condition) + ")")));
        }
    }
}

std::expected<void, DeviceFault> EscPosReceiptPrinter::print(const Receipt& receipt) {
    // Encoded before taking the lock: raster lines are the slow part, and need no printer.
    auto job = encode_receipt(receipt, profile_);
    if (!job) return std::unexpected(fault(FaultKind::IoError, "cannot encode the receipt: " + job.error()));

    const std::lock_guard lock(mutex_);
    auto before = ask_condition();
    if (!before) return std::unexpected(before.error());
    if (const auto problem = fault_of(*before)) {
        return std::unexpected(fault(*problem, "not printing: " + describe(*before)));
    }
    replies_->forget_paper_reply();
    if (auto sent = send_job(job->bytes); !sent) {
        // A printer that stops taking bytes half-way usually says why: ask on a fresh connection.
        auto after = ask_condition();
        if (after) {
            if (const auto problem = fault_of(*after)) {
                return std::unexpected(fault(*problem, "receipt not finished: " + describe(*after)));
            }
        }
        return std::unexpected(sent.error());
    }
    return confirm_printed();
}

}  // namespace hk::printer::escpos
