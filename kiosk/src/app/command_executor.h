// Carries out the session engine's commands: hands each to the worker of the device (or the central service)
// it concerns and posts what happened back to the event queue. Never blocks the caller (the main loop).
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "device_set.h"
#include "event_queue.h"
#include "kiosk/catalogue.h"
#include "kiosk/session/commands.h"
#include "page_store.h"
#include "worker.h"

namespace hk::kiosk {

class Journal;
class PageReader;

// Service mode: what the kiosk app lends the executor. `is_technician_card` runs on the chip worker and must
// not refer to anything that may be gone before the executor (capture by value); the others only hand the
// command over (the service desk runs it on its own worker and answers on the event queue). Unset hooks
// refuse.
struct ServiceModeHooks {
    std::function<bool(std::string_view card_id)> is_technician_card;
    std::function<void(CheckTechnicianPin)> check_pin;
    std::function<void(RunServiceFunction)> run_function;
    std::function<void(const ServiceModeClosed&)> closed;
};

struct ExecutorOptions {
    std::string kiosk_id = "kiosk-dev";
    std::string boot_id;
    Journal* journal = nullptr;  // none: nothing is journaled (tests of other parts)
    std::chrono::milliseconds poll_slice{
        200};  // how long one blocking device wait lasts before checking for cancel
    std::function<std::string()> local_time;  // "2026-11-22 14:05" for receipts
    // Reads each kept page (document and fields); it must outlive the executor. None: pages are answered at
    // once as read with nothing recognised.
    PageReader* page_reader = nullptr;
    // Supporting documents are photographed by the overhead document camera (live preview, taken when two
    // frames in a row are good) instead of scanned on the flatbed.
    bool documents_from_camera = false;
    std::chrono::milliseconds camera_frame_gap{150};  // between frames looked at: the UI and reader need CPU
    std::chrono::milliseconds camera_give_up{60000};  // no good frame by then: refused, "scan" again
};

class CommandExecutor {
  public:
    CommandExecutor(DeviceSet devices, EventQueue& events, const Catalogue& catalogue,
                    ExecutorOptions options);
    ~CommandExecutor();

    void execute(Command command);
    // Set once, before the first command (the hooks need the control context, which needs the executor).
    void set_service_mode_hooks(ServiceModeHooks hooks) { service_hooks_ = std::move(hooks); }

    [[nodiscard]] PageStore& pages() { return pages_; }
    // Serials of certificates issued but not handed over in this run (kept for reprint).
    [[nodiscard]] std::vector<std::string> kept_for_reprint() const;
    [[nodiscard]] std::vector<std::string> unclaimed_applications() const;

    // Runs `job` on the worker that owns `device` (the camera shares the scanner's), after what is queued
    // there: technicians' self-tests and test prints never race a citizen's read or print on the same device.
    void post_device_job(drivers::DeviceKind device, Worker::Job job);
    // The worker whose current job has run longest, and for how long: for the watchdog.
    struct BusiestWorker {
        std::string name;
        std::chrono::steady_clock::duration busy_for{};
    };
    [[nodiscard]] BusiestWorker busiest_worker(std::chrono::steady_clock::time_point now) const;

  private:
    void read_card(std::uint64_t request);
    void read_mrz(std::uint64_t request);
    void read_chip(std::uint64_t request, drivers::ChipAccessKey key);
    // Service mode (command_executor_service_mode.cpp).
    void watch_for_technician_card(std::uint64_t request, std::uint64_t generation);
    void scan_page(std::uint64_t request);
    void photograph_page(std::uint64_t request);
    // A page kept (from either source): stored, announced, and handed to the page reader.
    void keep_page(std::uint64_t request, scanner::Image page);
    void find_kept_certificate(FindKeptCertificate command);
    void print_certificate(std::uint64_t request, IssuedCertificate certificate);
    void print_receipt(PrintReceipt request);
    void call_central(Command command);
    void issue_certificate(IssueCertificate command);
    void file_application(FileApplication command);
    // At the end of a session: close its transaction in the journal; one left open by a failure is resolved.
    void settle_transaction();
    void journal_step(bool (Journal::*step)(const std::string&));
    [[nodiscard]] bool still_wanted(std::uint64_t generation) const {
        return generation == read_generation_.load();
    }

    DeviceSet devices_;
    EventQueue& events_;
    const Catalogue& catalogue_;
    ExecutorOptions options_;
    PageStore pages_;
    std::atomic<std::uint64_t> read_generation_{0};
    mutable std::mutex kept_mutex_;
    std::vector<std::string> kept_for_reprint_;
    std::vector<std::string> unclaimed_applications_;
    std::mutex transaction_mutex_;
    std::string open_transaction_;  // idempotency key of this session's issuing or filing step
    ServiceModeHooks service_hooks_;
    // The technician card last reported, used on the chip worker only: a card left on the reader after
    // service mode is not reported again until it has left the field.
    std::string technician_card_in_field_;

    // Workers last: destroyed (joined) first, while everything their jobs use still exists.
    Worker id_reader_worker_{"id-reader"};
    Worker chip_worker_{"chip-reader"};
    Worker scanner_worker_{"scanner"};
    Worker a4_worker_{"a4-printer"};
    Worker receipt_worker_{"receipt-printer"};
    Worker central_worker_{"central"};
};

}  // namespace hk::kiosk
