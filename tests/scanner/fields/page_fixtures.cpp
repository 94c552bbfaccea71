#include "page_fixtures.h"

#include <algorithm>

#include "drivers/resident_id_reader.h"

namespace hk::scanner::fields::testing {

namespace {

int text_width(const std::string& text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            width += 20;
            ++i;
        } else {
            width += 40;
            i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        }
    }
    return width;
}

}  // namespace

PageBuilder& PageBuilder::line(int y, const std::vector<Piece>& pieces) {
    OcrLine line;
    line.box = {pieces.front().x, y, 0, 40};
    float sum = 0.0F;
    for (const Piece& piece : pieces) {
        OcrWord word{piece.text, {piece.x, y, text_width(piece.text), 40}, piece.confidence};
        if (!line.text.empty()) line.text += ' ';
        line.text += piece.text;
        line.box.width = std::max(line.box.width, piece.x + word.box.width - line.box.x);
        sum += piece.confidence;
        line.words.push_back(word);
    }
    line.confidence = sum / static_cast<float>(pieces.size());
    page_.lines.push_back(line);
    return *this;
}

std::string id_number(const std::string& first17) {
    return first17 + drivers::resident_id_check_character(first17);
}

Specimen household_register_page(const HouseholdValues& v) {
    PageBuilder b(2000, 1400);
    b.line(60, {{"常住人口登记卡", 800}})
        .line(160, {{v.name_label, 100}, {v.name, 300}, {"户主或与户主关系", 900}, {"子", 1300}})
        .line(240, {{"性别", 100}, {"男", 300}, {"民族", 900}, {"汉", 1100}})
        .line(320, {{"出生日期", 100}, {v.birth_date, 300}})
        .line(400, {{v.id_label, 100}, {v.id_as_printed, 400, v.id_confidence}})
        .line(480, {{"住址", 100}, {v.address, 300, v.address_confidence}})
        .line(560, {{"何时由何地迁来本址", 100}, {v.entry_date + "由北京市海淀区迁来", 500}})
        .line(640, {{"登记日期", 100}, {"2015年06月20日", 300}});
    return {"household_register_page",
            b.page(),
            {{"name", "王小明"},
             {"relationship", "子"},
             {"sex", "男"},
             {"ethnicity", "汉"},
             {"birth_date", "1990-03-07"},
             {"id_number", id_number("11010119900307123")},
             {"address", "北京市东城区东华门街道南池子大街12号"},
             {"date_of_entry", "2015-06-18"}}};
}

Specimen marriage_certificate() {
    const std::string husband = id_number("32010219881102457");
    const std::string wife = id_number("11010519910520302");
    PageBuilder b(2000, 1400);
    b.line(60, {{"结婚证", 900}})
        .line(160, {{"持证人", 100}, {"李娜", 400}})
        .line(240, {{"登记日期", 100}, {"2019年03月12日", 400}})
        .line(320, {{"结婚证字号", 100}, {"J110105-2019-001234", 400}})
        .line(440, {{"姓名", 100}, {"张伟", 300}, {"性别", 900}, {"男", 1100}})
        .line(520, {{"国籍", 100}, {"中国", 300}, {"出生日期", 900}, {"1988年11月02日", 1100}})
        .line(600, {{"身份证件号", 100}, {husband, 400}})
        .line(720, {{"姓名", 100}, {"李娜", 300}, {"性别", 900}, {"女", 1100}})
        .line(800, {{"国籍", 100}, {"中国", 300}, {"出生日期", 900}, {"1991年05月20日", 1100}})
        .line(880, {{"身份证件号", 100}, {wife, 400}});
    return {"marriage_certificate",
            b.page(),
            {{"holder", "李娜"},
             {"registration_date", "2019-03-12"},
             {"certificate_number", "J110105-2019-001234"},
             {"name_1", "张伟"},
             {"sex_1", "男"},
             {"nationality_1", "中国"},
             {"birth_date_1", "1988-11-02"},
             {"id_number_1", husband},
             {"name_2", "李娜"},
             {"sex_2", "女"},
             {"nationality_2", "中国"},
             {"birth_date_2", "1991-05-20"},
             {"id_number_2", wife}}};
}

Specimen university_admission_notice() {
    PageBuilder b(2000, 1400);
    b.line(60, {{"浙江大学", 700}, {"录取通知书", 900}})
        .line(140, {{"录取通知书编号：", 1200}, {"2024110012345", 1520}})
        .line(240, {{"姓名：", 100}, {"陈思远", 260}})
        .line(320, {{"学校：", 100}, {"浙江大学", 260}})
        .line(400, {{"专业：", 100}, {"计算机科学与技术", 260}})
        .line(480, {{"报到日期：", 100}, {"2024年9月1日", 340}})
        .line(640, {{"请持本通知书按时报到。", 100}});
    return {"university_admission_notice",
            b.page(),
            {{"name", "陈思远"},
             {"school", "浙江大学"},
             {"major", "计算机科学与技术"},
             {"reporting_date", "2024-09-01"},
             {"notice_number", "2024110012345"}}};
}

Specimen employment_contract(const std::string& period) {
    const std::string employee = id_number("33010619950815241");
    PageBuilder b(2000, 2800);
    b.line(80, {{"劳动合同书", 800}})
        .line(200, {{"甲方（用人单位）：", 100}, {"杭州云帆科技有限公司", 460}})
        .line(280, {{"乙方（劳动者）：", 100}, {"刘洋", 420}})
        .line(360, {{"身份证号：", 100}, {employee, 300}})
        .line(440, {{"合同期限：", 100}, {period, 300}})
        .line(520, {{"工作地点：", 100}, {"浙江省杭州市西湖区文三路90号", 300}})
        .line(640, {{"根据《中华人民共和国劳动合同法》，甲乙双方经平等协商，订立本合同。", 100}});
    return {"employment_contract",
            b.page(),
            {{"employer", "杭州云帆科技有限公司"},
             {"employee", "刘洋"},
             {"id_number", employee},
             {"contract_period", "2023-01-01/2025-12-31"},
             {"workplace", "浙江省杭州市西湖区文三路90号"}}};
}

OcrPage unrelated_page() {
    PageBuilder b(2000, 1400);
    b.line(60, {{"国网浙江省电力有限公司", 600}})
        .line(140, {{"电费缴费通知单", 760}})
        .line(240, {{"户名：", 100}, {"张三", 240}, {"户号：", 900}, {"3300112233", 1040}})
        .line(320, {{"用电地址：", 100}, {"杭州市西湖区文三路90号", 300}})
        .line(400, {{"本期电费：", 100}, {"128.50元", 300}})
        .line(480, {{"缴费截止日期：", 100}, {"2024年06月15日", 380}});
    return b.page();
}

}  // namespace hk::scanner::fields::testing
