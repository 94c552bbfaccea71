#include "scanner/sim/simulated_scanner.h"

#include "drivers/personal_string.h"
#include "scanner/frame_check.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <utility>

namespace hk::scanner::sim {

using drivers::DeviceFault;
using drivers::DeviceKind;
using drivers::FaultKind;

namespace {

std::string fault_detail(FaultKind kind) {
    return "simulated fault " + std::string{drivers::to_string(kind)};
}

std::unexpected<DeviceFault> fail(DeviceKind device, FaultKind kind) {
    return std::unexpected(DeviceFault{device, kind, fault_detail(kind)});
}

drivers::DeviceStatus injector_status(const drivers::sim::FaultInjector& faults, std::string ready_detail) {
    drivers::DeviceStatus status;
    if (faults.unplugged()) {
        status.fault = FaultKind::Unplugged;
        status.detail = "unplugged";
        return status;
    }
    status.ready = true;
    status.detail = std::move(ready_detail);
    return status;
}

// A self-test that failed with an injected fault: the detail names the simulated condition only.
drivers::SelfTestResult injected_failure(DeviceKind device, FaultKind kind,
                                         std::vector<std::pair<std::string, std::string>> checks) {
    return drivers::failed_self_test(DeviceFault{device, kind, fault_detail(kind)}, std::move(checks));
}

// The simulated glass at calibration resolution: A4 (210 x 297 mm) at 50 dpi.
constexpr FrameSize kCalibrationFrame{413, 585};

}  // namespace

Image synthetic_page(int width, int height, unsigned seed) {
    Image page;
    if (width <= 0 || height <= 0) return page;
    page.width = width;
    page.height = height;
    page.channels = 1;
    page.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);

    // minstd_rand is fully specified by the standard (std distributions are not), so a seed gives the same
    // page with every standard library.
    std::minstd_rand random{seed == 0 ? 1U : seed};
    const auto uniform = [&random](int low, int high) {  // inclusive; high >= low
        return low + static_cast<int>(random() % static_cast<unsigned>(high - low + 1));
    };

    const int margin_x = width / 10;
    const int margin_y = height / 12;
    const int line_height = std::max(1, height / 60);
    const int line_pitch = line_height * 2 + 1;
    const int text_width = width - 2 * margin_x;
    if (text_width <= 0) return page;

    for (int top = margin_y; top + line_height <= height - margin_y; top += line_pitch) {
        // Lines of words: a ragged right edge and gaps between words, as on a printed form.
        const int line_end = margin_x + text_width / 2 + uniform(0, text_width / 2);
        int x = margin_x;
        while (x < line_end) {
            const int word_end = std::min(line_end, x + uniform(line_height * 2, line_height * 7));
            const auto ink = static_cast<std::uint8_t>(uniform(20, 70));
            for (int y = top; y < top + line_height; ++y) {
                auto row = page.pixels.begin() + static_cast<std::ptrdiff_t>(y) * width;
                std::fill(row + x, row + word_end, ink);
            }
            x = word_end + line_height + 1;
        }
    }
    return page;
}

// ---- scanner ----

void SimulatedScanner::place(SimulatedDocument document) {
    const std::lock_guard lock(mutex_);
    if (glass_) glass_->page.wipe();
    glass_ = std::move(document);
}

void SimulatedScanner::feed(std::vector<SimulatedDocument> pages) {
    const std::lock_guard lock(mutex_);
    for (auto& page : pages) feeder_.push_back(std::move(page));
}

void SimulatedScanner::clear() {
    const std::lock_guard lock(mutex_);
    if (glass_) glass_->page.wipe();
    glass_.reset();
    for (auto& document : feeder_) document.page.wipe();
    feeder_.clear();
}

drivers::DeviceStatus SimulatedScanner::status() {
    const std::lock_guard lock(mutex_);
    // Counts only: document labels may name what the citizen brought.
    return injector_status(faults_, std::string{glass_ ? "document on glass" : "glass empty"} + ", " +
                                        std::to_string(feeder_.size()) + " page(s) in feeder");
}

