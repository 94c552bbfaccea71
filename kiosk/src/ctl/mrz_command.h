// `kioskctl mrz IMAGE... [--json]`: reads the MRZ of passport data pages and ID cards from image files with
// the kiosk's OCR-B reader, offline: per image the format, the lines, whether every check digit holds, the
// least certain field and the time taken. For technicians checking a scanner's output, and for evaluation.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

namespace hk::kiosk::ctl {

struct MrzOptions {
    std::vector<std::filesystem::path> images;
    bool json = false;
};

// 0: every image gave an MRZ whose check digits all hold; 1: some did not; 2: an image could not be read.
int run_mrz(const MrzOptions& options, std::ostream& out, std::ostream& err);

}  // namespace hk::kiosk::ctl
