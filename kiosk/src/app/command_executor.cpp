#include "command_executor.h"

#include <spdlog/spdlog.h>

#include <thread>

#include "printed_matter.h"
#include "printer/certificate_document.h"

namespace hk::kiosk {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

CommandExecutor::CommandExecutor(DeviceSet devices, EventQueue& events, const Catalogue& catalogue,
                                 ExecutorOptions options)
    : devices_(devices), events_(events), catalogue_(catalogue), options_(std::move(options)) {
    if (!options_.local_time) options_.local_time = [] { return std::string(); };
}

CommandExecutor::~CommandExecutor() { ++read_generation_; }

void CommandExecutor::execute(Command command) {
    std::visit(
        [this](auto&& c) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, ReadResidentIdCard>) {
                read_card(c.request);
            } else if constexpr (std::is_same_v<C, ReadMrz>) {
                read_mrz(c.request);
            } else if constexpr (std::is_same_v<C, ReadChip>) {
                read_chip(c.request, std::move(c.key));
            } else if constexpr (std::is_same_v<C, ScanPage>) {
                scan_page(c.request);
            } else if constexpr (std::is_same_v<C, CancelReads>) {
                ++read_generation_;
            } else if constexpr (std::is_same_v<C, PrintCertificate>) {
                print_certificate(c.request, std::move(c.certificate));
            } else if constexpr (std::is_same_v<C, PrintReceipt>) {
                print_receipt(std::move(c));
            } else if constexpr (std::is_same_v<C, KeepForReprint>) {
                std::lock_guard lock(kept_mutex_);
                kept_for_reprint_.push_back(c.certificate.serial);
                spdlog::warn("certificate {} kept for reprint", c.certificate.serial);
            } else if constexpr (std::is_same_v<C, RecordUnclaimedApplication>) {
                std::lock_guard lock(kept_mutex_);
                unclaimed_applications_.push_back(c.receipt.tracking_number);
                spdlog::warn("application {} filed after the citizen left", c.receipt.tracking_number);
            } else if constexpr (std::is_same_v<C, WipePersonalData>) {
                ++read_generation_;
                pages_.wipe();
            } else {
                call_central(Command(std::move(c)));
            }
        },
        std::move(command));
}

std::vector<std::string> CommandExecutor::kept_for_reprint() const {
    std::lock_guard lock(kept_mutex_);
    return kept_for_reprint_;
}

std::vector<std::string> CommandExecutor::unclaimed_applications() const {
    std::lock_guard lock(kept_mutex_);
    return unclaimed_applications_;
}

// Waits in short slices so that a cancelled read (the citizen pressed back, or left) frees the reader quickly.
void CommandExecutor::read_card(std::uint64_t request) {
    const std::uint64_t generation = read_generation_.load();
    id_reader_worker_.post([this, request, generation](const std::stop_token& stop) {
        while (!stop.stop_requested() && still_wanted(generation)) {
            auto result = devices_.id_reader.read_card(options_.poll_slice);
            if (!result) {
                events_.push(DeviceFailed{request, result.error()});
                return;
            }
            if (*result) {
                events_.push(ResidentIdCardRead{request, std::move(**result)});
                return;
            }
        }
    });
}

void CommandExecutor::read_chip(std::uint64_t request, drivers::ChipAccessKey key) {
    const std::uint64_t generation = read_generation_.load();
    chip_worker_.post([this, request, generation, key = std::move(key)](const std::stop_token& stop) {
        while (!stop.stop_requested() && still_wanted(generation)) {
            auto result = devices_.chip_reader.read_document(key, options_.poll_slice);
            if (!result) {
                events_.push(DeviceFailed{request, result.error()});
                return;
            }
            if (*result) {
                events_.push(ChipRead{request, std::move(**result)});
                return;
            }
        }
    });
}

