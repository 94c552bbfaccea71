#include "certificate_composer.h"

#include <gtest/gtest.h>

namespace hk::central {
namespace {

std::vector<Person> household() {
    const Person head{.id_number = "110101198503071235",
                      .name = "王小明",
                      .sex = "男",
                      .ethnicity = "汉",
                      .birth = "19850307",
                      .address = "北京市东城区景山前街4号",
                      .household = "H1",
                      .relation = "户主",
                      .station = "bj-dc-jingshan",
                      .passport_number = ""};
    const Person spouse{.id_number = "110101198709122341",
                        .name = "李静",
                        .sex = "女",
                        .ethnicity = "汉",
                        .birth = "19870912",
                        .address = "北京市东城区景山前街4号",
                        .household = "H1",
                        .relation = "配偶",
                        .station = "bj-dc-jingshan",
                        .passport_number = ""};
    return {head, spouse};
}

std::vector<std::string> labels(const CertificateText& text) {
    std::vector<std::string> out;
    for (const CertificateField& field : text.fields) out.push_back(field.label);
    return out;
}

TEST(CertificateComposer, RegistrationCertificateListsTheHoldersRecord) {
    const auto members = household();
    const CertificateText text = compose_certificate("registration_certificate", members[0], members);
    EXPECT_EQ(text.title_zh, "户籍证明");
    EXPECT_EQ(text.title_en, "Household Registration Certificate");
    EXPECT_EQ(labels(text),
              (std::vector<std::string>{"姓名 Name", "公民身份号码 ID number", "性别 Sex", "民族 Ethnicity",
                                        "出生日期 Date of birth", "户籍地址 Registered address"}));
    EXPECT_EQ(text.fields[4].value, "1985-03-07");
}

TEST(CertificateComposer, FamilyProofAddsTheOtherMembersAndTheHoldersRelation) {
    const auto members = household();
    const CertificateText text = compose_certificate("proof_of_family_relationship", members[1], members);
    ASSERT_EQ(text.fields.size(), 8u);
    EXPECT_EQ(text.fields[6].label, "户主（与户主）");
    EXPECT_EQ(text.fields[6].value, "王小明  110101198503071235");
    EXPECT_EQ(text.fields[7].label, "本人与户主关系");
    EXPECT_EQ(text.fields[7].value, "配偶");
}

TEST(CertificateComposer, KnowsExactlyTheFiveInstantCertificates) {
    for (const char* id :
         {"proof_of_family_relationship", "registration_certificate", "change_of_registration_items",
          "cancellation_of_registration", "temporary_identity_paper"}) {
        EXPECT_TRUE(is_certificate_service(id)) << id;
    }
    EXPECT_FALSE(is_certificate_service("household_book"));
    const auto members = household();
    EXPECT_EQ(compose_certificate("temporary_identity_paper", members[0], members).statement,
              "兹证明持证人身份如上所列，本证明有效期三十日。");
}

TEST(CertificateValidity, NinetyDaysIssueDayIncludedAcrossAYearEnd) {
    EXPECT_EQ(valid_until("proof_of_family_relationship", "2026-11-22"), "2027-02-19");
    EXPECT_EQ(valid_until("registration_certificate", "2028-01-01"), "2028-03-30");  // leap February
}

TEST(CertificateValidity, TemporaryIdentityPaperLastsThirtyDaysAsItsStatementSays) {
    EXPECT_EQ(valid_until("temporary_identity_paper", "2026-11-22"), "2026-12-21");
}

TEST(CertificateValidity, AnUnparsableDateIsReturnedUnchanged) {
    EXPECT_EQ(valid_until("temporary_identity_paper", "2026-02-30"), "2026-02-30");
    EXPECT_EQ(valid_until("temporary_identity_paper", "yesterday"), "yesterday");
}

}  // namespace
}  // namespace hk::central
