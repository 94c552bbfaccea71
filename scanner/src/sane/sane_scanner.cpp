#include "scanner/sane/sane_scanner.h"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <cmath>
#include <string_view>

#include "sane_fault.h"
#include "sane_frame_reader.h"
#include "sane_options.h"

namespace hk::scanner::sane {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

namespace {

// Low enough that the preview is quick on any flatbed; backends snap it to the nearest resolution they offer.
constexpr int kCalibrationDpi = 50;
// Backends round the scan area to whole pixels, each its own way.
constexpr int kFrameSizeTolerance = 2;
constexpr double kMillimetresPerInch = 25.4;

std::unexpected<DeviceFault> fault(FaultKind kind, std::string detail) {
    return std::unexpected(DeviceFault{DeviceKind::DocumentScanner, kind, std::move(detail)});
}

bool same_settings(const ScanRequest& a, const ScanRequest& b) {
    return a.dpi == b.dpi && a.colour == b.colour && a.source == b.source;
}

// Backends name their modes and sources freely; these are the spellings seen across SANE backends.
std::vector<std::string_view> mode_names(bool colour) {
    if (colour) return {"Color", "Colour", "RGB", "24bit Color"};
    return {"Gray", "Grey", "Grayscale", "8bit Gray"};
}

std::vector<std::string_view> source_names(ScanSource source) {
    if (source == ScanSource::Feeder) {
        return {"Automatic Document Feeder", "ADF", "ADF Front", "Feeder", "Document Feeder"};
    }
    return {"Flatbed", "FlatBed", "Normal", "Glass", "Platen"};
}

}  // namespace

SaneScanner::SaneScanner(SaneScannerSettings settings) : settings_(std::move(settings)) {}

SaneScanner::~SaneScanner() {
    const std::scoped_lock lock{mutex_};
    close();
}

void SaneScanner::set_extra_option(std::string name, std::string value) {
    const std::scoped_lock lock{mutex_};
    end_batch();
    for (auto& [existing, existing_value] : settings_.extra_options) {
        if (existing == name) {
            existing_value = std::move(value);
            return;
        }
    }
    settings_.extra_options.emplace_back(std::move(name), std::move(value));
}

drivers::DeviceStatus SaneScanner::status() {
    const std::scoped_lock lock{mutex_};
    if (auto opened = ensure_open(); !opened) return drivers::faulted_status(opened.error());
    drivers::DeviceStatus status;
    status.ready = true;
    status.detail = "SANE device " + open_name_ + " open (SANE " + session_->version() + ")";
    return status;
}

drivers::SelfTestResult SaneScanner::self_test() {
    std::vector<std::pair<std::string, std::string>> checks;
    Image preview;
    std::optional<FrameSize> expected;
    {
        const std::scoped_lock lock{mutex_};
        if (auto opened = ensure_open(); !opened) {
            checks.emplace_back("device", "not found");
            return drivers::failed_self_test(opened.error(), std::move(checks));
        }
        checks.emplace_back("device", open_name_);
        end_batch();  // a calibration scan in the middle of a feeder batch would feed a sheet
    }
    auto page = scan_page(ScanRequest{kCalibrationDpi, false, ScanSource::Flatbed});
    {
        const std::scoped_lock lock{mutex_};
        checks.emplace_back("resolution_dpi", std::to_string(dpi_in_effect_));
        if (handle_ != nullptr) expected = expected_frame_size();
    }
    if (!page) {
        checks.emplace_back("calibration_scan", std::string{drivers::to_string(page.error().kind)});
        return drivers::failed_self_test(page.error(), std::move(checks));
    }
    checks.emplace_back("calibration_scan", "done");
    preview = std::move(*page);
    auto problem = check_frame(preview, expected, kFrameSizeTolerance, checks);
    preview.wipe();
    if (problem) {
        return drivers::failed_self_test(
            DeviceFault{DeviceKind::DocumentScanner, FaultKind::Unreadable, "calibration scan: " + *problem},
            std::move(checks));
    }
    return drivers::SelfTestResult{
        true, std::nullopt, "calibration scan good on SANE device " + checks[0].second, std::move(checks)};
}

std::optional<FrameSize> SaneScanner::expected_frame_size() const {
    auto* handle = static_cast<SANE_Handle>(handle_);
    const auto left = detail::get_number_option(handle, SANE_NAME_SCAN_TL_X);
    const auto top = detail::get_number_option(handle, SANE_NAME_SCAN_TL_Y);
    const auto right = detail::get_number_option(handle, SANE_NAME_SCAN_BR_X);
    const auto bottom = detail::get_number_option(handle, SANE_NAME_SCAN_BR_Y);
    if (!left || !top || !right || !bottom || dpi_in_effect_ <= 0) return std::nullopt;
    const auto pixels = [this](double millimetres) {
        return static_cast<int>(std::lround(millimetres / kMillimetresPerInch * dpi_in_effect_));
    };
    return FrameSize{pixels(*right - *left), pixels(*bottom - *top)};
}

std::expected<Image, DeviceFault> SaneScanner::scan_page(const ScanRequest& request) {
    const std::scoped_lock lock{mutex_};
    if (auto opened = ensure_open(); !opened) return std::unexpected(opened.error());
    if (batch_ && !same_settings(*batch_, request)) end_batch();
    // Options may be set only between scans: the next page of a feeder batch reuses them.
    if (!batch_) {
        if (auto applied = apply_options(request); !applied) return std::unexpected(applied.error());
    }
    auto* handle = static_cast<SANE_Handle>(handle_);
    auto page = detail::read_page(handle);
    if (!page) {
        sane_cancel(handle);  // read_page returned once the backend's reader was safe to cancel
        batch_.reset();
        DeviceFault failure = detail::scan_fault(page.error().status, open_name_, page.error().step);
        // The device may be gone: open it afresh next time rather than trusting this handle.
        if (failure.kind == FaultKind::IoError) close();
        return std::unexpected(std::move(failure));
    }
    // A feeder batch stays started so the next sane_start feeds the next sheet; a flatbed page ends here.
    if (request.source == ScanSource::Feeder) {
        batch_ = request;
    } else {
        sane_cancel(handle);
    }
    Image image = with_channels(std::move(*page), request.colour ? 3 : 1);
    image.dpi = dpi_in_effect_;
    return image;
}

std::expected<void, DeviceFault> SaneScanner::ensure_open() {
    if (handle_ != nullptr) return {};
    auto session = SaneSession::acquire();
    if (!session) return fault(FaultKind::IoError, session.error());
    std::string name = settings_.device;
    if (name.empty()) {
        const SANE_Device** devices = nullptr;
        const SANE_Status listed = sane_get_devices(&devices, SANE_FALSE);
        if (listed != SANE_STATUS_GOOD || devices == nullptr || devices[0] == nullptr) {
            return fault(FaultKind::Unplugged, "no SANE scanner found");
        }
        name = devices[0]->name;
    }
    SANE_Handle handle = nullptr;
    const SANE_Status opened = sane_open(name.c_str(), &handle);
    if (opened != SANE_STATUS_GOOD) {
        // Not found and not answering look the same through SANE (INVAL or IO_ERROR): both mean unplugged.
        const FaultKind kind = opened == SANE_STATUS_DEVICE_BUSY ? FaultKind::Busy : FaultKind::Unplugged;
        return fault(kind, "SANE device " + name + " cannot be opened: " + sane_strstatus(opened));
    }
    handle_ = handle;
    session_ = std::move(*session);
    open_name_ = std::move(name);
    return {};
}

std::expected<void, DeviceFault> SaneScanner::apply_options(const ScanRequest& request) {
    auto* handle = static_cast<SANE_Handle>(handle_);
    const auto option_fault = [&](const std::string& what) {
        return fault(FaultKind::IoError, "SANE device " + open_name_ + ": " + what);
    };
    // Source first: it can change the allowed resolutions and the size of the scan area.
    if (detail::find_settable_option(handle, SANE_NAME_SCAN_SOURCE)) {
        if (auto set = detail::set_choice_option(handle, SANE_NAME_SCAN_SOURCE, source_names(request.source));
            !set) {
            return option_fault(set.error());
        }
    } else if (request.source == ScanSource::Feeder) {
        return option_fault("no document feeder (no 'source' option)");
    }
    if (detail::find_settable_option(handle, SANE_NAME_SCAN_MODE)) {
        if (auto set = detail::set_choice_option(handle, SANE_NAME_SCAN_MODE, mode_names(request.colour));
            !set) {
            return option_fault(set.error());
        }
    }
    dpi_in_effect_ = 0;
    if (detail::find_settable_option(handle, SANE_NAME_SCAN_RESOLUTION)) {
        auto dpi = detail::set_number_option(handle, SANE_NAME_SCAN_RESOLUTION, request.dpi);
        if (!dpi) return option_fault(dpi.error());
        dpi_in_effect_ = static_cast<int>(std::lround(*dpi));
    }
    if (settings_.area) {
        const ScanAreaMm& area = *settings_.area;
        const std::pair<std::string_view, double> corners[] = {{SANE_NAME_SCAN_TL_X, area.left},
                                                               {SANE_NAME_SCAN_TL_Y, area.top},
                                                               {SANE_NAME_SCAN_BR_X, area.right},
                                                               {SANE_NAME_SCAN_BR_Y, area.bottom}};
        for (const auto& [name, millimetres] : corners) {
            if (auto set = detail::set_number_option(handle, name, millimetres); !set) {
                return option_fault(set.error());
            }
        }
    }
    for (const auto& [name, value] : settings_.extra_options) {
        if (auto set = detail::set_option_from_text(handle, name, value); !set)
            return option_fault(set.error());
    }
    return {};
}

void SaneScanner::end_batch() {
    if (batch_ && handle_ != nullptr) sane_cancel(static_cast<SANE_Handle>(handle_));
    batch_.reset();
}

void SaneScanner::close() {
    if (handle_ != nullptr) {
        end_batch();
        sane_close(static_cast<SANE_Handle>(handle_));
        handle_ = nullptr;
    }
    batch_.reset();
    session_.reset();  // the last scanner to let go ends the SANE session (sane_exit)
}

}  // namespace hk::scanner::sane