// The passport is laid on the scanner after the screen asks for it: an empty glass means "not yet", not a failure.
void CommandExecutor::read_mrz(std::uint64_t request) {
    const std::uint64_t generation = read_generation_.load();
    scanner_worker_.post([this, request, generation](const std::stop_token& stop) {
        while (!stop.stop_requested() && still_wanted(generation)) {
            auto lines = devices_.mrz_reader.read_mrz_lines();
            if (lines) {
                events_.push(MrzRead{request, std::move(*lines)});
                return;
            }
            if (lines.error().kind != FaultKind::NoDocument) {
                events_.push(DeviceFailed{request, lines.error()});
                return;
            }
            std::this_thread::sleep_for(options_.poll_slice);
        }
    });
}

void CommandExecutor::scan_page(std::uint64_t request) {
    scanner_worker_.post([this, request](const std::stop_token&) {
        auto page = devices_.scanner.scan_page(scanner::ScanRequest{});
        if (!page) {
            events_.push(DeviceFailed{request, page.error()});
            return;
        }
        events_.push(PageScanned{request, pages_.add(std::move(*page))});
    });
}

void CommandExecutor::print_certificate(std::uint64_t request, IssuedCertificate certificate) {
    a4_worker_.post([this, request, certificate = std::move(certificate)](const std::stop_token&) mutable {
        printer::CertificateDocument document = certificate_document(certificate);
        certificate.wipe();
        auto pdf = printer::render_certificate_pdf(document);
        document.wipe();
        if (!pdf) {
            events_.push(DeviceFailed{request, DeviceFault{DeviceKind::A4Printer, FaultKind::IoError, pdf.error()}});
            return;
        }
        auto printed = devices_.a4_printer.print({"certificate-" + certificate.serial, *pdf, 1});
        drivers::wipe_bytes(pdf->data(), pdf->size());
        if (!printed) {
            events_.push(DeviceFailed{request, printed.error()});
            return;
        }
        events_.push(PrintFinished{request, DeviceKind::A4Printer});
    });
}

void CommandExecutor::print_receipt(PrintReceipt request) {
    printer::Receipt receipt = compose_receipt(request, catalogue_, options_.local_time(), options_.kiosk_id);
    receipt_worker_.post([this, id = request.request, receipt = std::move(receipt)](const std::stop_token&) {
        auto printed = devices_.receipt_printer.print(receipt);
        if (!printed) {
            events_.push(DeviceFailed{id, printed.error()});
            return;
        }
        events_.push(PrintFinished{id, DeviceKind::ReceiptPrinter});
    });
}

void CommandExecutor::call_central(Command command) {
    central_worker_.post([this, command = std::move(command)](const std::stop_token&) {
        CentralService& central = devices_.central;
        auto answer = [this](std::uint64_t request, auto&& result, auto make_event) {
            if (result) {
                events_.push(make_event(std::move(*result)));
            } else {
                events_.push(CentralFailed{request, std::move(result.error())});
            }
        };
        if (const auto* check = std::get_if<CheckEligibility>(&command)) {
            answer(check->request, central.check_eligibility(check->subject, check->service_id),
                   [&](EligibilityAnswer a) { return EligibilityChecked{check->request, std::move(a)}; });
        } else if (const auto* issue = std::get_if<IssueCertificate>(&command)) {
            answer(issue->request, central.issue_certificate(issue->certificate),
                   [&](IssuedCertificate a) { return CertificateIssued{issue->request, std::move(a)}; });
        } else if (const auto* file = std::get_if<FileApplication>(&command)) {
            ApplicationRequest application = file->application;
            application.attached_pages = static_cast<int>(file->page_ids.size());
            answer(file->request, central.file_application(application),
                   [&](ApplicationReceipt a) { return ApplicationFiled{file->request, std::move(a)}; });
        } else if (const auto* status = std::get_if<QueryApplicationStatus>(&command)) {
            answer(status->request, central.application_status(status->tracking_number),
                   [&](ApplicationStatus a) { return StatusAnswered{status->request, std::move(a)}; });
        } else if (const auto* points = std::get_if<QueryHandlingPoints>(&command)) {
            answer(points->request, central.handling_points(),
                   [&](std::vector<HandlingPoint> a) { return HandlingPointsAnswered{points->request, std::move(a)}; });
        }
    });
}

}  // namespace hk::kiosk
