// `kioskctl ocr IMAGE... [--json] [--doc TYPE] [--camera] [--templates DIR]`: reads supporting documents
// (household register page, marriage certificate, admission notice, employment contract) from image files
// with the kiosk's own pipeline, offline: per image the capture's quality and hints, the turn and tilt
// undone, the document recognised, its fields with status and confidence, the text lines, and the time of
// each step. For technicians checking a scanner's output, for template authors, and for evaluation.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace hk::kiosk::ctl {

struct OcrOptions {
    std::vector<std::filesystem::path> images;
    bool json = false;
    std::string document_type;  // empty: recognise the document
    bool camera = false;        // a photo (find the page, undo the perspective) rather than a flatbed scan
    std::filesystem::path templates_dir;
    std::chrono::year_month_day today;  // dates after it are invalid
};

// 0: every image was recognised and no required field is missing or invalid; 1: some image was not
// recognised, or has such a field; 2: an image or the OCR engine could not be used at all.
int run_ocr(const OcrOptions& options, std::ostream& out, std::ostream& err);

// "YYYY-MM-DD" as a calendar date; empty: today's local date. nullopt: not a real date.
std::optional<std::chrono::year_month_day> parse_date(const std::string& text);

}  // namespace hk::kiosk::ctl
