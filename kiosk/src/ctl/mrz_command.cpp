#include "mrz_command.h"

#include <nlohmann/json.hpp>

#include <ostream>

#include "scanner/capture/image_file_scanner.h"
#include "scanner/mrz_ocr/mrz_ocr.h"

namespace hk::kiosk::ctl {

int run_mrz(const MrzOptions& options, std::ostream& out, std::ostream& err) {
    int status = 0;
    for (const std::filesystem::path& path : options.images) {
        scanner::capture::ImageFileScanner file({path});
        auto image = file.scan_page(scanner::ScanRequest{});
        if (!image) {
            err << "kioskctl mrz: " << path.string() << ": " << image.error().detail << "\n";
            status = 2;
            continue;
        }
        auto read = scanner::read_mrz(*image);
        nlohmann::json facts{{"image", path.string()}};
        if (!read) {
            facts["result"] = "no_mrz";
            facts["detail"] = read.error();
            status = std::max(status, 1);
        } else {
            facts["format"] = scanner::to_string(read->format);
            facts["lines"] = read->lines;
            facts["check_digits"] =
                read->parsed ? "valid" : std::string{scanner::to_string(read->parsed.error())};
            facts["confidence"] = read->confidence;
            facts["milliseconds"] = read->milliseconds;
            nlohmann::json fields = nlohmann::json::array();
            for (const auto& field : read->fields) {
                fields.push_back(
                    {{"field", field.field},
                     {"confidence", field.confidence},
                     {"check_ok", field.checked ? nlohmann::json(field.check_ok) : nlohmann::json()},
                     {"corrected", field.corrected}});
            }
            facts["fields"] = fields;
            facts["result"] = read->parsed ? "read" : "check_failed";
            if (!read->parsed) status = std::max(status, 1);
        }
        if (options.json) {
            out << facts.dump() << "\n";
            continue;
        }
        out << path.string() << ": " << facts["result"].get<std::string>();
        if (read) {
            out << " " << facts["format"].get<std::string>() << ", check digits "
                << facts["check_digits"].get<std::string>() << ", confidence " << read->confidence << ", "
                << read->milliseconds << " ms\n";
            for (const std::string& line : read->lines) out << "  " << line << "\n";
        } else {
            out << " (" << read.error() << ")\n";
        }
    }
    return status;
}

}  // namespace hk::kiosk::ctl
