// A simulated scanner with a document tray. A scenario, a test or the demo's keys put documents on it;
// scanning returns each document's page image, and the MRZ reader returns the MRZ printed on a passport lying
// there.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/sim/fault_injector.h"
#include "scanner/document_scanner.h"
#include "scanner/mrz_reader.h"

namespace hk::scanner::sim {

struct SimulatedDocument {
    std::string label;                   // e.g. "household register page"; for logs and the demo
    Image page;                          // what a scan returns
    std::vector<std::string> mrz_lines;  // printed MRZ, for passport photo pages; empty otherwise
};

// A synthetic page (white, with dark text-like bars) of the given size, so simulated scans look like
// documents.
Image synthetic_page(int width, int height, unsigned seed);

class SimulatedScanner final : public DocumentScanner {
  public:
    // Lays a document on the glass (replacing what was there) or adds pages to the feeder.
    void place(SimulatedDocument document);
    void feed(std::vector<SimulatedDocument> pages);
    void clear();
    drivers::sim::FaultInjector& faults() { return faults_; }

    drivers::DeviceStatus status() override;
    // A simulated calibration scan (a synthetic frame, checked as a real one is); fails with an injected
    // fault.
    drivers::SelfTestResult self_test() override;
    std::expected<Image, drivers::DeviceFault> scan_page(const ScanRequest& request) override;

    // The document on the glass, for the simulated MRZ reader.
    std::optional<SimulatedDocument> on_glass() const;

  private:
    mutable std::mutex mutex_;
    std::optional<SimulatedDocument> glass_;
    std::deque<SimulatedDocument> feeder_;
    drivers::sim::FaultInjector faults_;
};

// Simulated recognition: answers with the MRZ printed on the document lying on the simulated scanner, after
// the scanner's own faults (unplugged, no document, jam) and its own injected ones (Unreadable for a smudged
// MRZ).
class SimulatedMrzReader final : public MrzReader {
  public:
    explicit SimulatedMrzReader(SimulatedScanner& scanner) : scanner_(scanner) {}
    drivers::sim::FaultInjector& faults() { return faults_; }

    drivers::DeviceStatus status() override { return scanner_.status(); }
    // Its own injected faults, then the scanner's self-test (recognition needs a working scan).
    drivers::SelfTestResult self_test() override;
    std::expected<std::vector<std::string>, drivers::DeviceFault> read_mrz_lines() override;

  private:
    SimulatedScanner& scanner_;
    drivers::sim::FaultInjector faults_;
};

// The overhead document camera. Until something is shown it films an empty synthetic scene; `show` puts a
// sequence of frames under it (a page being laid down, scanner/sim/camera_scene.h), delivered in order, the
// last one repeated until the next `show` or `take_away`.
class SimulatedCamera final : public Camera {
  public:
    void show(std::vector<Image> frames);
    void take_away();
    drivers::sim::FaultInjector& faults() { return faults_; }
    drivers::DeviceStatus status() override;
    // Grabs a frame and checks it as the real camera's self-test does; fails with an injected fault.
    drivers::SelfTestResult self_test() override;
    std::expected<Image, drivers::DeviceFault> capture_frame() override;

  private:
    drivers::sim::FaultInjector faults_;
    std::mutex mutex_;  // show() comes from the main thread, frames are taken on a device worker
    std::vector<Image> shown_;
    std::size_t next_shown_ = 0;
    unsigned frame_counter_ = 0;
};

}  // namespace hk::scanner::sim
