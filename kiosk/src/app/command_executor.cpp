#include "command_executor.h"

#include "camera_page.h"
#include "face_photo.h"

#include <thread>

#include "journal/journal.h"
#include "journal/records.h"
#include "kept_certificates.h"
#include "ops/events/log_event.h"
#include "page_png.h"
#include "page_reader.h"
#include "printed_matter.h"
#include "printer/certificate_document.h"
#include "recovery.h"
#include "scanned_page.h"

namespace hk::kiosk {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

CommandExecutor::CommandExecutor(DeviceSet devices, EventQueue& events, const Catalogue& catalogue,
                                 ExecutorOptions options)
    : devices_(devices), events_(events), catalogue_(catalogue), options_(std::move(options)) {
    if (!options_.local_time) options_.local_time = [] { return std::string(); };
}

CommandExecutor::~CommandExecutor() {
    ++read_generation_;
}

void CommandExecutor::post_device_job(DeviceKind device, Worker::Job job) {
    switch (device) {
        case DeviceKind::ResidentIdReader:
            return id_reader_worker_.post(std::move(job));
        case DeviceKind::ChipReader:
            return chip_worker_.post(std::move(job));
        case DeviceKind::DocumentScanner:
        case DeviceKind::Camera:
            return scanner_worker_.post(std::move(job));
        case DeviceKind::A4Printer:
            return a4_worker_.post(std::move(job));
        case DeviceKind::ReceiptPrinter:
            return receipt_worker_.post(std::move(job));
    }
}

CommandExecutor::BusiestWorker CommandExecutor::busiest_worker(
    std::chrono::steady_clock::time_point now) const {
    BusiestWorker busiest;
    for (const Worker* worker : {&id_reader_worker_, &chip_worker_, &scanner_worker_, &a4_worker_,
                                 &receipt_worker_, &central_worker_}) {
        if (const auto busy = worker->busy_for(now); busy > busiest.busy_for)
            busiest = {worker->name(), busy};
    }
    return busiest;
}

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
                if (options_.documents_from_camera) {
                    photograph_page(c.request);
                } else {
                    scan_page(c.request);
                }
            } else if constexpr (std::is_same_v<C, CancelReads>) {
                ++read_generation_;
            } else if constexpr (std::is_same_v<C, FindKeptCertificate>) {
                find_kept_certificate(std::move(c));
            } else if constexpr (std::is_same_v<C, PrintCertificate>) {
                print_certificate(c.request, std::move(c.certificate));
            } else if constexpr (std::is_same_v<C, PrintReceipt>) {
                print_receipt(std::move(c));
            } else if constexpr (std::is_same_v<C, KeepForReprint>) {
                {
                    std::lock_guard lock(kept_mutex_);
                    kept_for_reprint_.push_back(c.certificate.serial);
                }
                journal_step(&Journal::held);
                ops::log_event(ops::EventId::CertificateKeptForReprint, "certificate {} kept for reprint",
                               c.certificate.serial);
            } else if constexpr (std::is_same_v<C, RecordUnclaimedApplication>) {
                std::lock_guard lock(kept_mutex_);
                unclaimed_applications_.push_back(c.receipt.tracking_number);
                ops::log_event(ops::EventId::ApplicationUnclaimed,
                               "application {} filed after the citizen left", c.receipt.tracking_number);
            } else if constexpr (std::is_same_v<C, BeginSession>) {
                if (options_.journal != nullptr)
                    options_.journal->session_started(c.session_serial, options_.boot_id);
            } else if constexpr (std::is_same_v<C, WipePersonalData>) {
                ++read_generation_;
                if (options_.page_reader != nullptr) options_.page_reader->forget_pages();
                pages_.wipe();
                settle_transaction();
                if (options_.journal != nullptr)
                    options_.journal->session_ended(c.session_serial, options_.boot_id);
            } else if constexpr (std::is_same_v<C, WatchForTechnicianCard>) {
                watch_for_technician_card(c.request, read_generation_.load());
            } else if constexpr (std::is_same_v<C, CheckTechnicianPin>) {
                if (service_hooks_.check_pin) {
                    service_hooks_.check_pin(std::move(c));
                } else {
                    events_.push(TechnicianPinChecked{c.request, PinVerdict::LockedOut, 0, 0});
                }
            } else if constexpr (std::is_same_v<C, RunServiceFunction>) {
                if (service_hooks_.run_function) {
                    service_hooks_.run_function(std::move(c));
                } else {
                    events_.push(
                        ServiceFunctionDone{c.request, false, "service functions are not available\n"});
                }
            } else if constexpr (std::is_same_v<C, ServiceModeClosed>) {
                if (service_hooks_.closed) service_hooks_.closed(c);
            } else if constexpr (std::is_same_v<C, IssueCertificate>) {
                issue_certificate(std::move(c));
            } else if constexpr (std::is_same_v<C, FileApplication>) {
                file_application(std::move(c));
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

// Waits in short slices so that a cancelled read (the citizen pressed back, or left) frees the reader
// quickly.
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
                auto face = face_photo(**result);
                events_.push(ChipRead{request, std::move(**result), std::move(face)});
                return;
            }
        }
    });
}

