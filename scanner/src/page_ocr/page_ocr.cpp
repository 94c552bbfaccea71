// The worker pool and the Tesseract calls. Each worker thread owns one TessBaseAPI for all the languages
// (plus one for the first language alone, for second readings), initialised once in that thread (an engine
// is not thread-safe, and chi_sim+eng takes most of a second to load), and takes pieces of pages (bands or
// regions) from one queue shared by every caller.
#include "scanner/page_ocr/page_ocr.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <dlfcn.h>

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "drivers/personal_string.h"
#include "line_text.h"

namespace hk::scanner {

namespace {

using PieceResult = std::expected<std::vector<OcrLine>, PageOcrError>;

// Tesseract hands out new[]-allocated UTF-8 that may be someone's name: wiped before it is freed.
struct TesseractText {
    char* text = nullptr;
    explicit TesseractText(char* t) : text(t) {}
    ~TesseractText() {
        if (text != nullptr) drivers::wipe_bytes(text, std::strlen(text));
        delete[] text;
    }
    TesseractText(const TesseractText&) = delete;
    TesseractText& operator=(const TesseractText&) = delete;
    [[nodiscard]] std::string_view view() const {
        if (text == nullptr) return {};
        std::string_view v(text);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\n')) v.remove_suffix(1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        return v;
    }
};

std::vector<std::string> split_languages(const std::string& languages) {
    std::vector<std::string> names;
    std::istringstream in(languages);
    for (std::string name; std::getline(in, name, '+');) {
        if (!name.empty()) names.push_back(name);
    }
    return names;
}

PixelBox clip(const PixelBox& box, int width, int height) {
    // In 64 bits: a template's box may be any ints, and x + width must not overflow.
    auto within = [](long long v, int limit) { return static_cast<int>(std::clamp(v, 0LL, 0LL + limit)); };
    const int left = within(box.x, width);
    const int top = within(box.y, height);
    const int right = within(0LL + box.x + std::max(box.width, 0), width);
    const int bottom = within(0LL + box.y + std::max(box.height, 0), height);
    return {left, top, right - left, bottom - top};
}

PixelBox box_of(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level,
                const PixelBox& piece) {
    int left = 0, top = 0, right = 0, bottom = 0;
    if (!it.BoundingBox(level, &left, &top, &right, &bottom)) return {};
    return {piece.x + left, piece.y + top, right - left, bottom - top};
}

// Reads one rectangle of the page. The engine gets a pointer into the caller's pixels (it copies them into
// its own picture), so no copy of the page is made here.
PieceResult read_lines(tesseract::TessBaseAPI& api, const Image& image, const PixelBox& piece) {
    const int stride = image.width * image.channels;
    const std::uint8_t* origin = image.pixels.data() + static_cast<std::ptrdiff_t>(piece.y) * stride +
                                 static_cast<std::ptrdiff_t>(piece.x) * image.channels;
    api.SetImage(origin, piece.width, piece.height, image.channels, stride);
    api.SetSourceResolution(image.dpi > 0 ? image.dpi : 300);
    if (api.Recognize(nullptr) != 0) {
        api.Clear();
        return std::unexpected(
            PageOcrError{PageOcrFault::RecognitionFailed, "Tesseract could not read a band"});
    }
    std::vector<OcrLine> lines;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    if (it != nullptr) {
        do {
            if (it->Empty(tesseract::RIL_WORD)) continue;
            if (lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
                OcrLine line;
                line.box = box_of(*it, tesseract::RIL_TEXTLINE, piece);
                lines.push_back(std::move(line));
            }
            const TesseractText text(it->GetUTF8Text(tesseract::RIL_WORD));
            if (text.view().empty()) continue;
            lines.back().words.push_back({std::string(text.view()), box_of(*it, tesseract::RIL_WORD, piece),
                                          it->Confidence(tesseract::RIL_WORD)});
        } while (it->Next(tesseract::RIL_WORD));
    }
    api.Clear();
    std::erase_if(lines, [](const OcrLine& line) { return line.words.empty(); });
    for (OcrLine& line : lines) {
        float sum = 0;
        for (const OcrWord& word : line.words) {
            append_word(line.text, word.text);
            sum += word.confidence;
        }
        line.confidence = sum / static_cast<float>(line.words.size());
    }
    return lines;
}

// One worker's engines: all the languages, and the first language alone for second readings.
struct Engines {
    tesseract::TessBaseAPI all;
    tesseract::TessBaseAPI first;
    bool has_first = false;
};

// Latin letters, perhaps with digits ("5SPEXAZB"): what the Latin model makes of CJK it should not have read.
bool latin_word(std::string_view text) {
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    return std::ranges::any_of(text, letter) &&
           std::ranges::all_of(text, [&](char c) { return letter(c) || (c >= '0' && c <= '9'); });
}

bool has_cjk(const OcrLine& line) {
    return std::ranges::any_of(line.words, [](const OcrWord& word) {
        return !word.text.empty() && static_cast<unsigned char>(word.text.front()) >= 0xE0U;
    });
}

// With several languages Tesseract lets the Latin model win a short CJK word now and then (a two-character
// name read as "XING", a title as "BRPOS"), always with a doubtful confidence. Such a line is read again by
// the first language alone, and that reading is kept when it finds CJK text and is not clearly less sure.
constexpr float kDoubtfulLatin = 80.0F;
constexpr float kSecondReadingMargin = 10.0F;

bool doubtful(const OcrLine& line) {
    return std::ranges::any_of(line.words, [](const OcrWord& word) {
        return word.confidence < kDoubtfulLatin && latin_word(word.text);
    });
}

PieceResult read_piece(Engines& engines, const Image& image, const PixelBox& piece) {
    auto lines = read_lines(engines.all, image, piece);
    if (!lines || !engines.has_first) return lines;
    for (OcrLine& line : *lines) {
        if (!doubtful(line)) continue;
        const int pad = std::max(4, line.box.height / 3);
        const PixelBox around =
            clip({line.box.x - pad, line.box.y - pad, line.box.width + 2 * pad, line.box.height + 2 * pad},
                 image.width, image.height);
        auto again = read_lines(engines.first, image, around);
        if (!again || again->size() != 1) continue;
        OcrLine& second = again->front();
        if (has_cjk(second) && second.confidence + kSecondReadingMargin >= line.confidence) {
            drivers::wipe_bytes(line.text.data(), line.text.size());
            line = std::move(second);
        }
    }
    return lines;
}

// Each worker is one core: Tesseract's own OpenMP teams (Debian builds it with OpenMP, 4 threads per LSTM
// layer) would only fight the workers, and spin: measured here, 5.1 processor seconds a page instead of 1.3.
// OMP_THREAD_LIMIT=1 is the documented switch, but libgomp reads it when it is loaded, before main, so
// setting it here only helps a libgomp loaded later (and child processes). What does take effect at run time
// is a maximum of 0 active parallel levels: every parallel region then runs on the thread that meets it. It
// is a per-thread setting in libgomp, so each worker sets it for itself. Looked up rather than linked, so
// this library does not depend on an OpenMP runtime Tesseract may not use.
void serialise_openmp_in_this_thread() {
    using SetLevels = void (*)(int);
    if (void* symbol = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"); symbol != nullptr) {
        reinterpret_cast<SetLevels>(symbol)(0);
    }
}

}  // namespace

struct PageOcr::Impl {
    using Job = std::function<void(Engines&)>;

    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> queue;
    bool stopping = false;
    std::vector<std::thread> threads;

