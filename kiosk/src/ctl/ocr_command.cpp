#include "ocr_command.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>

#include "local_date.h"
#include "scanner/capture/image_file_scanner.h"
#include "scanner/document_reading.h"

namespace hk::kiosk::ctl {

namespace {

using nlohmann::json;
using scanner::fields::FieldStatus;

json quality_facts(const scanner::page::QualityReport& quality) {
    json hints = json::array();
    for (const auto hint : quality.hints) hints.push_back(std::string(scanner::page::to_string(hint)));
    return {{"sharpness", quality.sharpness},
            {"glare_fraction", quality.glare_fraction},
            {"coverage", quality.coverage},
            {"paper_brightness", quality.paper_brightness},
            {"dpi", quality.dpi},
            {"text_height_px", quality.text_height_px},
            {"hints", hints}};
}

// A field the citizen would have to fix: required and not there, or there and wrong.
bool blocking(const scanner::fields::ExtractedField& field,
              const scanner::fields::DocumentTemplate& document) {
    const auto* spec = document.field(field.id);
    const bool required = spec == nullptr || spec->required;
    return field.status == FieldStatus::Invalid || (required && field.status == FieldStatus::Missing);
}

json reading_facts(const scanner::DocumentReading& reading, const scanner::DocumentReader& reader,
                   int& status) {
    json facts;
    facts["quality"] = quality_facts(reading.quality);
    facts["skew_deg"] = reading.skew.angle_deg;
    facts["rotation_deg"] = reading.orientation_known ? json(reading.orientation.rotation_deg) : json();
    json lines = json::array();
    for (const auto& line : reading.text.lines)
        lines.push_back({{"text", line.text}, {"confidence", line.confidence}});
    facts["lines"] = lines;
    facts["milliseconds"] = {{"cleanup", reading.cleanup_ms},
                             {"ocr", reading.ocr_ms},
                             {"extraction", reading.extraction_ms},
                             {"total", reading.cleanup_ms + reading.ocr_ms + reading.extraction_ms}};
    if (!reading.document) {
        facts["result"] = reading.text.lines.empty() ? "no_text" : "unknown_document";
        status = std::max(status, 1);
        return facts;
    }
    const auto& templates = reader.templates();
    const auto document =
        std::ranges::find(templates, reading.document->type, &scanner::fields::DocumentTemplate::type);
    facts["document"] = reading.document->type;
    facts["identification_score"] = reading.identification_score;
    json fields = json::array();
    bool complete = true;
    for (const auto& field : reading.document->fields) {
        fields.push_back({{"id", field.id},
                          {"value", std::string(field.value.reveal())},
                          {"status", std::string(scanner::fields::to_string(field.status))},
                          {"confidence", field.confidence},
                          {"reason", field.reason}});
        if (document != templates.end() && blocking(field, *document)) complete = false;
    }
    facts["fields"] = fields;
    facts["result"] = complete ? "read" : "incomplete";
    if (!complete) status = std::max(status, 1);
    return facts;
}

void print_text(const json& facts, std::ostream& out) {
    out << facts["image"].get<std::string>() << ": " << facts["result"].get<std::string>();
    if (facts.contains("detail")) {
        out << " (" << facts["detail"].get<std::string>() << ")\n";
        return;
    }
    if (facts.contains("document")) out << " " << facts["document"].get<std::string>();
    out << ", straightened " << facts["skew_deg"].get<double>() << " deg";
    if (facts["rotation_deg"].is_number() && facts["rotation_deg"].get<int>() != 0)
        out << ", turned " << facts["rotation_deg"].get<int>() << " deg";
    out << ", " << facts["milliseconds"]["total"].get<double>() << " ms";
    const auto& hints = facts["quality"]["hints"];
    if (!hints.empty()) {
        out << ", capture hints:";
        for (const auto& hint : hints) out << " " << hint.get<std::string>();
    }
    out << "\n";
    if (facts.contains("fields")) {
        for (const auto& field : facts["fields"]) {
            out << "  " << field["id"].get<std::string>() << " = " << field["value"].get<std::string>()
                << "  [" << field["status"].get<std::string>() << ", " << field["confidence"].get<double>();
            if (!field["reason"].get<std::string>().empty())
                out << ", " << field["reason"].get<std::string>();
            out << "]\n";
        }
    }
    for (const auto& line : facts["lines"]) out << "  | " << line["text"].get<std::string>() << "\n";
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(const std::string& given) {
    const std::string text = given.empty() ? local_date() : given;
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &tail) != 3)
        return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                           std::chrono::day{day}};
    if (!date.ok()) return std::nullopt;
    return date;
}

int run_ocr(const OcrOptions& options, std::ostream& out, std::ostream& err) {
    scanner::DocumentReadingOptions reading_options;
    reading_options.cleanup.source =
        options.camera ? scanner::page::Source::Camera : scanner::page::Source::Flatbed;
    // Empty: the installed templates, else the source tree's (scanner::default_templates_dir).
    reading_options.templates_dir = options.templates_dir;
    reading_options.document_type = options.document_type;
    reading_options.extraction.today = options.today;
    auto reader = scanner::DocumentReader::create(reading_options);
    if (!reader) {
        err << "kioskctl ocr: " << reader.error() << "\n";
        return 2;
    }

    int status = 0;
    for (const std::filesystem::path& path : options.images) {
        scanner::capture::ImageFileScanner file({path});
        auto image = file.scan_page(scanner::ScanRequest{});
        if (!image) {
            err << "kioskctl ocr: " << path.string() << ": " << image.error().detail << "\n";
            status = 2;
            continue;
        }
        auto reading = (*reader)->read(*image);
        image->wipe();
        json facts;
        if (!reading) {
            facts = {{"result", "unreadable"}, {"detail", reading.error()}};
            status = std::max(status, 1);
        } else {
            facts = reading_facts(*reading, **reader, status);
            reading->wipe();
        }
        facts["image"] = path.string();
        if (options.json) {
            out << facts.dump() << "\n";
        } else {
            print_text(facts, out);
        }
    }
    return status;
}

}  // namespace hk::kiosk::ctl
