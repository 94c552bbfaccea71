#include "kiosk/central_service.h"

#include <cstdio>

namespace hk::kiosk {

bool same_person(const VerifiedIdentity& a, const VerifiedIdentity& b) {
    if (!a.id_number.empty() && a.id_number == b.id_number) return true;
    return !a.document_number.empty() && a.document_number == b.document_number &&
           a.nationality == b.nationality;
}

void VerifiedIdentity::wipe() noexcept {
    name.wipe();
    id_number.wipe();
    document_number.wipe();
    birth_date.wipe();
    nationality.wipe();
}

void IssuedCertificate::wipe() noexcept {
    holder_name.wipe();
    for (CertificateField& field : fields) field.value.wipe();
    fields.clear();
}

std::string fault_code(const CentralError& error) {
    char code[8];
    std::snprintf(code, sizeof code, "CEN-%02d", static_cast<int>(error.kind));
    return code;
}

}  // namespace hk::kiosk