    void run(const PageOcrOptions& options, std::promise<std::string> started) {
        serialise_openmp_in_this_thread();
        Engines engines;
        const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
        const std::vector<std::string> languages = split_languages(options.languages);
        std::string failure;
        if (engines.all.Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
            failure = "Tesseract could not load '" + options.languages + "' from " +
                      (datapath != nullptr ? options.tessdata_dir : std::string("its default tessdata"));
        } else {
            // A language after the first that fails to load is only a warning to Tesseract; to a kiosk that
            // reads Chinese names it is a broken installation.
            std::vector<std::string> loaded;
            engines.all.GetLoadedLanguagesAsVector(&loaded);
            for (const std::string& wanted : languages) {
                if (std::find(loaded.begin(), loaded.end(), wanted) == loaded.end()) {
                    failure = "Tesseract could not load language '" + wanted + "'";
                }
            }
        }
        if (failure.empty() && options.second_reading && languages.size() > 1) {
            if (engines.first.Init(datapath, languages.front().c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
                failure = "Tesseract could not load '" + languages.front() + "'";
            }
            engines.has_first = failure.empty();
        }
        // Pieces are bands of whole lines, template regions or single lines: one block of text each, no
        // column finding.
        engines.all.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
        engines.first.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
        // Tesseract's running commentary ("Empty page!!", "Image too small to scale!!") would land in the
        // kiosk's journal unexplained; what matters comes back in the result.
        engines.all.SetVariable("debug_file", "/dev/null");
        engines.first.SetVariable("debug_file", "/dev/null");
        started.set_value(failure);
        if (!failure.empty()) return;
        for (;;) {
            Job job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [&] { return stopping || !queue.empty(); });
                if (queue.empty()) break;  // stopping, and every queued piece has been read
                job = std::move(queue.front());
                queue.pop_front();
            }
            job(engines);
        }
        engines.all.End();
        engines.first.End();
    }