// The passport is laid on the scanner after the screen asks for it: an empty glass means "not yet", not a
// failure.
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
        auto prepared = prepare_scanned_page(std::move(*page));
        if (!prepared) {
            events_.push(PageScanned{request, 0, std::move(prepared.error())});
            return;
        }
        keep_page(request, std::move(*prepared));
    });
}

// The citizen lays the page under the camera while watching it on screen; every frame is looked at and its
// preview and hints go to the screen, and the page is taken once two frames in a row are good (one good frame
// between blurred ones is a hand still moving). Leaving the screen (or the session ending) stops it.
void CommandExecutor::photograph_page(std::uint64_t request) {
    const std::uint64_t generation = read_generation_.load();
    scanner_worker_.post([this, request, generation](const std::stop_token& stop) {
        const auto give_up_at = std::chrono::steady_clock::now() + options_.camera_give_up;
        int good_in_a_row = 0;
        std::string last_hint = "camera_no_page";
        while (!stop.stop_requested() && still_wanted(generation)) {
            auto frame = devices_.camera.capture_frame();
            if (!frame) {
                events_.push(DeviceFailed{request, frame.error()});
                return;
            }
            CameraLook look = look_at_frame(*frame);
            good_in_a_row = look.hints.empty() ? good_in_a_row + 1 : 0;
            if (!look.hints.empty()) last_hint = look.hints.front();
            events_.push(ScanPreview{request, std::move(look.preview), std::move(look.hints)});
            if (good_in_a_row >= 2) {
                auto page = take_camera_page(std::move(*frame));
                if (page) {
                    keep_page(request, std::move(*page));
                    return;
                }
                good_in_a_row = 0;
                last_hint = page.error();
            } else {
                frame->wipe();
            }
            if (std::chrono::steady_clock::now() >= give_up_at) {
                events_.push(PageScanned{request, 0, last_hint});
                return;
            }
            std::this_thread::sleep_for(options_.camera_frame_gap);
        }
    });
}

void CommandExecutor::keep_page(std::uint64_t request, scanner::Image page) {
    // The reader gets its own copy: the stored page may be wiped (session over) while it is being read.
    scanner::Image to_read = page;
    const int page_id = pages_.add(std::move(page));
    events_.push(PageScanned{request, page_id});
    if (options_.page_reader != nullptr) {
        options_.page_reader->read(page_id, std::move(to_read));
    } else {
        to_read.wipe();
        events_.push(PageRead{page_id, std::nullopt});
    }
}

// On the central worker, after the previous session's settling: a certificate held there is found here.
void CommandExecutor::find_kept_certificate(FindKeptCertificate command) {
    central_worker_.post([this, command = std::move(command)](const std::stop_token&) mutable {
        std::optional<IssuedCertificate> certificate;
        if (options_.journal != nullptr) {
            if (auto kept = take_kept_certificate(*options_.journal, command.holder)) {
                {
                    std::lock_guard lock(transaction_mutex_);
                    open_transaction_ = kept->journal_key;
                }
                ops::log_event(ops::EventId::KeptCertificateReprinted,
                               "certificate {} kept for reprint: its holder is back",
                               kept->certificate.serial);
                certificate = std::move(kept->certificate);
            }
        }
        command.holder.wipe();
        events_.push(KeptCertificateFound{command.request, std::move(certificate)});
    });
}

void CommandExecutor::print_certificate(std::uint64_t request, IssuedCertificate certificate) {
    a4_worker_.post([this, request, certificate = std::move(certificate)](const std::stop_token&) mutable {
        printer::CertificateDocument document = certificate_document(certificate);
        certificate.wipe();
        auto pdf = printer::render_certificate_pdf(document);
        document.wipe();
        if (!pdf) {
            events_.push(
                DeviceFailed{request, DeviceFault{DeviceKind::A4Printer, FaultKind::IoError, pdf.error()}});
            return;
        }
        journal_step(&Journal::print_submitted);  // before: a crash from here on asks the printer what it did
        auto printed = devices_.a4_printer.print({certificate_job_name(certificate.serial), *pdf, 1});
        drivers::wipe_bytes(pdf->data(), pdf->size());
        if (!printed) {
            events_.push(DeviceFailed{request, printed.error()});
            return;
        }
        journal_step(&Journal::printed);
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
        events_.push(PrintFinished{id, DeviceKind::ReceiptPrinter, printer::receipt_length_mm(receipt)});
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
                   [&](EligibilityAnswer a) {
                       return EligibilityChecked{check->request, std::move(a)};
                   });
        } else if (const auto* status = std::get_if<QueryApplicationStatus>(&command)) {
            answer(status->request, central.application_status(status->tracking_number),
                   [&](ApplicationStatus a) {
                       return StatusAnswered{status->request, std::move(a)};
                   });
        } else if (const auto* points = std::get_if<QueryHandlingPoints>(&command)) {
            answer(points->request, central.handling_points(), [&](std::vector<HandlingPoint> a) {
                return HandlingPointsAnswered{points->request, std::move(a)};
            });
        }
    });
}

