#include "page_reader.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "ops/events/log_event.h"

namespace hk::kiosk {

using ops::Disposition;
using ops::EventId;
using ops::log_event;

PageReader::PageReader(EventQueue& events, Factory create) : events_(events) {
    worker_.post([this, create = std::move(create)](const std::stop_token&) {
        auto reader = create();
        if (!reader) {
            // Scanning still works: pages are kept and filed, they simply carry no fields.
            log_event(EventId::DocumentReaderUnavailable, "{}", reader.error());
            return;
        }
        reader_ = std::move(*reader);
        ready_ = true;
        log_event(EventId::DocumentReaderReady, "{} document template(s)", reader_->templates().size());
    });
}

void PageReader::read(int page_id, scanner::Image page) {
    const std::uint64_t generation = generation_.load();
    worker_.post([this, page_id, generation, page = std::move(page)](const std::stop_token&) mutable {
        PageRead answer{page_id, std::nullopt};
        if (reader_ && generation == generation_.load()) {
            auto reading = reader_->read(page);
            if (reading) {
                answer.document = to_read_document(*reading, reader_->templates());
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
