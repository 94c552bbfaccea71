// The strict answer readers: every required field, type and enum of central/openapi.yaml is checked, unknown
// fields are ignored, and a refusal names the field but never a value.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "central/central_json.h"
#include "sample_answers.h"

namespace hk::kiosk::central::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(CentralJson, ReadsAWellFormedCertificateIgnoringUnknownFields) {
    auto certificate = parse_certificate(kCertificateAnswer);
    ASSERT_TRUE(certificate) << certificate.error().detail;
    EXPECT_EQ(certificate->service_id, "registration_certificate");
    EXPECT_EQ(certificate->issuer, "某市公安局某派出所");
    EXPECT_EQ(certificate->fields[1].value.reveal(), "北京市东城区某街1号");
}

TEST(CentralJson, EveryRequiredCertificateFieldIsRequired) {
    for (const char* key : {"serial", "service_id", "issued_on", "issuer", "title_zh", "title_en",
                            "holder_name", "fields", "proof"}) {
        json answer = json::parse(kCertificateAnswer);
        answer.erase(key);
        auto certificate = parse_certificate(answer.dump());
        ASSERT_FALSE(certificate) << key;
        EXPECT_EQ(certificate.error().kind, CentralErrorKind::BadAnswer);
        EXPECT_EQ(certificate.error().detail, std::string("certificate: field '") + key + "' is missing");
    }
    for (const char* key : {"payload", "verification_code", "key_id", "alg"}) {
        json answer = json::parse(kCertificateAnswer);
        answer["proof"].erase(key);
        auto certificate = parse_certificate(answer.dump());
        ASSERT_FALSE(certificate) << key;
        EXPECT_EQ(certificate.error().detail,
                  std::string("certificate.proof: field '") + key + "' is missing");
    }
    json without_statement = json::parse(kCertificateAnswer);
    without_statement.erase("statement");
    EXPECT_TRUE(parse_certificate(without_statement.dump()));
}

TEST(CentralJson, WrongTypesAndValuesAreRefusedWithoutQuotingThem) {
    const auto refused = [](const std::string& path, const json& value) {
        json answer = json::parse(kCertificateAnswer);
        answer[json::json_pointer(path)] = value;
        auto certificate = parse_certificate(answer.dump());
        EXPECT_FALSE(certificate) << path;
        return certificate ? std::string() : certificate.error().detail;
    };
    EXPECT_THAT(refused("/serial", 2026000123), HasSubstr("'serial' is not a string"));
    EXPECT_THAT(refused("/serial", ""), HasSubstr("'serial' is empty"));
    EXPECT_THAT(refused("/holder_name", nullptr), HasSubstr("'holder_name' is not a string"));
    EXPECT_THAT(refused("/issued_on", "22.11.2026"), HasSubstr("'issued_on' is not a YYYY-MM-DD date"));
    EXPECT_THAT(refused("/fields", json::object()), HasSubstr("'fields' is not an array"));
    EXPECT_THAT(refused("/fields/0", "公民身份号码"), HasSubstr("certificate.fields[0]: is not an object"));
    EXPECT_THAT(refused("/proof/alg", "RS256"), HasSubstr("'alg' has a value outside its enum"));
    EXPECT_THAT(refused("/proof", "HK1.x.y"), HasSubstr("'proof' is not an object"));
    EXPECT_THAT(refused("/fields/0/value", 110101199003071234), Not(HasSubstr("110101199003071234")));
    EXPECT_THAT(refused("/holder_name", json::array({"张三"})), Not(HasSubstr("张三")));
}

