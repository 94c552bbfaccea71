// Every call of the client against a server that behaves, checking both sides: what the server received
// (paths, headers, request JSON per central/openapi.yaml) and what the kiosk got back.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base64_decode.h"
#include "central/https_central_service.h"
#include "hostile_server.h"
#include "sample_answers.h"
#include "test_client.h"
#include "test_pki.h"

namespace hk::kiosk::central::test {
namespace {

using nlohmann::json;

class CentralFlow : public ::testing::Test {
  protected:
    CentralFlow() : server({test_pki().server_cert, test_pki().server_key, test_pki().ca}) {}

    HttpsCentralService& client() {
        if (!client_) {
            server.start();
            client_ = std::make_unique<HttpsCentralService>(probe.options(server.base_url()));
        }
        return *client_;
    }

    // The JSON body of the only request the server received.
    json only_body() {
        const auto seen = server.seen();
        EXPECT_EQ(seen.size(), 1U);
        if (seen.empty()) return {};
        EXPECT_EQ(seen[0].content_type, "application/json");
        return json::parse(seen[0].body);
    }

    HostileServer server;
    ClientProbe probe;

  private:
    std::unique_ptr<HttpsCentralService> client_;
};

TEST_F(CentralFlow, EligibilitySendsTheSubjectAndReadsTheVerdictWithItsStation) {
    server.post("/v1/eligibility", [](const httplib::Request&, httplib::Response& response, int) {
        response.set_content(kEligibilityAnswer, "application/json");
    });

    auto answer = client().check_eligibility(sample_card_holder(), "registration_certificate");

    ASSERT_TRUE(answer) << answer.error().detail;
    EXPECT_EQ(answer->verdict, Verdict::PaperRecordsOnly);
    ASSERT_TRUE(answer->station);
    EXPECT_EQ(answer->station->name, "东城派出所");
    EXPECT_EQ(answer->station->hours, "9:00-17:00");
    const json body = only_body();
    EXPECT_EQ(body, json::parse(R"({"service_id": "registration_certificate",
        "subject": {"source": "resident_id_card", "name": "张三", "id_number": "110101199003071234",
                    "nationality": "CHN", "birth_date": "19900307"}})"));
}

TEST_F(CentralFlow, CertificateForAnotherPersonCarriesBothPeopleAndComesBackWithItsProof) {
    server.post("/v1/certificates", [](const httplib::Request&, httplib::Response& response, int) {
        response.status = 201;
        response.set_content(kCertificateAnswer, "application/json");
    });
    CertificateRequest request;
    request.service_id = "proof_of_family_relationship";
    request.subject = sample_card_holder();
    request.agent = sample_passport_holder();
    request.idempotency_key = "session-9/step-3";

    auto certificate = client().issue_certificate(request);

    ASSERT_TRUE(certificate) << certificate.error().detail;
    EXPECT_EQ(certificate->serial, "HK2026000123");
    EXPECT_EQ(certificate->issued_on, "2026-11-22");
    EXPECT_EQ(certificate->title_en, "Certificate of Household Registration");
    EXPECT_EQ(certificate->holder_name.reveal(), "张三");
    ASSERT_EQ(certificate->fields.size(), 2U);
    EXPECT_EQ(certificate->fields[0].label, "公民身份号码");
    EXPECT_EQ(certificate->fields[0].value.reveal(), "110101199003071234");
    EXPECT_EQ(certificate->statement, "特此证明。");
    EXPECT_EQ(certificate->proof_payload, "HK1.eyJ2IjoxfQ.MEUCIQ");
    EXPECT_EQ(certificate->verification_code, "AB12CD34");
    EXPECT_EQ(server.seen().at(0).idempotency_key, "session-9/step-3");
    const json body = only_body();
    EXPECT_EQ(body["service_id"], "proof_of_family_relationship");
    EXPECT_EQ(body["subject"]["id_number"], "110101199003071234");
    EXPECT_EQ(body["agent"], json::parse(R"({"source": "passport_chip", "name": "LI SI \"Junior\"",
        "document_number": "E12345678", "nationality": "CHN", "birth_date": "850102"})"));
}

TEST_F(CentralFlow, ApplicationCarriesItsPagesAsBase64Attachments) {
    std::vector<Attachment> pages(2);
    pages[0].document_index = 0;
    pages[0].mime = "image/png";
    pages[0].data = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10};
    pages[0].ocr_text = "居民户口簿\n户主: 张三";
    pages[1].document_index = 1;
    pages[1].mime = "image/jpeg";
    for (int i = 0; i < 70000; ++i) pages[1].data.push_back(static_cast<std::uint8_t>(i * 7919 % 251));
    const ApplicationRequest request = sample_application("txn-11-file", pages);
    std::vector<std::vector<std::uint8_t>> decoded;
    server.post("/v1/applications", [&](const httplib::Request& received, httplib::Response& response, int) {
        const json body = json::parse(received.body);
        for (const json& attachment : body.at("attachments")) {
            auto bytes = decode_base64(attachment.at("data_base64").get<std::string>());
            decoded.push_back(bytes.value_or(std::vector<std::uint8_t>{}));
        }
        response.status = 201;
        response.set_content(kReceiptAnswer, "application/json");
    });

    auto receipt = client().file_application(request);

