// The protocol's JSON rules: 400 when the body is not JSON at all, 422 when it is JSON but not the schema.
#include <gtest/gtest.h>

#include <functional>

#include "json_codec.h"
#include "requests.h"

namespace hk::central {
namespace {

using nlohmann::json;

json card(std::string id = "110101198503071235") {
    return {{"source", "resident_id_card"}, {"name", "王小明"}, {"id_number", std::move(id)}};
}

int status_of(const std::expected<json, ApiError>& parsed) {
    return parsed ? 200 : parsed.error().status;
}

template <typename T>
std::string refusal(const std::expected<T, ApiError>& decoded) {
    return decoded ? std::string("accepted")
                   : std::to_string(decoded.error().status) + " " + decoded.error().message;
}

TEST(JsonBody, NotJsonIsBadRequest) {
    EXPECT_EQ(status_of(parse_json_object("")), 400);
    EXPECT_EQ(status_of(parse_json_object("{")), 400);
    EXPECT_EQ(status_of(parse_json_object("{\"a\":1}}")), 400);
    EXPECT_EQ(status_of(parse_json_object("\xff\xfe{}")), 400);
    EXPECT_EQ(status_of(parse_json_object("{\"a\":\"\xc3\x28\"}")), 400) << "invalid UTF-8 in a string";
}

TEST(JsonBody, JsonThatIsNotAnObjectIsUnprocessable) {
    EXPECT_EQ(status_of(parse_json_object("[]")), 422);
    EXPECT_EQ(status_of(parse_json_object("42")), 422);
    EXPECT_EQ(status_of(parse_json_object("null")), 422);
}

TEST(JsonBody, DeepNestingIsRefusedBeforeParsing) {
    EXPECT_EQ(status_of(parse_json_object(std::string(100000, '['))), 400);
    EXPECT_EQ(status_of(parse_json_object("{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}")),
              400);
    // Brackets inside strings do not count.
    EXPECT_EQ(status_of(parse_json_object("{\"a\":\"" + std::string(100, '[') + "\\\"\"}")), 200);
}

TEST(IdentityDecoding, NeedsSourceNameAndTheDocumentsNumber) {
    EXPECT_EQ(refusal(decode_identity_request(card())), "accepted");
    EXPECT_EQ(refusal(decode_identity_request({{"name", "x"}, {"id_number", "110101198503071235"}})),
              "422 source is required");
    EXPECT_EQ(refusal(decode_identity_request({{"source", "resident_id_card"}, {"name", "x"}})),
              "422 id_number is required for resident_id_card");
    EXPECT_EQ(refusal(decode_identity_request({{"source", "passport_chip"}, {"name", "x"}})),
              "422 document_number is required for passport_chip");
    EXPECT_EQ(refusal(decode_identity_request({{"source", "driving_licence"}, {"name", "x"}})),
              "422 source must be resident_id_card or passport_chip");
}

TEST(IdentityDecoding, WrongTypesAreUnprocessable) {
    json identity = card();
    identity["name"] = 7;
    EXPECT_EQ(refusal(decode_identity_request(identity)), "422 name must be a string");
    identity = card();
    identity["birth_date"] = nullptr;
    EXPECT_EQ(refusal(decode_identity_request(identity)), "422 birth_date must be a string");
}

TEST(IdentityDecoding, RefusesAnIdNumberThatFailsItsCheckCharacter) {
    EXPECT_EQ(refusal(decode_identity_request(card("110101198503071236"))),
              "422 id_number is not a valid GB 11643 number");
}

TEST(IdentityDecoding, IgnoresUnknownMembers) {
    json identity = card();
    identity["photo"] = json::array({1, 2, 3});
    EXPECT_EQ(refusal(decode_identity_request(identity)), "accepted");
}

TEST(CertificateRequestDecoding, NamesTheMemberInNestedErrors) {
    EXPECT_EQ(refusal(decode_certificate_request({{"service_id", "registration_certificate"}})),
              "422 subject is required");
    EXPECT_EQ(
        refusal(decode_certificate_request({{"service_id", "registration_certificate"}, {"subject", "me"}})),
        "422 subject must be an object");
    json agent = card();
    agent.erase("source");
    EXPECT_EQ(refusal(decode_certificate_request(
                  {{"service_id", "registration_certificate"}, {"subject", card()}, {"agent", agent}})),
              "422 agent.source is required");
}

TEST(CertificateRequestDecoding, AcceptsOnlyTheFiveInstantCertificates) {
    EXPECT_EQ(refusal(decode_certificate_request({{"service_id", "household_book"}, {"subject", card()}})),
              "422 service_id is not an instant certificate");
    const auto request =
        decode_certificate_request({{"service_id", "temporary_identity_paper"}, {"subject", card()}});
    ASSERT_TRUE(request);
    EXPECT_FALSE(request->agent);
    EXPECT_EQ(request->subject.id_number, "110101198503071235");
}

json application(json attachments) {
    return {{"service_id", "household_book"}, {"subject", card()}, {"attachments", std::move(attachments)}};
}

TEST(ApplicationRequestDecoding, TheKiosksReadingOfAPageIsKeptOnlyAsFarAsItWasChecked) {
    json page = {{"mime", "image/png"}, {"data_base64", "iVBORw0KGgo="}, {"document_index", 0}};
    json field = {
        {"id", "name"}, {"value", "王小明"}, {"valid", true}, {"confirmed", false}, {"confidence", 0.96}};
    field["script"] = "<b>";  // a member nobody asked for
    page["reading"] = {{"document_type", "household_register_page"}, {"fields", json::array({field})}};
    page["reading"]["extra"] = 1;
    const auto accepted = decode_application_request(application(json::array({page})));
    ASSERT_TRUE(accepted) << accepted.error().message;
    EXPECT_EQ(json::parse(accepted->attachments.at(0).reading_json),
              json::parse(R"({"document_type": "household_register_page", "fields": [{"id": "name",
                  "value": "王小明", "valid": true, "confirmed": false, "confidence": 0.96}]})"));

