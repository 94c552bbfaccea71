// Well-formed answers of the central protocol (central/openapi.yaml) and the people the tests ask about. All
// data is invented.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kiosk/central_service.h"

namespace hk::kiosk::central::test {

inline constexpr const char* kCertificateAnswer = R"({
  "serial": "HK2026000123",
  "service_id": "registration_certificate",
  "issued_on": "2026-11-22",
  "issuer": "某市公安局某派出所",
  "title_zh": "户籍证明",
  "title_en": "Certificate of Household Registration",
  "holder_name": "张三",
  "fields": [
    {"label": "公民身份号码", "value": "110101199003071234"},
    {"label": "住址", "value": "北京市东城区某街1号"}
  ],
  "statement": "特此证明。",
  "proof": {"payload": "HK1.eyJ2IjoxfQ.MEUCIQ", "verification_code": "AB12CD34", "key_id": "dev-2026-1",
            "alg": "ES256"},
  "future_field": {"ignored": true}
})";

inline constexpr const char* kEligibilityAnswer = R"({
  "verdict": "paper_records_only",
  "station": {"name": "东城派出所", "address": "北京市东城区某路2号", "hours": "9:00-17:00", "phone": "010-1234"},
  "reason": ""
})";

inline constexpr const char* kReceiptAnswer =
    R"({"tracking_number": "202611220001", "expected_working_days": 10})";

inline constexpr const char* kStatusAnswer =
    R"({"tracking_number": "202611220001", "state": "under_review", "updated_on": "2026-11-20"})";

inline constexpr const char* kPointsAnswer = R"({"points": [
  {"name": "东城派出所", "address": "北京市东城区某路2号", "distance_km": 1.2, "queue_length": 3},
  {"name": "西城派出所", "address": "北京市西城区某路3号", "distance_km": 4, "queue_length": 9}
]})";

inline VerifiedIdentity sample_card_holder() {
    VerifiedIdentity person;
    person.source = IdentitySource::ResidentIdCard;
    person.name = PersonalString("张三");
    person.id_number = PersonalString("110101199003071234");
    person.birth_date = PersonalString("19900307");
    person.nationality = PersonalString("CHN");
    return person;
}

inline VerifiedIdentity sample_passport_holder() {
    VerifiedIdentity person;
    person.source = IdentitySource::PassportChip;
    person.name = PersonalString("LI SI \"Junior\"");
    person.document_number = PersonalString("E12345678");
    person.birth_date = PersonalString("850102");
    person.nationality = PersonalString("CHN");
    return person;
}

// An application by the card holder with one attachment per scanned page.
inline ApplicationRequest sample_application(std::string key, std::vector<Attachment> pages = {}) {
    ApplicationRequest request;
    request.service_id = "household_book";
    request.subject = sample_card_holder();
    request.attached_pages = static_cast<int>(pages.size());
    request.attachments = std::move(pages);
    request.idempotency_key = std::move(key);
    return request;
}

}  // namespace hk::kiosk::central::test
