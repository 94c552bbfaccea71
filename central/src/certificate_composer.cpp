#include "certificate_composer.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace hk::central {
namespace {

struct CertificateType {
    std::string_view service_id;
    std::string_view title_zh;
    std::string_view title_en;
    std::string_view statement;
    // Days the proof code stays valid, the issue day included. Offices that receive such a paper usually take
    // it within three months; the temporary identity paper says thirty days on its face.
    int valid_days = 90;
};

constexpr std::array kTypes = {
    CertificateType{"proof_of_family_relationship", "亲属关系证明", "Proof of Family Relationship",
                    "经查询户籍档案，兹证明其与下列人员的亲属关系如上所列。"},
    CertificateType{"registration_certificate", "户籍证明", "Household Registration Certificate",
                    "经查询户籍档案，兹证明其户籍登记信息如上所列。"},
    CertificateType{"change_of_registration_items", "户口登记项目变更更正证明",
                    "Certificate of Change of Registration Items",
                    "经查询户籍档案，兹证明其户口登记项目变更更正情况如上所列。"},
    CertificateType{"cancellation_of_registration", "注销户口证明",
                    "Certificate of Cancellation of Registration",
                    "经查询户籍档案，兹证明其户口注销情况如上所列。"},
    CertificateType{"temporary_identity_paper", "临时身份证明", "Temporary Identity Paper",
                    "兹证明持证人身份如上所列，本证明有效期三十日。", 30},
};

const CertificateType* find_type(std::string_view service_id) {
    for (const CertificateType& type : kTypes) {
        if (type.service_id == service_id) return &type;
    }
    return nullptr;
}

std::string iso_date(const std::string& yyyymmdd) {
    if (yyyymmdd.size() != 8) return yyyymmdd;
    return yyyymmdd.substr(0, 4) + "-" + yyyymmdd.substr(4, 2) + "-" + yyyymmdd.substr(6, 2);
}

}  // namespace

bool is_certificate_service(std::string_view service_id) {
    return find_type(service_id) != nullptr;
}

std::string valid_until(std::string_view service_id, const std::string& issued_on) {
    const CertificateType* type = find_type(service_id);
    const int days = type != nullptr ? type->valid_days : CertificateType{}.valid_days;
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (std::sscanf(issued_on.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) return issued_on;
    const std::chrono::year_month_day issued{std::chrono::year{year}, std::chrono::month{month},
                                             std::chrono::day{day}};
    if (!issued.ok()) return issued_on;
    const std::chrono::year_month_day last{std::chrono::sys_days{issued} + std::chrono::days{days - 1}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(last.year()),
                  static_cast<unsigned>(last.month()), static_cast<unsigned>(last.day()));
    return text;
}

CertificateText compose_certificate(std::string_view service_id, const Person& holder,
                                    const std::vector<Person>& household) {
    const CertificateType* type = find_type(service_id);
    if (type == nullptr)
        type = &kTypes[1];  // callers validate; the plain registration certificate is the fallback
    CertificateText text{
        std::string(type->title_zh), std::string(type->title_en), std::string(type->statement), {}};
    auto add = [&](std::string label, std::string value) {
        text.fields.push_back({std::move(label), std::move(value)});
    };
    add("姓名 Name", holder.name);
    add("公民身份号码 ID number", holder.id_number);
    add("性别 Sex", holder.sex);
    add("民族 Ethnicity", holder.ethnicity);
    add("出生日期 Date of birth", iso_date(holder.birth));
    add("户籍地址 Registered address", holder.address);
    if (type->service_id == "proof_of_family_relationship") {
        for (const Person& member : household) {
            if (member.id_number == holder.id_number) continue;
            add(member.relation + "（与户主）", member.name + "  " + member.id_number);
        }
        add("本人与户主关系", holder.relation);
    }
    return text;
}

}  // namespace hk::central