TEST(CentralJson, EligibilityVerdictsAndOptionalStation) {
    auto answer = parse_eligibility(R"({"verdict": "eligible"})");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->verdict, Verdict::Eligible);
    EXPECT_FALSE(answer->station);
    answer = parse_eligibility(R"({"verdict": "not_eligible", "reason": "unknown_service"})");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->verdict, Verdict::NotEligible);
    EXPECT_EQ(answer->reason, "unknown_service");
    EXPECT_FALSE(parse_eligibility(R"({"verdict": "maybe"})"));
    EXPECT_FALSE(parse_eligibility(R"({"verdict": "eligible", "station": {"name": "x"}})"));
    EXPECT_FALSE(parse_eligibility(R"({"verdict": "eligible", "station": null})"));
    EXPECT_FALSE(parse_eligibility(R"({})"));
}

TEST(CentralJson, ReceiptNeedsATwelveDigitTrackingNumberAndWholeDays) {
    EXPECT_TRUE(parse_application_receipt(kReceiptAnswer));
    EXPECT_FALSE(
        parse_application_receipt(R"({"tracking_number": "2026112200", "expected_working_days": 10})"));
    EXPECT_FALSE(
        parse_application_receipt(R"({"tracking_number": "202611220001", "expected_working_days": 1.5})"));
    EXPECT_FALSE(
        parse_application_receipt(R"({"tracking_number": "202611220001", "expected_working_days": -1})"));
    EXPECT_FALSE(parse_application_receipt(
        R"({"tracking_number": "202611220001", "expected_working_days": 99999999999})"));
    EXPECT_FALSE(
        parse_application_receipt(R"({"tracking_number": 202611220001, "expected_working_days": 10})"));
}

TEST(CentralJson, StatusStatesAreAnEnum) {
    auto status = parse_application_status(kStatusAnswer);
    ASSERT_TRUE(status);
    EXPECT_EQ(status->tracking_number, "202611220001");
    EXPECT_FALSE(parse_application_status(
        R"({"tracking_number": "202611220001", "state": "lost", "updated_on": "2026-11-20"})"));
    EXPECT_FALSE(parse_application_status(R"({"tracking_number": "202611220001", "state": "approved"})"));
}

TEST(CentralJson, HandlingPointsNeedNumbers) {
    auto points = parse_handling_points(kPointsAnswer);
    ASSERT_TRUE(points);
    EXPECT_EQ(points->size(), 2U);
    EXPECT_TRUE(parse_handling_points(R"({"points": []})"));
    EXPECT_FALSE(parse_handling_points(R"({"points": {}})"));
    EXPECT_FALSE(parse_handling_points(R"({"points": [{"name": "a", "address": "b", "distance_km": "1",
        "queue_length": 1}]})"));
    auto refused = parse_handling_points(R"({"points": [{"name": "a", "address": "b", "distance_km": 1,
        "queue_length": 1}, {"name": "a", "address": "b", "distance_km": 1}]})");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().detail, "handling points.points[1]: field 'queue_length' is missing");
}

TEST(CentralJson, NotJsonTruncatedAndEmptyAreBadAnswers) {
    for (const std::string& body : {std::string(), std::string("null"), std::string("{\"verdict\":"),
                                    std::string("{\"verdict\": \"eligible\"} trailing"),
                                    std::string("\xff\xfe{}"), std::string("{\"verdict\": \"elig\xc3\"}")}) {
        auto answer = parse_eligibility(body);
        ASSERT_FALSE(answer);
        EXPECT_EQ(answer.error().kind, CentralErrorKind::BadAnswer);
    }
    EXPECT_EQ(parse_eligibility(R"({"verdict": "elig)").error().detail, "eligibility: JSON ends early");
}

TEST(CentralJson, DeepNestingIsABadAnswerNotACrash) {
    const std::string deep = "{\"verdict\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
    auto answer = parse_eligibility(deep);
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().detail, "eligibility: field 'verdict' is not a string");
}

TEST(CentralJson, ErrorBodiesKeepOnlyTheCode) {
    auto error = parse_error_body(R"({"code": "conflict", "message": "key reused by 张三"})");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->code, "conflict");
    EXPECT_FALSE(parse_error_body(R"({"code": "teapot", "message": ""})"));
}

}  // namespace
}  // namespace hk::kiosk::central::test
