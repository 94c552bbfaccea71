// Request bodies: exactly the members central/openapi.yaml names, valid JSON whatever bytes a document held,
// attachments base64-encoded, the protocol's size limit enforced before anything is encoded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "base64_decode.h"
#include "central/base64.h"
#include "central/central_requests.h"
#include "central/json_writer.h"
#include "sample_answers.h"

namespace hk::kiosk::central::test {
namespace {

using nlohmann::json;

TEST(CentralRequests, EligibilityBodyHasTheServiceAndTheSubjectOnly) {
    const RequestBody body = eligibility_body(sample_passport_holder(), "registration_certificate");
    EXPECT_EQ(json::parse(body.text()), json::parse(R"({"service_id": "registration_certificate",
        "subject": {"source": "passport_chip", "name": "LI SI \"Junior\"", "document_number": "E12345678",
                    "nationality": "CHN", "birth_date": "850102"}})"));
}

TEST(CentralRequests, ControlCharactersAndBrokenUtf8StillMakeValidJson) {
    VerifiedIdentity person = sample_card_holder();
    person.name = PersonalString(std::string("A\x01\tB\\\"\xff\xc3(\xe4\xb8\xad", 12));
    const RequestBody body = eligibility_body(person, "s");
    const json parsed = json::parse(body.text());
    EXPECT_EQ(parsed["subject"]["name"], "A\x01\tB\\\"\xef\xbf\xbd\xef\xbf\xbd(\xe4\xb8\xad");
}

TEST(CentralRequests, CertificateBodyOmitsTheAgentWhenActingForThemselves) {
    CertificateRequest request;
    request.service_id = "registration_certificate";
    request.subject = sample_card_holder();
    const json parsed = json::parse(certificate_body(request).text());
    EXPECT_FALSE(parsed.contains("agent"));
    EXPECT_FALSE(parsed["subject"].contains("document_number"));
}

TEST(CentralRequests, Base64MatchesTheStandardAlphabetWithPadding) {
    for (std::size_t size = 0; size < 300; ++size) {
        std::vector<std::uint8_t> bytes(size);
        for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<std::uint8_t>(i * 37 + size);
        std::string text;
        append_base64(text, bytes);
        EXPECT_EQ(text.size(), base64_length(size));
        EXPECT_EQ(decode_base64(text), bytes) << size;
    }
    std::string text;
    append_base64(text, std::vector<std::uint8_t>{'M', 'a'});
    EXPECT_EQ(text, "TWE=");
}

TEST(CentralRequests, AttachmentsOverThirtyTwoMebibytesAreRefusedBeforeEncoding) {
    const ApplicationRequest request = sample_application(
        "k", {Attachment{0, "image/jpeg", std::vector<std::uint8_t>(25U << 20), "", "", {}}});
    auto body = application_body(request);
    ASSERT_FALSE(body);
    EXPECT_EQ(body.error().kind, CentralErrorKind::Rejected);
    EXPECT_EQ(body.error().detail, "attachments exceed 32 MiB");
}

TEST(CentralRequests, WhatTheKioskReadOnAPageGoesWithItWithTheCitizensConfirmations) {
    Attachment page{1, "image/png", {1, 2, 3}, "", "household_register_page", {}};
    page.fields.push_back({"name", PersonalString("王小明"), true, false, 0.9634});
    page.fields.push_back({"id_number", PersonalString("11010519491231002\"X"), false, true, 0.4});
    Attachment unread{2, "image/png", {4}, "", "", {}};
    const json parsed = json::parse(application_body(sample_application("k", {page, unread}))->text());
    const json& attachments = parsed["attachments"];
    ASSERT_EQ(attachments.size(), 2U);
    EXPECT_EQ(attachments[0]["document_index"], 1);
    EXPECT_EQ(attachments[0]["reading"],
              json::parse(R"({"document_type": "household_register_page", "fields": [
        {"id": "name", "value": "王小明", "valid": true, "confirmed": false, "confidence": 0.963},
        {"id": "id_number", "value": "11010519491231002\"X", "valid": false, "confirmed": true,
         "confidence": 0.4}]})"));
    EXPECT_FALSE(attachments[1].contains("reading"));  // not recognised: the pixels alone
}

TEST(CentralRequests, ConfidencesAreWrittenWithAPointWhateverTheLocale) {
    JsonWriter writer;
    writer.begin_array()
        .fixed3(0.0)
        .fixed3(1.0)
        .fixed3(0.12349)
        .fixed3(-3.0)
        .fixed3(std::nan(""))
        .end_array();
    EXPECT_EQ(writer.take(), "[0.000,1.000,0.123,0.000,0.000]");
}

}  // namespace
}  // namespace hk::kiosk::central::test
