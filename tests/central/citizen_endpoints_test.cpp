// POST /v1/citizens/lookup and POST /v1/eligibility, in-process.
#include "service_fixture.h"

namespace hk::central::test {
namespace {

using nlohmann::json;

class CitizenEndpoints : public ServiceFixture {
  protected:
    json eligibility(const std::string& service_id, const json& subject) {
        const Answer answer =
            service.check_eligibility(json{{"service_id", service_id}, {"subject", subject}}.dump());
        EXPECT_EQ(answer.status, 200) << answer.body;
        return body_of(answer);
    }
};

TEST_F(CitizenEndpoints, LookupSummarisesTheRecord) {
    const Answer answer = service.lookup_citizen(card(kWangXiaoming, "王小明").dump());
    ASSERT_EQ(answer.status, 200) << answer.body;
    const json summary = body_of(answer);
    EXPECT_EQ(summary["id_number"], kWangXiaoming);
    EXPECT_EQ(summary["name"], "王小明");
    EXPECT_EQ(summary["records"], "electronic");
    EXPECT_EQ(summary["household_size"], 4);
    EXPECT_EQ(summary["applications_in_progress"], 0) << "his household book is ready for collection";
}

TEST_F(CitizenEndpoints, LookupFindsPassportHoldersByDocumentNumber) {
    const json chip = {{"source", "passport_chip"},
                       {"name", "CHEN SIYUAN"},
                       {"document_number", "E98765432"},
                       {"nationality", "CHN"},
                       {"birth_date", "900720"}};
    const Answer answer = service.lookup_citizen(chip.dump());
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(body_of(answer)["id_number"], "310101199007206788");
    EXPECT_EQ(body_of(answer)["applications_in_progress"], 1);
}

TEST_F(CitizenEndpoints, LookupOfSomeoneWithoutRecordsIsNotFound) {
    const Answer answer = service.lookup_citizen(card(kNobody).dump());
    EXPECT_EQ(answer.status, 404);
    EXPECT_EQ(body_of(answer)["code"], "not_found");
}

TEST_F(CitizenEndpoints, ElectronicRecordsAreEligible) {
    const json verdict = eligibility("registration_certificate", card(kLiJing));
    EXPECT_EQ(verdict["verdict"], "eligible");
    EXPECT_FALSE(verdict.contains("station"));
}

TEST_F(CitizenEndpoints, PaperRecordsSendThePersonToTheirStation) {
    const json verdict = eligibility("proof_of_family_relationship", card(kJinYingji));
    EXPECT_EQ(verdict["verdict"], "paper_records_only");
    EXPECT_EQ(verdict["station"]["name"], "延吉市公安局建设派出所");
    EXPECT_EQ(verdict["station"]["hours"], "周一至周五 8:30-16:30");
}

TEST_F(CitizenEndpoints, NoRecordSendsTheCitizenToTheNearestHandlingPoint) {
    const json verdict = eligibility("registration_certificate", card(kNobody));
    EXPECT_EQ(verdict["verdict"], "no_record");
    EXPECT_EQ(verdict["station"]["name"], "东城分局景山派出所") << "0.8 km, the nearest";
}

TEST_F(CitizenEndpoints, ForeignPassportWithoutRecordGetsNoStation) {
    const json chip = {{"source", "passport_chip"},
                       {"name", "KIM MINJUN"},
                       {"document_number", "M12345678"},
                       {"nationality", "KOR"}};
    const json verdict = eligibility("registration_certificate", chip);
    EXPECT_EQ(verdict["verdict"], "no_record");
    EXPECT_FALSE(verdict.contains("station"));
}

TEST_F(CitizenEndpoints, UnknownServiceIsNotEligible) {
    const json verdict = eligibility("free_money", card(kWangXiaoming));
    EXPECT_EQ(verdict["verdict"], "not_eligible");
    EXPECT_EQ(verdict["reason"], "unknown_service");
}

TEST_F(CitizenEndpoints, ServicesNotAvailableAtKiostsReferToTheStation) {
    const json verdict = eligibility("id_card_first_or_replacement", card(kWangXiaoming));
    EXPECT_EQ(verdict["verdict"], "not_eligible");
    EXPECT_EQ(verdict["reason"], "not_available_here");
    EXPECT_EQ(verdict["station"]["name"], "北京市公安局东城分局景山派出所");
}

TEST_F(CitizenEndpoints, ApplicationsAreJudgedOnTheRecordsToo) {
    EXPECT_EQ(eligibility("household_book", card(kWangXiaoming))["verdict"], "eligible");
    EXPECT_EQ(eligibility("household_book", card(kJinYingji))["verdict"], "paper_records_only");
}

TEST_F(CitizenEndpoints, MalformedAndIncompleteBodiesAreRefused) {
    EXPECT_EQ(service.check_eligibility("{not json").status, 400);
    EXPECT_EQ(service.check_eligibility(R"({"service_id":"household_book"})").status, 422);
    EXPECT_EQ(service.check_eligibility(R"({"service_id":7,"subject":{}})").status, 422);
    EXPECT_EQ(service.lookup_citizen(R"({"source":"resident_id_card"})").status, 422);
}

}  // namespace
}  // namespace hk::central::test
