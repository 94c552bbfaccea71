#include "technician_checks.h"

#include <future>
#include <thread>

#include "control_commands.h"
#include "ops/events/log_event.h"
#include "ops/events/recent_log.h"
#include "ops/selftest/run_self_test.h"
#include "scanner/page_cleanup/page_cleanup.h"
#include "test_page.h"

namespace hk::kiosk {

using drivers::DeviceKind;
using nlohmann::json;
using ops::ControlReply;
using ops::EventId;
using ops::log_event;
using ops::refuse;

namespace {

// Runs `job` on the device's worker and waits for it. A worker still busy after the timeout (a wedged
// device: the watchdog will see it too) or shut down before the job ran gives an error.
template <typename Result>
std::expected<Result, std::string> on_device_worker(ControlContext& context, DeviceKind device,
                                                    std::function<Result()> job) {
    auto promise = std::make_shared<std::promise<Result>>();
    std::future<Result> result = promise->get_future();
    context.executor.post_device_job(device, [promise, job = std::move(job)](const std::stop_token&) {
        try {
            promise->set_value(job());
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
    if (result.wait_for(context.device_timeout) != std::future_status::ready) {
        return std::unexpected(std::string{drivers::to_string(device)} + " did not finish within " +
                               std::to_string(context.device_timeout.count() / 1000) +
                               " s (device busy or wedged)");
    }
    try {
        return result.get();
    } catch (const std::exception& e) {
        return std::unexpected(std::string{drivers::to_string(device)} + ": " + e.what());
    }
}

std::string utc_text(std::chrono::system_clock::time_point when) {
    return ops::format_log_time(when);
}

json checks_json(const std::vector<std::pair<std::string, std::string>>& checks) {
    json out = json::object();
    for (const auto& [name, value] : checks) out[name] = value;
    return out;
}

}  // namespace

json device_status_json(DeviceKind kind, const drivers::DeviceStatus& status, bool declared_ready) {
    json entry{{"device", drivers::to_string(kind)},
               {"ready", declared_ready},
               {"status_ready", status.ready},
               {"detail", status.detail}};
    entry["fault_code"] = status.fault ? json(drivers::fault_code(kind, *status.fault)) : json();
    entry["fault"] = status.fault ? json(drivers::to_string(*status.fault)) : json();
    entry["media_percent"] = status.media_level_percent ? json(*status.media_level_percent) : json();
    return entry;
}

json self_test_json(const ops::SelfTestRecord& record) {
    return json{{"device", drivers::to_string(record.device)},
                {"time", utc_text(record.when)},
                {"passed", record.result.passed},
                {"fault_code", record.fault_code},
                {"summary", record.result.summary},
                {"checks", checks_json(record.result.checks)}};
}

std::expected<ops::SelfTestRecord, std::string> run_self_test_on_worker(ControlContext& context,
                                                                        DeviceKind kind) {
    drivers::Device* device = context.devices.all()[static_cast<std::size_t>(kind)];
    log_event(EventId::SelfTestStarted, "self-test of {}", drivers::to_string(kind));
    auto record = on_device_worker<ops::SelfTestRecord>(
        context, kind, [device] { return ops::run_self_test(*device, std::chrono::system_clock::now()); });
    if (!record) {
        log_event(EventId::SelfTestFinished, ops::Disposition::Failure, "self-test of {}: {}",
                  drivers::to_string(kind), record.error());
        return record;
    }
    context.ops.self_tests.record(*record);
    log_event(EventId::SelfTestFinished,
              record->result.passed ? ops::Disposition::Success : ops::Disposition::Failure,
              "self-test of {}: {} {}", drivers::to_string(kind), record->result.passed ? "passed" : "FAILED",
              record->fault_code);
    return record;
}

std::expected<std::optional<drivers::DeviceFault>, std::string> print_on_a4(ControlContext& context,
                                                                            std::string job_name,
                                                                            std::vector<std::uint8_t> pdf) {
    printer::A4Printer& a4 = context.devices.a4_printer;
    return on_device_worker<std::optional<drivers::DeviceFault>>(
        context, DeviceKind::A4Printer,
        [&a4, name = std::move(job_name), bytes = std::move(pdf)]() -> std::optional<drivers::DeviceFault> {
            auto printed = a4.print(printer::PrintJob{name, bytes, 1});
            if (printed) return std::nullopt;
            return printed.error();
        });
}

ControlReply test_print(ControlContext& context, const json& args) {
    const std::string which = args.value("printer", std::string("both"));
    if (which != "a4" && which != "receipt" && which != "both") {
        return refuse(ops::kErrorBadRequest, "printer must be a4, receipt or both");
    }
    const std::string printed_at = utc_text(std::chrono::system_clock::now());
    json results = json::object();
    bool all_printed = true;
    if (which != "receipt") {
        auto pdf = printer::render_test_page_pdf({context.config.kiosk_id, kiosk_version(), printed_at});
        if (!pdf) return refuse(ops::kErrorFailed, "test page not rendered: " + pdf.error());
        auto done = print_on_a4(context, "test page", std::move(*pdf));
        if (!done) return refuse(ops::kErrorBusy, done.error());
        all_printed = all_printed && !done->has_value();
        results["a4_printer"] = done->has_value() ? json{{"printed", false},
                                                         {"fault_code", drivers::fault_code(**done)},
                                                         {"detail", (*done)->detail}}
                                                  : json{{"printed", true}};
    }
    if (which != "a4") {
        printer::Receipt receipt{
            .lines = {{"HuKiosk test receipt", printer::ReceiptStyle::Large},
                      {"kiosk " + context.config.kiosk_id},
                      {"version " + kiosk_version()},
                      {printed_at},
                      {"打印测试 · 인쇄 시험 · print test"}},
            .qr_text = "HUKIOSK-TEST-RECEIPT kiosk=" + context.config.kiosk_id + " printed=" + printed_at,
        };
        printer::ReceiptPrinter& thermal = context.devices.receipt_printer;
        auto done = on_device_worker<std::optional<drivers::DeviceFault>>(
            context, DeviceKind::ReceiptPrinter,
            [&thermal, receipt]() -> std::optional<drivers::DeviceFault> {
                auto printed = thermal.print(receipt);
                if (printed) return std::nullopt;
                return printed.error();
            });
        if (!done) return refuse(ops::kErrorBusy, done.error());
        all_printed = all_printed && !done->has_value();
        results["receipt_printer"] = done->has_value() ? json{{"printed", false},
                                                              {"fault_code", drivers::fault_code(**done)},
                                                              {"detail", (*done)->detail}}
                                                       : json{{"printed", true}};
    }
    if (all_printed) context.ops.counters.add("hukiosk_test_prints_total");
    return json{{"printed", all_printed}, {"printers", results}};
}

ControlReply test_scan(ControlContext& context) {
    scanner::DocumentScanner& device = context.devices.scanner;
    using Outcome = std::expected<json, drivers::DeviceFault>;
    auto scanned = on_device_worker<Outcome>(context, DeviceKind::DocumentScanner, [&device]() -> Outcome {
        auto image = device.scan_page(scanner::ScanRequest{300, false, scanner::ScanSource::Flatbed});
        if (!image) return std::unexpected(image.error());
        json result{{"width", image->width}, {"height", image->height}, {"dpi", image->dpi}};
        // Only measures leave this function: whatever lay on the glass is wiped with the image.
        auto cleaned = scanner::page::clean_page(*image, {});
        image->wipe();
        if (!cleaned) {
            result["quality"] = json{{"error", cleaned.error()}};
            return result;
        }
        const scanner::page::QualityReport& quality = cleaned->quality;
        json hints = json::array();
        for (const auto hint : quality.hints) hints.push_back(scanner::page::to_string(hint));
        result["quality"] = json{{"sharpness", quality.sharpness},
                                 {"glare_fraction", quality.glare_fraction},
                                 {"paper_brightness", quality.paper_brightness},
                                 {"ink_fraction", quality.ink_fraction},
                                 {"text_height_px", quality.text_height_px},
                                 {"hints", hints}};
        cleaned->grey.wipe();
        cleaned->binary.wipe();
        return result;
    });
    if (!scanned) return refuse(ops::kErrorBusy, scanned.error());
    if (!*scanned) {
        return json{{"scanned", false},
                    {"fault_code", drivers::fault_code(scanned->error())},
                    {"detail", scanned->error().detail}};
    }
    json result = std::move(**scanned);
    result["scanned"] = true;
    return result;
}

ControlReply nfc_field_test(ControlContext& context, const json& args) {
    const int seconds = args.value("seconds", 10);
    if (seconds < 1 || seconds > 60) return refuse(ops::kErrorBadRequest, "seconds must be 1 to 60");
    drivers::ChipReader& reader = context.devices.chip_reader;
    // The reader's self-test reports the field and whether a card is in it; repeat it until a card shows.
    auto outcome = on_device_worker<json>(context, DeviceKind::ChipReader, [&reader, seconds]() -> json {
        const auto start = std::chrono::steady_clock::now();
        const auto deadline = start + std::chrono::seconds(seconds);
        drivers::SelfTestResult last;
        do {
            last = reader.self_test();
            for (const auto& [name, value] : last.checks) {
                if (name == "card" && value == "present") {
                    const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start);
                    return json{{"field", true},
                                {"card_seen", true},
                                {"after_ms", after.count()},
                                {"summary", last.summary}};
                }
            }
            if (!last.passed) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        } while (std::chrono::steady_clock::now() < deadline);
        json result{{"field", last.passed}, {"card_seen", false}, {"summary", last.summary}};
        if (last.fault) result["fault_code"] = drivers::fault_code(DeviceKind::ChipReader, *last.fault);
        return result;
    });
    if (!outcome) return refuse(ops::kErrorBusy, outcome.error());
    return *outcome;
}

}  // namespace hk::kiosk
