#include "page_reader.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>

#include "ops/events/log_event.h"

namespace hk::kiosk {

using ops::Disposition;
using ops::EventId;
using ops::log_event;

namespace {

std::atomic<int> g_setups_running{0};

}  // namespace

PageReader::PageReader(EventQueue& events, Factory create) : events_(events) {
    ++g_setups_running;
    std::thread([setup = setup_, create = std::move(create)]() mutable {
        (void)pthread_setname_np(pthread_self(), "page-reader-set");
        auto reader = create();
        if (!reader) {
            // Scanning still works: pages are kept and filed, they simply carry no fields.
            log_event(EventId::DocumentReaderUnavailable, "{}", reader.error());
        } else {
            log_event(EventId::DocumentReaderReady, "{} document template(s)", (*reader)->templates().size());
        }
        {
            const std::scoped_lock lock{setup->mutex};
            if (reader) setup->reader = std::move(*reader);
            setup->finished = true;
            setup->ready = setup->reader != nullptr;
        }
        setup->finished_changed.notify_all();
        // Let go first: when the PageReader is gone, the reader made here is freed now, by this thread.
        setup.reset();
        create = nullptr;
        --g_setups_running;  // last: the thread touches nothing after this
    }).detach();
}

PageReader::~PageReader() = default;

int PageReader::setups_running() {
    return g_setups_running.load();
}

scanner::DocumentReader* PageReader::wait_for_setup(const std::stop_token& stop) {
    std::unique_lock lock{setup_->mutex};
    if (!setup_->finished_changed.wait(lock, stop, [this] { return setup_->finished; })) return nullptr;
    return setup_->reader.get();
}

void PageReader::read(int page_id, scanner::Image page) {
    const std::uint64_t generation = generation_.load();
    worker_.post([this, page_id, generation, page = std::move(page)](const std::stop_token& stop) mutable {
        scanner::DocumentReader* reader = wait_for_setup(stop);
        if (stop.stop_requested()) {
            page.wipe();
            return;
        }
        PageRead answer{page_id, std::nullopt};
        if (reader != nullptr && generation == generation_.load()) {
            auto reading = reader->read(page);
            if (reading) {
                answer.document = to_read_document(*reading, reader->templates());
                reading->wipe();
                log_event(EventId::PageRead, answer.document ? Disposition::Success : Disposition::Failure,
                          "page {}: {}", page_id, answer.document ? answer.document->type : "not recognised");
            } else {
                log_event(EventId::PageRead, Disposition::Failure, "page {}: {}", page_id, reading.error());
            }
        }
        page.wipe();
        if (generation != generation_.load()) {
            if (answer.document) answer.document->wipe();
            return;
        }
        events_.push(std::move(answer));
    });
}

std::optional<ReadDocument> to_read_document(const scanner::DocumentReading& reading,
                                             std::span<const scanner::fields::DocumentTemplate> templates) {
    using scanner::fields::FieldStatus;
    if (!reading.document) return std::nullopt;
    const scanner::fields::ExtractedDocument& extracted = *reading.document;
    ReadDocument document;
    document.type = extracted.type;
    const auto spec = std::ranges::find(templates, extracted.type, &scanner::fields::DocumentTemplate::type);
    if (spec != templates.end()) {
        const auto& names = spec->display_name;
        document.name = LocalisedText{names.zh_CN, names.en, names.ko};
    } else {
        document.name = LocalisedText{extracted.type, extracted.type, extracted.type};
    }
    for (const scanner::fields::ExtractedField& field : extracted.fields) {
        if (field.status == FieldStatus::Missing) continue;
        ReadField read;
        read.id = field.id;
        // The label the document prints, so the citizen finds the value on the paper in front of them.
        const scanner::fields::FieldSpec* field_spec =
            spec != templates.end() ? spec->field(field.id) : nullptr;
        read.label =
            field_spec != nullptr && !field_spec->labels.empty() ? field_spec->labels.front() : field.id;
        read.value = field.value;
        read.valid = field.status != FieldStatus::Invalid;
        read.confidence = field.confidence;
        read.reader_doubts = field.status == FieldStatus::Doubtful;
        document.fields.push_back(std::move(read));
    }
    return document;
}

namespace {

std::chrono::year_month_day local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return std::chrono::year{local.tm_year + 1900} /
           std::chrono::month{static_cast<unsigned>(local.tm_mon + 1)} /
           std::chrono::day{static_cast<unsigned>(local.tm_mday)};
}

}  // namespace

PageReader::Factory document_reader_factory(std::filesystem::path templates_dir) {
    return [templates_dir = std::move(templates_dir)] {
        scanner::DocumentReadingOptions options;
        options.cleanup.source = scanner::page::Source::Flatbed;
        options.templates_dir = templates_dir;  // empty: the installed ones, else the source tree's
        // The date the kiosk starts on: a kiosk up for days marks a document dated since as doubtful (in the
        // future), which the citizen then confirms; never the other way round.
        options.extraction.today = local_today();
        return scanner::DocumentReader::create(std::move(options));
    };
}

}  // namespace hk::kiosk
