// What an instant certificate says: its titles, the fields taken from the registration records and the
// statement, per certificate type. The wording matches what the kiosk's in-process simulation prints, so a
// certificate looks the same whichever service issued it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "population.h"

namespace hk::central {

struct CertificateField {
    std::string label;
    std::string value;
};

struct CertificateText {
    std::string title_zh;
    std::string title_en;
    std::string statement;
    std::vector<CertificateField> fields;
};

// The five instant certificates of CertificateRequest.service_id.
bool is_certificate_service(std::string_view service_id);

// The last day (YYYY-MM-DD, inclusive) a certificate of this type issued on `issued_on` is valid: the "exp"
// of its proof code.
std::string valid_until(std::string_view service_id, const std::string& issued_on);

// `household` is every member of the holder's household, the holder included (used by the family proof).
CertificateText compose_certificate(std::string_view service_id, const Person& holder,
                                    const std::vector<Person>& household);

}  // namespace hk::central
