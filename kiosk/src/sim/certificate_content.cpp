#include "certificate_content.h"

#include <array>

namespace hk::kiosk::sim {
namespace {

struct Titles {
    std::string_view service_id;
    std::string_view zh;
    std::string_view en;
    std::string_view statement;  // follows the holder's name and number
};

constexpr std::array kTitles = {
    Titles{"proof_of_family_relationship", "亲属关系证明", "Proof of Family Relationship",
           "经查询户籍档案，兹证明其与下列人员的亲属关系如上所列。"},
    Titles{"registration_certificate", "户籍证明", "Household Registration Certificate",
           "经查询户籍档案，兹证明其户籍登记信息如上所列。"},
    Titles{"change_of_registration_items", "户口登记项目变更更正证明",
           "Certificate of Change of Registration Items",
           "经查询户籍档案，兹证明其户口登记项目变更更正情况如上所列。"},
    Titles{"cancellation_of_registration", "注销户口证明", "Certificate of Cancellation of Registration",
           "经查询户籍档案，兹证明其户口注销情况如上所列。"},
    Titles{"temporary_identity_paper", "临时身份证明", "Temporary Identity Paper",
           "兹证明持证人身份如上所列，本证明有效期三十日。"},
};

std::string format_date(const std::string& yyyymmdd) {
    if (yyyymmdd.size() != 8) return yyyymmdd;
    return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

void add(IssuedCertificate& certificate, std::string label, const std::string& value) {
    certificate.fields.push_back({std::move(label), PersonalString(value)});
}

}  // namespace

void compose_certificate(const World& world, const WorldPerson& person, const std::string& service_id,
                         IssuedCertificate& certificate) {
    const Titles* titles = &kTitles[1];
    for (const Titles& candidate : kTitles) {
        if (candidate.service_id == service_id) titles = &candidate;
    }
    certificate.title_zh = titles->zh;
    certificate.title_en = titles->en;
    certificate.statement = titles->statement;
    certificate.holder_name = PersonalString(person.name);
    certificate.issuer = world.issuer;

    add(certificate, "姓名 Name", person.name);
    add(certificate, "公民身份号码 ID number", person.id_number);
    add(certificate, "性别 Sex", person.sex);
    add(certificate, "民族 Ethnicity", person.ethnicity);
    add(certificate, "出生日期 Date of birth", format_date(person.birth));
    add(certificate, "户籍地址 Registered address", person.address);
    if (service_id == "proof_of_family_relationship") {
        for (const WorldPerson* member : world.household_of(person)) {
            if (member == &person) continue;
            add(certificate, member->relation + "（与户主）", member->name + "  " + member->id_number);
        }
        add(certificate, "本人与户主关系", person.relation);
    }
}

}  // namespace hk::kiosk::sim
