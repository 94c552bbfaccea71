// Screens a citizen really meets, in the kiosk's three languages; used by the tests and rendered as samples.
#pragma once

#include <string>
#include <vector>

#include "ui/view_model.h"

namespace hk::ui::samples {

struct Sample {
    std::string name;
    int width = 1080;
    int height = 1920;
    ViewModel view;
};

inline ViewModel attract_zh() {
    ViewModel v;
    v.screen = "attract";
    v.language = "zh-CN";
    v.title = "户籍业务自助办理";
    v.lines = {"请准备好居民身份证或护照。可办理户籍证明、迁移申请、新生儿入户和办理进度查询。",
               "Identity card or passport ready? Touch the button to start.",
               "신분증이나 여권을 준비해 주세요."};
    v.buttons = {{"start", "开始办理 · Start · 시작", true, true}};
    v.footer = "北京市朝阳区 · 自助服务机 BJ-CY-0042 · 如需帮助请联系窗口工作人员";
    return v;
}

inline ViewModel services_en() {
    ViewModel v;
    v.screen = "choose_service";
    v.language = "en";
    v.title = "Choose a service";
    v.lines = {
        "Certificates are issued on the spot. Applications are answered within five working days, with a "
        "tracking number on your receipt."};
    v.buttons = {{"service:proof_of_family_relationship", "Proof of family relationship", false, true},
                 {"service:registration_certificate", "Registration certificate", false, true},
                 {"service:household_book", "Household book application", false, true},
                 {"service:newborn_entry", "Newborn entry", false, true},
                 {"inquiry:progress", "Application progress", false, true},
                 {"back", "Back", false, true}};
    v.footer = "Step 2 of 5 · Touch a service or press its number";
    return v;
}

inline ViewModel card_error_ko() {
    ViewModel v;
    v.screen = "identify_card_failed";
    v.language = "ko";
    v.title = "신분증을 읽을 수 없습니다";
    v.lines = {"신분증을 리더기 위에 평평하게 올려놓고 움직이지 마세요.",
               "문제가 계속되면 창구 직원에게 문의해 주세요. 입력하신 정보는 저장되지 않았습니다."};
    v.buttons = {{"retry", "다시 시도", true, true}, {"back", "처음으로", false, true}};
    v.countdown_seconds = 25;
    v.footer = "오류 코드 NFC-104";
    v.tone = Tone::Error;
    return v;
}

inline ViewModel scanning_landscape_zh() {
    ViewModel v;
    v.screen = "scan_documents";
    v.language = "zh-CN";
    v.title = "正在扫描您的材料";
    v.lines = {"请将下一页材料正面朝下放在扫描仪玻璃板上。已扫描 3 页，共需 5 页。"};
    v.buttons = {{"scan_next", "扫描下一页", true, true},
                 {"finish", "完成扫描", false, false},
                 {"rescan", "重新扫描上一页", false, true},
                 {"back", "返回", false, true}};
    v.progress = 0.6;
    v.footer = "迁移申请 · 第 3 步，共 5 步";
    v.tone = Tone::Busy;
    return v;
}

inline std::vector<Sample> all() {
    return {{"attract-zh", 1080, 1920, attract_zh()},
            {"services-en", 1080, 1920, services_en()},
            {"card-error-ko", 1080, 1920, card_error_ko()},
            {"scanning-landscape-zh", 1920, 1080, scanning_landscape_zh()}};
}

// Everything at once, far past what fits: the layout must degrade, never crash or leave the screen.
inline ViewModel overloaded() {
    ViewModel v;
    v.screen = "overloaded";
    v.language = "en";
    std::string long_title;
    for (int i = 0; i < 20; ++i) long_title += "Very long title 非常长的标题 매우 긴 제목 ";
    v.title = long_title;
    std::string paragraph;
    for (int i = 0; i < 400; ++i) paragraph += "word 词语 단어 ";
    v.lines = {paragraph, paragraph, std::string(3000, 'x'), "", paragraph};
    for (int i = 1; i <= 12; ++i) {
        v.buttons.push_back(
            {"action:" + std::to_string(i),
             "Button number " + std::to_string(i) + " 按钮 버튼 with a long label that must wrap", i == 1,
             i != 5});
    }
    v.progress = 1.5;  // out of range on purpose
    v.countdown_seconds = -3;
    v.footer = paragraph;
    v.tone = Tone::Warning;
    return v;
}

}  // namespace hk::ui::samples