    const auto refused_with = [&](const std::function<void(json&)>& spoil) {
        json bad = page;
        spoil(bad["reading"]);
        return refusal(decode_application_request(application(json::array({bad}))));
    };
    EXPECT_EQ(refused_with([](json& r) { r = "text"; }), "422 attachments[0].reading must be an object");
    EXPECT_EQ(refused_with([](json& r) { r.erase("document_type"); }),
              "422 attachments[0].reading.document_type must be a document type id");
    EXPECT_EQ(refused_with([](json& r) { r["fields"] = json::object(); }),
              "422 attachments[0].reading.fields must be an array of at most 64 fields");
    EXPECT_EQ(refused_with([](json& r) {
                  const json one = r["fields"][0];
                  r["fields"] = json::array();
                  for (int i = 0; i < 65; ++i) r["fields"].push_back(one);
              }),
              "422 attachments[0].reading.fields must be an array of at most 64 fields");
    EXPECT_EQ(refused_with([](json& r) { r["fields"][0]["id"] = ""; }),
              "422 attachments[0].reading.fields[0].id must be a field id");
    EXPECT_EQ(refused_with([](json& r) { r["fields"][0]["value"] = std::string(1025, 'x'); }),
              "422 attachments[0].reading.fields[0].value must be a string of at most 1024 bytes");
    EXPECT_EQ(refused_with([](json& r) { r["fields"][0]["confirmed"] = "yes"; }),
              "422 attachments[0].reading.fields[0].valid and .confirmed must be true or false");
    EXPECT_EQ(refused_with([](json& r) { r["fields"][0]["confidence"] = 1.5; }),
              "422 attachments[0].reading.fields[0].confidence must be a number from 0 to 1");
}

TEST(ApplicationRequestDecoding, NeedsAtLeastOneImageThatDecodes) {
    const json page = {{"mime", "image/png"}, {"data_base64", "iVBORw0KGgo="}, {"document_index", 0}};
    const auto accepted = decode_application_request(application(json::array({page})));
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->attachments.at(0).bytes, "\x89PNG\r\n\x1a\n");
    EXPECT_EQ(refusal(decode_application_request(application(json::array()))),
              "422 attachments must hold at least one document");
    EXPECT_EQ(refusal(decode_application_request(application(json::object()))),
              "422 attachments must be an array");

    json pdf = page;
    pdf["mime"] = "application/pdf";
    EXPECT_EQ(refusal(decode_application_request(application(json::array({page, pdf})))),
              "422 attachments[1].mime must be image/png or image/jpeg");
    json broken = page;
    broken["data_base64"] = "not base64!";
    EXPECT_EQ(refusal(decode_application_request(application(json::array({broken})))),
              "422 attachments[0].data_base64 is not base64");
    json empty = page;
    empty["data_base64"] = "";
    EXPECT_EQ(refusal(decode_application_request(application(json::array({empty})))),
              "422 attachments[0].data_base64 is empty");
    json fractional = page;
    fractional["document_index"] = 1.5;
    EXPECT_EQ(refusal(decode_application_request(application(json::array({fractional})))),
              "422 attachments[0].document_index must be an integer");
}

TEST(HeartbeatDecoding, DeviceStatesAreReadyOrFaulted) {
    EXPECT_EQ(refusal(decode_heartbeat({{"version", "1.0"}, {"devices", {{"printer", "ready"}}}})),
              "accepted");
    EXPECT_EQ(refusal(decode_heartbeat({{"version", "1.0"}, {"devices", {{"printer", "smoking"}}}})),
              "422 devices.printer must be ready or faulted");
    EXPECT_EQ(refusal(decode_heartbeat({{"version", "1.0"}, {"devices", json::array()}})),
              "422 devices must be an object");
    EXPECT_EQ(refusal(decode_heartbeat({{"devices", json::object()}})), "422 version is required");
}

}  // namespace
}  // namespace hk::central
