// Reads what a kept page says (which document it is, its fields) with the scanner library's DocumentReader,
// on a worker of its own: the reader takes seconds to set up and about a second a page, which neither the
// first screen, the scanner (free at once for the citizen's next page) nor a stop should wait for. Every page
// handed over is answered with a PageRead, with no document when the reader could not be set up or the page
// could not be read, so the review screen never waits for an answer that will not come.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>

#include "event_queue.h"
#include "kiosk/session/state.h"
#include "scanner/document_reading.h"
#include "worker.h"

namespace hk::kiosk {

class PageReader {
  public:
    using Factory = std::function<std::expected<std::unique_ptr<scanner::DocumentReader>, std::string>()>;

    // Runs `create` at once on a thread of its own; pages handed over meanwhile wait on the reader's worker.
    PageReader(EventQueue& events, Factory create);
    // Does not wait for a setup still running: loading the OCR models takes seconds (minutes on a slow
    // machine) and cannot be interrupted, and a kiosk told to stop must stop. The setup ends on its own
    // and then frees what it made; see setups_running.
    ~PageReader();
    PageReader(const PageReader&) = delete;
    PageReader& operator=(const PageReader&) = delete;

    // Reads the page (wiped afterwards) and posts PageRead{page_id, ...}.
    void read(int page_id, scanner::Image page);
    // The session ended: pages handed over before are wiped unread, and nothing read before is posted.
    void forget_pages() { ++generation_; }
    // Set up and usable (false while being set up, and for good when it could not be).
    [[nodiscard]] bool ready() const { return setup_->ready.load(); }

    // Setups still running, of any PageReader, destroyed ones too. A process that ends while one runs must
    // end with std::_Exit: exit() would run the libraries' static destructors under the loading thread.
    [[nodiscard]] static int setups_running();

  private:
    // Shared with the setup thread, which may outlive the PageReader.
    struct Setup {
        std::mutex mutex;
        std::condition_variable_any finished_changed;
        bool finished = false;                            // guarded by mutex
        std::unique_ptr<scanner::DocumentReader> reader;  // set before finished; then used on the worker only
        std::atomic<bool> ready{false};
    };
    // The reader once set up, or null when it could not be or the PageReader is going away.
    scanner::DocumentReader* wait_for_setup(const std::stop_token& stop);

    EventQueue& events_;
    std::shared_ptr<Setup> setup_ = std::make_shared<Setup>();
    std::atomic<std::uint64_t> generation_{0};
    Worker worker_{"page-reader"};  // last: joined before the members its jobs use go
};

// The reader's result as the session keeps it: the document's type and names, and each field found (a field
// not on the page is left out: there is nothing for the citizen to check) with its value, validity and
// confidence. Nullopt when no template matched.
std::optional<ReadDocument> to_read_document(const scanner::DocumentReading& reading,
                                             std::span<const scanner::fields::DocumentTemplate> templates);

// The kiosk's reader: flatbed pages, the templates in `templates_dir` (empty: the installed ones, else the
// source tree's), dates checked against the local date when it is set up.
PageReader::Factory document_reader_factory(std::filesystem::path templates_dir = {});

}  // namespace hk::kiosk
