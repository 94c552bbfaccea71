// A certificate as it goes on paper, and its rendering to an A4 PDF (cairo + pango, Noto CJK embedded).
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <vector>

#include "drivers/personal_string.h"

namespace hk::printer {

struct CertificateField {
    std::string label;                // printed label, e.g. "姓名 Name"
    drivers::PersonalString value;    // may be personal data
};

struct CertificateDocument {
    std::string title;      // main title, Chinese, e.g. "亲属关系证明"
    std::string subtitle;   // second-language title, e.g. "Proof of Family Relationship"
    std::string serial;     // the certificate's number from the central service
    std::string issued_on;  // YYYY-MM-DD
    std::string issuer;     // issuing authority, printed under the seal
    std::vector<CertificateField> fields;
    std::string statement;          // body text ("兹证明…"), may be empty
    std::string proof_payload;      // signed payload encoded in the QR code; no QR when empty
    std::string verification_code;  // short code printed under the QR for manual checks

    void wipe() noexcept;
};

// Renders a one-page A4 PDF in memory: nothing personal touches the disk on the way to the printer.
std::expected<std::vector<std::uint8_t>, std::string> render_certificate_pdf(const CertificateDocument& document);

}  // namespace hk::printer