    void stop() {
        {
            const std::lock_guard lock(mutex);
            stopping = true;
        }
        wake.notify_all();
        for (std::thread& thread : threads) thread.join();
        threads.clear();
    }

    std::future<PieceResult> submit(const Image& image, const PixelBox& piece) {
        auto promise = std::make_shared<std::promise<PieceResult>>();
        auto future = promise->get_future();
        {
            const std::lock_guard lock(mutex);
            queue.emplace_back([promise, &image, piece](Engines& engines) {
                try {
                    promise->set_value(read_piece(engines, image, piece));
                } catch (const std::exception& e) {
                    promise->set_value(
                        std::unexpected(PageOcrError{PageOcrFault::RecognitionFailed, e.what()}));
                }
            });
        }
        wake.notify_one();
        return future;
    }
};

PageOcr::PageOcr(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PageOcr::~PageOcr() {
    impl_->stop();
}

int PageOcr::workers() const {
    return static_cast<int>(impl_->threads.size());
}

std::expected<std::unique_ptr<PageOcr>, PageOcrError> PageOcr::create(const PageOcrOptions& options) {
    if (options.workers < 1) {
        return std::unexpected(
            PageOcrError{PageOcrFault::EngineInitFailed, "page OCR needs at least one worker"});
    }
    for (const std::string& name : split_languages(options.languages)) {
        if (name.find_first_of("/\\.") != std::string::npos) {
            return std::unexpected(
                PageOcrError{PageOcrFault::EngineInitFailed, "bad language name '" + name + "'"});
        }
    }
    if (split_languages(options.languages).empty()) {
        return std::unexpected(PageOcrError{PageOcrFault::EngineInitFailed, "no language given"});
    }
    setenv("OMP_THREAD_LIMIT", "1", 0);  // for a libgomp loaded later, and for child processes

    auto impl = std::make_unique<Impl>();
    std::vector<std::future<std::string>> started;
    for (int i = 0; i < options.workers; ++i) {
        std::promise<std::string> promise;
        started.push_back(promise.get_future());
        impl->threads.emplace_back([raw = impl.get(), options, p = std::move(promise)]() mutable {
            raw->run(options, std::move(p));
        });
    }
    std::string failure;
    for (auto& f : started) {
        std::string message = f.get();
        if (failure.empty()) failure = std::move(message);
    }
    if (!failure.empty()) {
        impl->stop();
        return std::unexpected(PageOcrError{PageOcrFault::EngineInitFailed, failure});
    }
    return std::unique_ptr<PageOcr>(new PageOcr(std::move(impl)));
}

std::expected<OcrPage, PageOcrError> PageOcr::recognise(const Image& image,
                                                        const std::vector<PixelBox>& regions) const {
    // Tesseract's pictures are at most 32767 pixels a side.
    constexpr int kMaxSide = 32767;
    if (image.width <= 0 || image.height <= 0 || image.width > kMaxSide || image.height > kMaxSide ||
        (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<std::size_t>(image.width) *
                                   static_cast<std::size_t>(image.height) *
                                   static_cast<std::size_t>(image.channels)) {
        return std::unexpected(
            PageOcrError{PageOcrFault::BadImage, "not an 8-bit grey or RGB image of its size"});
    }
    OcrPage page;
    page.width = image.width;
    page.height = image.height;
    page.dpi = image.dpi;

    std::vector<PixelBox> pieces;
    if (regions.empty()) {
        // A few bands per worker, so a worker that drew the dense half of the page is not left running alone.
        pieces = split_into_bands(image, workers() * 3);
    } else {
        for (const PixelBox& region : regions) {
            const PixelBox clipped = clip(region, image.width, image.height);
            if (clipped.width > 0 && clipped.height > 0) pieces.push_back(clipped);
        }
    }
    std::vector<std::future<PieceResult>> results;
    results.reserve(pieces.size());
    for (const PixelBox& piece : pieces) results.push_back(impl_->submit(image, piece));

    std::optional<PageOcrError> error;
    for (auto& result : results) {
        PieceResult lines = result.get();  // every piece is waited for: the workers point into `image`
        if (!lines) {
            if (!error) error = lines.error();
            continue;
        }
        for (OcrLine& line : *lines) page.lines.push_back(std::move(line));
    }
    if (error) return std::unexpected(*error);
    std::stable_sort(page.lines.begin(), page.lines.end(), [](const OcrLine& a, const OcrLine& b) {
        return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
    });
    return page;
}

}  // namespace hk::scanner