void CommandExecutor::journal_step(bool (Journal::*step)(const std::string&)) {
    if (options_.journal == nullptr) return;
    std::string key;
    {
        std::lock_guard lock(transaction_mutex_);
        key = open_transaction_;
    }
    if (!key.empty()) (options_.journal->*step)(key);
}

// Journaled before the call and after the answer: after a crash the same key is asked again, and the central
// service answers with what it issued the first time.
void CommandExecutor::issue_certificate(IssueCertificate command) {
    {
        std::lock_guard lock(transaction_mutex_);
        open_transaction_ = command.certificate.idempotency_key;
    }
    central_worker_.post([this, command = std::move(command)](const std::stop_token&) {
        const std::string& key = command.certificate.idempotency_key;
        Journal* journal = options_.journal;
        if (journal != nullptr &&
            !journal->requested(key, TransactionKind::Certificate, command.certificate.service_id,
                                records::to_json(command.certificate))) {
            events_.push(
                CentralFailed{command.request, {CentralErrorKind::Unreachable, "journal not writable"}});
            return;
        }
        auto issued = devices_.central.issue_certificate(command.certificate);
        if (!issued) {
            if (journal != nullptr && !issued.error().retryable()) journal->abandoned(key);
            events_.push(CentralFailed{command.request, std::move(issued.error())});
            return;
        }
        if (journal != nullptr) journal->issued(key, issued->serial, records::to_json(*issued));
        events_.push(CertificateIssued{command.request, std::move(*issued)});
    });
}

void CommandExecutor::file_application(FileApplication command) {
    {
        std::lock_guard lock(transaction_mutex_);
        open_transaction_ = command.application.idempotency_key;
    }
    central_worker_.post([this, command = std::move(command)](const std::stop_token&) {
        ApplicationRequest application = command.application;
        application.attached_pages = static_cast<int>(command.pages.size());
        for (const FiledPage& filed : command.pages) {
            std::optional<scanner::Image> page = pages_.copy(filed.page_id);
            if (!page) continue;  // the central client refuses an application short of a page
            auto png = encode_png(*page);
            page->wipe();
            if (!png) continue;
            application.attachments.push_back(
                {filed.document_index, "image/png", std::move(*png), {}, filed.document_type, filed.fields});
        }
        // The pages are personal data: whatever happens below, their encoded copies are zeroed on the way
        // out.
        struct WipeAttachments {
            ApplicationRequest& request;
            ~WipeAttachments() {
                for (Attachment& page : request.attachments)
                    drivers::wipe_bytes(page.data.data(), page.data.size());
            }
        } wipe_attachments{application};
        const std::string& key = application.idempotency_key;
        Journal* journal = options_.journal;
        if (journal != nullptr &&
            !journal->requested(key, TransactionKind::Application, application.service_id,
                                records::to_json(application))) {
            events_.push(
                CentralFailed{command.request, {CentralErrorKind::Unreachable, "journal not writable"}});
            return;
        }
        auto filed = devices_.central.file_application(application);
        if (!filed) {
            if (journal != nullptr && !filed.error().retryable()) journal->abandoned(key);
            events_.push(CentralFailed{command.request, std::move(filed.error())});
            return;
        }
        if (journal != nullptr) journal->issued(key, filed->tracking_number, records::to_json(*filed));
        events_.push(ApplicationFiled{command.request, std::move(*filed)});
    });
}

// Runs on the central worker, after any call still under way for this session.
void CommandExecutor::settle_transaction() {
    std::string key;
    {
        std::lock_guard lock(transaction_mutex_);
        key.swap(open_transaction_);
    }
    if (key.empty() || options_.journal == nullptr) return;
    central_worker_.post([this, key](const std::stop_token&) {
        Journal& journal = *options_.journal;
        auto entry = journal.find(key);
        if (!entry) return;
        switch (entry->step) {
            case TransactionStep::Printed:
                journal.done(key);
                break;
            case TransactionStep::Issued:
                // Filed applications are done; an issued certificate nobody printed is kept for reprint.
                if (entry->kind == TransactionKind::Application) {
                    journal.done(key);
                } else {
                    journal.held(key);
                }
                break;
            case TransactionStep::Requested:
                // The citizen left after a failed request: the service may still have issued. Ask once more
                // with the same key; a certificate it issued is kept, never printed for nobody.
                if (ask_again(journal, *entry, devices_.central)) {
                    if (entry->kind == TransactionKind::Application) {
                        journal.done(key);
                    } else {
                        journal.held(key);
                    }
                }
                break;
            case TransactionStep::PrintSubmitted:
                if (devices_.a4_printer.has_printed(certificate_job_name(entry->reference)).value_or(false)) {
                    journal.done(key);
                } else {
                    journal.held(key);
                }
                break;
            default:
                break;
        }
    });
}

}  // namespace hk::kiosk
