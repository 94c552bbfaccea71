// POST /v1/applications and GET /v1/applications/{tracking_number}, in-process.
#include <unistd.h>

#include <filesystem>

#include "service_fixture.h"
#include "sqlite.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

class ApplicationEndpoints : public ServiceFixture {
  protected:
    static json application(const std::string& service_id, const std::string& id_number) {
        const json page = {{"document_index", 0},
                           {"mime", "image/jpeg"},
                           {"data_base64", "/9j/4AAQSkZJRg=="},
                           {"ocr_text", "录取通知书"}};
        return {{"service_id", service_id},
                {"subject", card(id_number)},
                {"attachments", json::array({page, page})}};
    }
    Answer file(const std::string& key, const json& body) {
        return service.file_application("kiosk-a", key, body.dump());
    }
    std::int64_t attachments(const std::string& tracking_number) {
        Transaction tx = store.begin();
        return store.attachment_count(tx, tracking_number);
    }
    std::vector<std::string> readings(const std::string& tracking_number) {
        Transaction tx = store.begin();
        return store.attachment_readings(tx, tracking_number);
    }
};

TEST(CentralStore, AStoreFromBeforeReadingsGetsTheColumnAndKeepsItsPages) {
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("central-old-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(file);
    {
        Database old(file.string());
        old.exec(
            "CREATE TABLE attachments (tracking_number TEXT NOT NULL, position INTEGER NOT NULL,"
            " document_index INTEGER, mime TEXT NOT NULL, data BLOB NOT NULL, ocr_text TEXT NOT NULL,"
            " PRIMARY KEY (tracking_number, position));"
            "INSERT INTO attachments VALUES ('202601000001', 0, 0, 'image/png', x'01', '');");
    }
    {
        Store store(file.string());
        Transaction tx = store.begin();
        EXPECT_EQ(store.attachment_readings(tx, "202601000001"), std::vector<std::string>{""});
    }
    Store again(file.string());  // the second opening finds the column there and adds nothing
    std::filesystem::remove(file);
    std::filesystem::remove(file.string() + "-wal");
    std::filesystem::remove(file.string() + "-shm");
}

TEST_F(ApplicationEndpoints, TheKiosksReadingOfEachPageIsKeptWithIt) {
    json body = application("relocation_university_admission", kWangXiaoming);
    body["attachments"][0]["reading"] = {{"document_type", "admission_notice"},
                                         {"fields", json::array({{{"id", "university"},
                                                                  {"value", "北京大学"},
                                                                  {"valid", true},
                                                                  {"confirmed", true},
                                                                  {"confidence", 0.5}}})}};
    const Answer answer = file("file-read", body);
    ASSERT_EQ(answer.status, 201) << answer.body;
    const std::vector<std::string> kept = readings(body_of(answer)["tracking_number"]);
    ASSERT_EQ(kept.size(), 2U);
    EXPECT_EQ(json::parse(kept[0])["fields"][0]["value"], "北京大学");
    EXPECT_TRUE(json::parse(kept[0])["fields"][0]["confirmed"]);
    EXPECT_EQ(kept[1], "");  // the second page went without a reading
}

TEST_F(ApplicationEndpoints, FilingGivesATrackingNumberAndTheExpectedDelay) {
    const Answer answer = file("file-1", application("relocation_university_admission", kWangXiaoming));
    ASSERT_EQ(answer.status, 201) << answer.body;
    const json receipt = body_of(answer);
    const std::string number = receipt["tracking_number"];
    EXPECT_EQ(number, "202611500001") << "year, month, then a counter above the seeded numbers";
    EXPECT_EQ(receipt["expected_working_days"], 10) << "from the catalogue";
    EXPECT_EQ(attachments(number), 2);

    const Answer status = service.application_status(number);
    ASSERT_EQ(status.status, 200);
    EXPECT_EQ(body_of(status),
              (json{{"tracking_number", number}, {"state", "received"}, {"updated_on", "2026-11-22"}}));
}

TEST_F(ApplicationEndpoints, TrackingNumbersAreUnique) {
    const std::string first =
        body_of(file("1", application("household_book", kWangXiaoming)))["tracking_number"];
    const std::string second = body_of(file("2", application("household_book", kLiJing)))["tracking_number"];
    EXPECT_NE(first, second);
}

TEST_F(ApplicationEndpoints, ARetryFilesNothingNew) {
    const Answer first = file("file-1", application("household_book", kWangXiaoming));
    const Answer retry = file("file-1", application("household_book", kWangXiaoming));
    EXPECT_EQ(retry.status, 201);
    EXPECT_EQ(retry.body, first.body);
    EXPECT_EQ(body_of(file("file-2", application("household_book", kWangXiaoming)))["tracking_number"],
              "202611500002");
    EXPECT_EQ(file("file-1", application("newborn_entry", kWangXiaoming)).status, 409);
}

TEST_F(ApplicationEndpoints, RefusesWhatCannotBeFiledHere) {
    EXPECT_EQ(file("1", application("registration_certificate", kWangXiaoming)).status, 422);
    EXPECT_EQ(file("2", application("id_card_first_or_replacement", kWangXiaoming)).status, 422);
    EXPECT_EQ(file("3", application("household_book", kNobody)).status, 422);
    json no_pages = application("household_book", kWangXiaoming);
    no_pages["attachments"] = json::array();
    EXPECT_EQ(file("4", no_pages).status, 422);
}

TEST_F(ApplicationEndpoints, StatusOfSeededApplications) {
    const Answer answer = service.application_status("202611000017");
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(body_of(answer)["state"], "under_review");
    EXPECT_EQ(body_of(answer)["updated_on"], "2026-11-18");
}

TEST_F(ApplicationEndpoints, StatusNeedsTwelveDigitsOfAKnownApplication) {
    EXPECT_EQ(service.application_status("999999999999").status, 404);
    EXPECT_EQ(service.application_status("20261100001").status, 400);
    EXPECT_EQ(service.application_status("20261100001x").status, 400);
    EXPECT_EQ(service.application_status("").status, 400);
}

}  // namespace
}  // namespace hk::central::test
