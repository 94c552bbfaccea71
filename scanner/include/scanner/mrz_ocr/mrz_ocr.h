// The dedicated OCR-B MRZ reader: finds the MRZ band on a page, cuts it into fixed-pitch character cells,
// recognises each cell against glyph models rendered from the OCR-B font at run time, and corrects doubtful
// characters with the field types and check digits of ICAO Doc 9303. Tesseract is never on this path.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "scanner/document_scanner.h"
#include "scanner/image.h"
#include "scanner/mrz.h"
#include "scanner/mrz_reader.h"

namespace hk::scanner {

// How sure the reader is of one MRZ field ("document_number", "birth_date", "surname_and_given_names", ...).
struct MrzFieldConfidence {
    std::string field;
    double confidence = 0.0;  // 0..1, from the score margin of the field's least certain character
    bool checked = false;     // the field has a check digit
    bool check_ok = false;    // ... and it holds
    bool corrected = false;   // a character was changed by the check-digit search
};

struct MrzRecognition {
    MrzFormat format = MrzFormat::TD3;
    std::vector<std::string> lines;       // as recognised and corrected
    std::expected<Mrz, MrzError> parsed;  // parse_mrz(lines)
    std::vector<MrzFieldConfidence> fields;
    double confidence = 0.0;    // the lowest field confidence
    double milliseconds = 0.0;  // wall time of read_mrz

    MrzRecognition() : parsed(std::unexpected(MrzError::WrongShape)) {}
};

// Reads the MRZ of a page or card image (grey or RGB, any resolution from about 150 dpi). The error says why
// no MRZ could be read ("no MRZ band found", "empty image"); a band read with failing check digits is a
// result with `parsed` holding the error, so callers can show the doubtful lines.
std::expected<MrzRecognition, std::string> read_mrz(const Image& image);

// The kiosk's MRZ device: one scan, then read_mrz.
class OcrMrzReader : public MrzReader {
  public:
    explicit OcrMrzReader(DocumentScanner& scanner, ScanRequest request = {});

    drivers::DeviceStatus status() override;
    // The scanner's self-test: recognition itself has no hardware to test.
    drivers::SelfTestResult self_test() override;
    std::expected<std::vector<std::string>, drivers::DeviceFault> read_mrz_lines() override;

    // The full result of the last successful read_mrz_lines() (confidences, parse), when there was one.
    [[nodiscard]] const std::optional<MrzRecognition>& last() const { return last_; }

  private:
    DocumentScanner& scanner_;
    ScanRequest request_;
    std::optional<MrzRecognition> last_;
};

}  // namespace hk::scanner
