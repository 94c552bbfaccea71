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

// The language and accessibility switches every screen of a session carries.
inline std::vector<Button> session_toolbar() {
    return {{"lang:zh-CN", "中文"},
            {"lang:en", "English"},
            {"lang:ko", "한국어"},
            {"a11y:large_text", "Large text"},
            {"a11y:contrast", "High contrast"},
            {"a11y:speech", "Speech"},
            {"help", "Help"}};
}

inline ViewModel with_toolbar(ViewModel v) {
    v.toolbar = session_toolbar();
    v.help =
        "Touch a button or use the keypad: arrows move, the round key chooses, the corner key goes back.";
    return v;
}

// The tracking-number keypad: ten digits, erase and submit, with the digits typed so far.
inline ViewModel tracking_keypad_en() {
    ViewModel v;
    v.screen = "enter_tracking_number";
    v.language = "en";
    v.title = "Enter your tracking number";
    v.lines = {"It is printed on your receipt, under the barcode."};
    for (int d = 1; d <= 9; ++d) v.buttons.push_back({"digit:" + std::to_string(d), std::to_string(d)});
    v.buttons.push_back({"erase", "Erase"});
    v.buttons.push_back({"digit:0", "0"});
    v.buttons.push_back({"submit", "Continue", true, true});
    v.buttons.push_back({"back", "Back"});
    v.entry = "20240";
    v.footer = "Inquiry · Application progress";
    return with_toolbar(std::move(v));
}

// Waiting on the central service with no idea how long it takes: a spinner, no progress bar.
inline ViewModel issuing_zh() {
    ViewModel v;
    v.screen = "issuing";
    v.language = "zh-CN";
    v.title = "正在开具证明";
    v.lines = {"请稍候，正在与户籍系统联系。"};
    v.buttons = {{"cancel", "取消", false, true}};
    v.footer = "户籍证明 · 第 4 步，共 5 步";
    v.tone = Tone::Busy;
    return with_toolbar(std::move(v));
}

inline std::vector<Sample> all() {
    return {{"attract-zh", 1080, 1920, attract_zh()},
            {"services-en", 1080, 1920, services_en()},
            {"card-error-ko", 1080, 1920, card_error_ko()},
            {"scanning-landscape-zh", 1920, 1080, scanning_landscape_zh()},
            {"tracking-keypad-en", 1080, 1920, tracking_keypad_en()},
            {"issuing-landscape-zh", 1920, 1080, issuing_zh()}};
}

// Every sample screen with the session toolbar, in both orientations, normal and large text, normal and high
// contrast: what the accessibility rules must hold for.
inline std::vector<Sample> every_presentation() {
    std::vector<Sample> out;
    for (const Sample& base : all()) {
        for (const bool portrait : {true, false}) {
            for (const bool large : {false, true}) {
                for (const bool contrast : {false, true}) {
                    Sample s = base;
                    s.view = with_toolbar(base.view);
                    if (base.view.screen == "attract") s.view.toolbar.clear();  // no session yet
                    s.width = portrait ? 1080 : 1920;
                    s.height = portrait ? 1920 : 1080;
                    s.view.presentation.large_text = large;
                    s.view.presentation.high_contrast = contrast;
                    s.name = base.name + (portrait ? "/portrait" : "/landscape") + (large ? "/large" : "") +
                             (contrast ? "/contrast" : "");
                    out.push_back(std::move(s));
                }
            }
        }
    }
    return out;
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