    ASSERT_TRUE(receipt) << receipt.error().detail;
    EXPECT_EQ(receipt->tracking_number, "202611220001");
    EXPECT_EQ(receipt->expected_working_days, 10);
    ASSERT_EQ(decoded.size(), 2U);
    EXPECT_EQ(decoded[0], pages[0].data);
    EXPECT_EQ(decoded[1], pages[1].data);
    const json body = only_body();
    EXPECT_EQ(body["service_id"], "household_book");
    EXPECT_EQ(body["attachments"][0]["mime"], "image/png");
    EXPECT_EQ(body["attachments"][0]["ocr_text"], "居民户口簿\n户主: 张三");
    EXPECT_EQ(body["attachments"][0]["document_index"], 0);
    EXPECT_EQ(body["attachments"][1]["mime"], "image/jpeg");
    EXPECT_EQ(body["attachments"][1]["document_index"], 1);
    EXPECT_FALSE(body["attachments"][1].contains("ocr_text"));
    EXPECT_EQ(server.seen().at(0).idempotency_key, "txn-11-file");
}

TEST_F(CentralFlow, ApplicationWithoutPagesSendsAnEmptyAttachmentList) {
    server.post("/v1/applications", [](const httplib::Request&, httplib::Response& response, int) {
        response.status = 201;
        response.set_content(kReceiptAnswer, "application/json");
    });

    auto receipt = client().file_application(sample_application("txn-12-file"));

    ASSERT_TRUE(receipt) << receipt.error().detail;
    EXPECT_EQ(only_body()["attachments"], json::array());
}

TEST_F(CentralFlow, StatusIsAskedByTrackingNumber) {
    server.get("/v1/applications/202611220001",
               [](const httplib::Request&, httplib::Response& response, int) {
                   response.set_content(kStatusAnswer, "application/json");
               });

    auto status = client().application_status("202611220001");

    ASSERT_TRUE(status) << status.error().detail;
    EXPECT_EQ(status->state, "under_review");
    EXPECT_EQ(status->updated_on, "2026-11-20");
    EXPECT_EQ(server.seen().at(0).method, "GET");
    EXPECT_FALSE(server.seen().at(0).had_idempotency_key);
}

TEST_F(CentralFlow, StatusAboutAnotherApplicationIsBadAnswer) {
    server.get("/v1/applications/202611220002",
               [](const httplib::Request&, httplib::Response& response, int) {
                   response.set_content(kStatusAnswer, "application/json");  // names ...0001
               });

    auto status = client().application_status("202611220002");

    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().kind, CentralErrorKind::BadAnswer);
}

TEST_F(CentralFlow, HandlingPointsKeepTheServersOrder) {
    server.get("/v1/handling-points", [](const httplib::Request&, httplib::Response& response, int) {
        response.set_content(kPointsAnswer, "application/json");
    });

    auto points = client().handling_points();

    ASSERT_TRUE(points) << points.error().detail;
    ASSERT_EQ(points->size(), 2U);
    EXPECT_EQ((*points)[0].name, "东城派出所");
    EXPECT_DOUBLE_EQ((*points)[0].distance_km, 1.2);
    EXPECT_EQ((*points)[0].queue_length, 3);
    EXPECT_DOUBLE_EQ((*points)[1].distance_km, 4.0);
}

// Refusals decided on the kiosk: nothing is sent.
TEST_F(CentralFlow, ScannedPagesWithoutTheirAttachmentsAreRefusedAsPagesMissing) {
    ApplicationRequest request =
        sample_application("txn-13-file", {Attachment{0, "image/png", {1, 2, 3}, "", "", {}}});
    request.attached_pages = 2;  // one page could not be encoded

    auto receipt = client().file_application(request);

    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.error().kind, CentralErrorKind::Rejected);
    EXPECT_EQ(receipt.error().detail, "pages missing");
    EXPECT_TRUE(server.seen().empty());
}

TEST_F(CentralFlow, AttachmentOfAnotherTypeIsRefused) {
    auto receipt = client().file_application(
        sample_application("txn-15-file", {Attachment{0, "application/pdf", {1}, "", "", {}}}));

    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.error().kind, CentralErrorKind::Rejected);
    EXPECT_TRUE(server.seen().empty());
}

TEST_F(CentralFlow, CertificateWithoutAUsableIdempotencyKeyIsRefused) {
    CertificateRequest request;
    request.service_id = "registration_certificate";
    request.subject = sample_card_holder();
    for (const std::string& key : {std::string(), std::string("two\r\nlines"), std::string(201, 'k')}) {
        request.idempotency_key = key;
        auto certificate = client().issue_certificate(request);
        ASSERT_FALSE(certificate);
        EXPECT_EQ(certificate.error().kind, CentralErrorKind::Rejected);
    }
    EXPECT_TRUE(server.seen().empty());
}

TEST_F(CentralFlow, TrackingNumberThatCannotExistIsNotFoundWithoutAsking) {
    for (const char* number : {"", "12345", "20261122000A", "202611220001/../../keys"}) {
        auto status = client().application_status(number);
        ASSERT_FALSE(status);
        EXPECT_EQ(status.error().kind, CentralErrorKind::NotFound);
    }
    EXPECT_TRUE(server.seen().empty());
}

}  // namespace
}  // namespace hk::kiosk::central::test