drivers::SelfTestResult SimulatedScanner::self_test() {
    std::this_thread::sleep_for(faults_.delay());
    std::vector<std::pair<std::string, std::string>> checks{{"scanner", "simulated"}};
    if (const auto fault = faults_.take_fault()) return injected_failure(kind(), *fault, std::move(checks));
    // Calibration scans the lid, not what lies on the glass: the citizen's document is never part of it.
    Image frame = synthetic_page(kCalibrationFrame.width, kCalibrationFrame.height, 7);
    if (auto problem = check_frame(frame, kCalibrationFrame, 0, checks)) {
        return drivers::failed_self_test(DeviceFault{kind(), FaultKind::Unreadable, *problem},
                                         std::move(checks));
    }
    return drivers::SelfTestResult{true, std::nullopt, "simulated calibration scan good", std::move(checks)};
}

std::expected<Image, DeviceFault> SimulatedScanner::scan_page(const ScanRequest& request) {
    std::this_thread::sleep_for(faults_.delay());
    if (const auto fault = faults_.take_fault()) return fail(kind(), *fault);

    Image page;
    {
        const std::lock_guard lock(mutex_);
        if (request.source == ScanSource::Feeder) {
            if (feeder_.empty()) return fail(kind(), FaultKind::NoDocument);
            page = std::move(feeder_.front().page);
            feeder_.pop_front();
        } else {
            if (!glass_) return fail(kind(), FaultKind::NoDocument);
            page = glass_->page;
        }
    }
    page.dpi = request.dpi;
    return with_channels(std::move(page), request.colour ? 3 : 1);
}

std::optional<SimulatedDocument> SimulatedScanner::on_glass() const {
    const std::lock_guard lock(mutex_);
    return glass_;
}

// ---- MRZ reader ----

std::expected<std::vector<std::string>, DeviceFault> SimulatedMrzReader::read_mrz_lines() {
    std::this_thread::sleep_for(faults_.delay());
    if (const auto fault = faults_.take_fault()) return fail(kind(), *fault);
    // Reading the MRZ is a scan: the scanner's own condition and faults apply to it as well.
    std::this_thread::sleep_for(scanner_.faults().delay());
    if (const auto fault = scanner_.faults().take_fault()) return fail(kind(), *fault);

    auto document = scanner_.on_glass();
    if (!document) return fail(kind(), FaultKind::NoDocument);
    document->page.wipe();  // only the printed lines are needed
    if (document->mrz_lines.empty()) return fail(kind(), FaultKind::Unreadable);
    return std::move(document->mrz_lines);
}

drivers::SelfTestResult SimulatedMrzReader::self_test() {
    std::this_thread::sleep_for(faults_.delay());
    if (const auto fault = faults_.take_fault())
        return injected_failure(kind(), *fault, {{"mrz_reader", "simulated"}});
    drivers::SelfTestResult result = scanner_.self_test();
    result.checks.insert(result.checks.begin(), {"mrz_reader", "simulated"});
    return result;
}

// ---- camera ----

drivers::DeviceStatus SimulatedCamera::status() {
    return injector_status(faults_, "streaming");
}

drivers::SelfTestResult SimulatedCamera::self_test() {
    std::vector<std::pair<std::string, std::string>> checks{{"camera", "simulated"}};
    auto frame = capture_frame();
    if (!frame) return drivers::failed_self_test(frame.error(), std::move(checks));
    if (auto problem = check_frame(*frame, FrameSize{640, 480}, 0, checks)) {
        return drivers::failed_self_test(DeviceFault{kind(), FaultKind::Unreadable, *problem},
                                         std::move(checks));
    }
    return drivers::SelfTestResult{true, std::nullopt, "simulated camera delivers frames", std::move(checks)};
}

std::expected<Image, DeviceFault> SimulatedCamera::capture_frame() {
    std::this_thread::sleep_for(faults_.delay());
    if (const auto fault = faults_.take_fault()) return fail(kind(), *fault);
    {
        const std::lock_guard lock(mutex_);
        if (!shown_.empty()) {
            const std::size_t at = std::min(next_shown_++, shown_.size() - 1);
            return shown_[at];
        }
    }
    // A new seed each frame, so consecutive frames differ as a live picture does.
    return with_channels(synthetic_page(640, 480, ++frame_counter_), 3);
}

void SimulatedCamera::show(std::vector<Image> frames) {
    const std::lock_guard lock(mutex_);
    for (Image& old : shown_) old.wipe();
    shown_ = std::move(frames);
    next_shown_ = 0;
}

void SimulatedCamera::take_away() {
    show({});
}

}  // namespace hk::scanner::sim
