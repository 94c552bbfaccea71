#include "printer/certificate_document.h"

#include "drivers/personal_string.h"

namespace hk::printer {

namespace {

// The plain strings can hold personal data too (the statement names the citizen, the payload is their signed
// record), so their bytes are overwritten, not just released.
void wipe_string(std::string& text) noexcept {
    drivers::wipe_bytes(text.data(), text.capacity() + 1);
    text.clear();
}

}  // namespace

void CertificateDocument::wipe() noexcept {
    for (CertificateField& field : fields) {
        wipe_string(field.label);
        field.value.wipe();
    }
    fields.clear();
    for (std::string* text :
         {&title, &subtitle, &serial, &issued_on, &issuer, &statement, &proof_payload, &verification_code}) {
        wipe_string(*text);
    }
}

}  // namespace hk::printer
