// Screen texts in Chinese, English and Korean. The full UI issue moves these to gettext catalogues; until
// then this table is the one place they live, and a test checks every id the views use exists in all three
// languages.
#include <array>

#include "kiosk/view.h"

namespace hk::kiosk {
namespace {

struct Entry {
    std::string_view id;
    std::string_view zh;
    std::string_view en;
    std::string_view ko;
};

constexpr std::array kTexts = {
    Entry{"attract.title", "户籍业务自助办理", "Household registration self-service", "호적 업무 셀프서비스"},
    Entry{"attract.touch", "轻触屏幕开始", "Touch to start", "화면을 터치하여 시작하세요"},
    Entry{"attract.start", "开始 · Start · 시작", "开始 · Start · 시작", "开始 · Start · 시작"},
    Entry{"language.title", "请选择语言 · Choose a language · 언어 선택",
          "请选择语言 · Choose a language · 언어 선택", "请选择语言 · Choose a language · 언어 선택"},
    Entry{"catalogue.title", "请选择要办理的业务", "What would you like to do?", "어떤 업무를 보시겠습니까?"},
    Entry{"form.bring", "请准备以下材料：", "Please have these ready:", "다음 서류를 준비해 주세요:"},
    Entry{"form.not_here", "本业务需到派出所现场办理，本机只提供告知单。",
          "This service is done at a police station; this kiosk only gives you the checklist.",
          "이 업무는 파출소에서 처리합니다. 이 기기는 안내서만 제공합니다."},
    Entry{"form.printed", "告知单已打印，请取走。", "The checklist has been printed. Please take it.",
          "안내서가 인쇄되었습니다. 가져가세요."},
    Entry{"for_whom.title", "为谁办理？", "Who is this for?", "누구를 위한 업무입니까?"},
    Entry{"for_whom.other_note", "代办时，双方都需出示证件。", "For someone else, both of you show your ID.",
          "대리 시 두 분 모두 신분증을 제시해야 합니다."},
    Entry{"identify.title", "请出示您的证件", "Show your ID document", "신분증을 제시해 주세요"},
    Entry{"identify.title_other", "请出示被代办人的证件", "Now show the ID of the person you act for",
          "이제 위임인의 신분증을 제시해 주세요"},
    Entry{"identify_card.title", "请将身份证放在读卡区", "Place your ID card on the reader",
          "신분증을 리더기에 올려 주세요"},
    Entry{"identify_card.keep", "读卡完成前请不要移动证件。", "Keep it still until it has been read.",
          "읽기가 끝날 때까지 움직이지 마세요."},
    Entry{"passport_mrz.title", "请将护照照片页朝下放在扫描区",
          "Place your passport photo page face down on the scanner",
          "여권 사진면을 아래로 하여 스캐너에 올려 주세요"},
    Entry{"passport_chip.title", "请将护照放在感应区，保持不动", "Now hold your passport on the reader",
          "여권을 리더기에 대고 움직이지 마세요"},
    Entry{"checking.title", "正在查询户籍信息…", "Looking up your records…",
          "호적 정보를 조회하고 있습니다…"},
    Entry{"scan.title", "请扫描所需材料", "Scan your documents", "서류를 스캔해 주세요"},
    Entry{"scan.next", "请放入：", "Now place: ", "다음 서류: "},
    Entry{"scan.done_mark", "（已扫描）", " (scanned)", " (스캔 완료)"},
    Entry{"scan.scanning", "正在扫描…", "Scanning…", "스캔 중…"},
    Entry{"review.title", "请核对信息", "Please check", "정보를 확인해 주세요"},
    Entry{"review.service", "业务：", "Service: ", "업무: "},
    Entry{"review.name", "姓名：", "Name: ", "성명: "},
    Entry{"review.id", "证件号码：", "ID number: ", "신분증 번호: "},
    Entry{"review.agent", "代办人：", "Acting for them: ", "대리인: "},
    Entry{"review.pages", "已扫描材料（页）：", "Pages scanned: ", "스캔한 서류(쪽): "},
    Entry{"issuing.title", "正在出具证明…", "Issuing your certificate…", "증명서를 발급하고 있습니다…"},
    Entry{"issuing.title_application", "正在提交申请…", "Filing your application…",
          "신청서를 제출하고 있습니다…"},
    Entry{"printing.title", "正在打印，请稍候", "Printing, please wait", "인쇄 중입니다. 잠시 기다려 주세요"},
    Entry{"done.title", "办理完成", "All done", "처리가 완료되었습니다"},
    Entry{"done.take", "请取走您的证明和凭条。", "Please take your certificate and receipt.",
          "증명서와 영수증을 가져가세요."},
    Entry{"done.serial", "证明编号：", "Certificate number: ", "증명서 번호: "},
    Entry{"receipt.holder", "证件号码：", "ID number: ", "신분증 번호: "},
    Entry{"done.filed", "您的申请已提交。", "Your application has been filed.", "신청서가 제출되었습니다."},
    Entry{"done.tracking", "受理编号：", "Tracking number: ", "접수 번호: "},
    Entry{"done.days", "预计办结（工作日）：", "Expected working days: ", "예상 처리 기간(근무일): "},
    Entry{"done.no_receipt", "凭条未能打印，请记下上面的编号。",
          "The receipt could not be printed: please note the number above.",
          "영수증을 인쇄하지 못했습니다. 위 번호를 적어 두세요."},
    Entry{"referral.paper", "您的户籍档案为纸质档案，本机无法办理。请到以下派出所办理：",
          "Your records are kept on paper only, so this kiosk cannot help. Please go to:",
          "귀하의 호적 기록은 종이로만 보관되어 이 기기에서 처리할 수 없습니다. 다음 파출소로 가 주세요:"},
    Entry{"referral.no_record", "未查到您的户籍信息。请到户籍所在地派出所咨询。",
          "We found no household registration for you. Please ask at your registration police station.",
          "호적 정보를 찾을 수 없습니다. 호적 소재지 파출소에 문의해 주세요."},
    Entry{"referral.not_eligible", "该业务不适用于您的情况，请到派出所咨询。",
          "This service does not apply in your case. Please ask at a police station.",
          "이 업무는 귀하의 경우에 해당하지 않습니다. 파출소에 문의해 주세요."},
    Entry{"referral.title", "请到派出所办理", "Please visit a police station", "파출소를 방문해 주세요"},
    Entry{"referral.hours", "办公时间：", "Opening hours: ", "업무 시간: "},
    Entry{"referral.phone", "电话：", "Phone: ", "전화: "},
    Entry{"tracking.title", "请输入受理编号", "Enter your tracking number", "접수 번호를 입력해 주세요"},
    Entry{"querying.title", "正在查询…", "Looking it up…", "조회 중…"},
    Entry{"inquiry.title", "查询结果", "Result", "조회 결과"},
    Entry{"inquiry.not_found", "未找到该受理编号，请核对后重试。",
          "No application has this number. Please check it and try again.",
          "해당 접수 번호를 찾을 수 없습니다. 확인 후 다시 시도해 주세요."},
    Entry{"inquiry.updated", "更新日期：", "Updated: ", "갱신일: "},
    Entry{"inquiry.queue", "排队人数：", "people waiting: ", "대기 인원: "},
    Entry{"status.received", "已受理", "Received", "접수됨"},
    Entry{"status.under_review", "审核中", "Under review", "심사 중"},
    Entry{"status.approved", "已批准", "Approved", "승인됨"},
    Entry{"status.rejected", "未通过，请到派出所了解原因", "Not approved: ask at the police station why",
          "승인되지 않음: 파출소에 사유를 문의하세요"},
    Entry{"status.ready_for_collection", "已办结，可领取", "Ready for collection", "처리 완료, 수령 가능"},
    Entry{"timeout.title", "您还需要更多时间吗？", "Do you need more time?", "시간이 더 필요하십니까?"},
    Entry{"timeout.note", "无操作时将自动结束并清除您的信息。",
          "If you do nothing, the session ends and your data is erased.",
          "아무 조작이 없으면 세션이 끝나고 정보가 삭제됩니다."},
    Entry{"error.title", "出现问题", "Something went wrong", "문제가 발생했습니다"},
    Entry{"error.code", "故障代码：", "Fault code: ", "오류 코드: "},
    Entry{"error.device", "设备暂时无法使用。您可以重试，或改用其他证件。",
          "A device is not working. You can try again or use another document.",
          "장치를 사용할 수 없습니다. 다시 시도하거나 다른 신분증을 사용하세요."},
    Entry{"error.read_repeatedly", "多次未能读取证件。请改用其他证件，或到窗口办理。",
          "The document could not be read. Try another document, or go to a service counter.",
          "신분증을 읽을 수 없습니다. 다른 신분증을 사용하거나 창구를 이용하세요."},
    Entry{"error.same_person", "代办时需出示另一人的证件。",
          "For someone else, please show the other person's document.",
          "대리 시에는 다른 사람의 신분증을 제시해야 합니다."},
    Entry{"error.central", "暂时无法连接户籍系统。重试是安全的，不会重复办理。",
          "The registration service cannot be reached. Trying again is safe: nothing is done twice.",
          "호적 시스템에 연결할 수 없습니다. 다시 시도해도 중복 처리되지 않습니다."},
    Entry{"error.rejected", "户籍系统未能受理此请求。请到派出所办理。",
          "The registration service could not accept this request. Please visit a police station.",
          "호적 시스템이 요청을 처리하지 못했습니다. 파출소를 방문해 주세요."},
    Entry{"error.not_printed",
          "证明已出具但未能打印，已为您保留，不会重复出具。"
          "打印机修好后，请在本机选择“补打证明”并出示同一证件，或凭编号到派出所补打。",
          "Your certificate was issued but could not be printed. It is kept for you and will not be "
          "issued twice: once the printer is fixed, choose \"Reprint a certificate\" here with the same "
          "ID document, or ask at a police station with the number.",
          "증명서는 발급되었으나 인쇄하지 못했습니다. 보관되어 있으며 중복 발급되지 않습니다. "
          "프린터가 고쳐지면 이 기기에서 같은 신분증으로 \"증명서 재인쇄\"를 선택하거나, "
          "번호를 가지고 파출소에 문의하세요."},
    Entry{"error.nothing_kept",
          "本机没有为您保留的证明。"
          "如证明已打印，请查看凭条；否则请凭凭条到派出所办理。",
          "This kiosk keeps no unprinted certificate for you. If it was printed, see your receipt; "
          "otherwise please ask at a police station with your receipt.",
          "이 기기에 보관된 미인쇄 증명서가 없습니다. "
          "인쇄되었다면 접수증을 확인하시고, 아니면 접수증을 가지고 파출소에 문의하세요."},
    Entry{"error.timeout", "等待时间过长。重试是安全的，不会重复办理。",
          "This took too long. Trying again is safe: nothing is done twice.",
          "시간이 너무 오래 걸렸습니다. 다시 시도해도 중복 처리되지 않습니다."},
    Entry{"error.not_genuine", "证件芯片未通过验证，无法在本机办理。请到派出所办理。",
          "The document's chip could not be verified. Please visit a police station.",
          "신분증 칩을 검증할 수 없습니다. 파출소를 방문해 주세요."},
    Entry{"out_of_service.title", "暂停服务 · Out of service · 서비스 중단",
          "暂停服务 · Out of service · 서비스 중단", "暂停服务 · Out of service · 서비스 중단"},
    Entry{"out_of_service.note", "请到附近的办理点办理。", "Please use a nearby service point.",
          "근처 처리 장소를 이용해 주세요."},
    Entry{"hint.card_removed", "证件被移开了，请重新放好。", "The card was moved. Please place it again.",
          "카드가 움직였습니다. 다시 올려 주세요."},
    Entry{"hint.read_again", "未能读取，请重新放置。", "That did not read. Please place it again.",
          "읽지 못했습니다. 다시 올려 주세요."},
    Entry{"hint.no_document", "没有检测到文件，请放好。", "No document found. Please place it.",
          "서류가 감지되지 않았습니다. 올려 주세요."},
    Entry{"hint.mrz_unreadable", "未能识别护照底部的两行字符，请摆正后重试。",
          "The two lines at the bottom of the photo page could not be read. Straighten it and try again.",
          "여권 하단의 두 줄을 읽지 못했습니다. 바르게 놓고 다시 시도하세요."},
    Entry{"hint.mrz_mismatch", "芯片与扫描的护照不符，请重新扫描照片页。",
          "The chip does not match the page scanned. Please scan the photo page again.",
          "칩이 스캔한 여권과 일치하지 않습니다. 사진면을 다시 스캔하세요."},
    Entry{"hint.now_other_person", "已识别您的身份。", "You have been identified.",
          "본인 확인이 완료되었습니다."},
    Entry{"hint.scanner_jam", "扫描仪卡纸，请取出文件后重试。",
          "The scanner jammed. Remove the paper and try again.",
          "스캐너에 용지가 걸렸습니다. 꺼낸 후 다시 시도하세요."},
    Entry{"hint.scan_blurred", "扫描的页面模糊，请将文件平放并合上盖板后重新扫描。",
          "The scan is blurred. Lay the page flat, close the lid and scan it again.",
          "스캔이 흐립니다. 서류를 평평하게 놓고 덮개를 닫은 후 다시 스캔하세요."},
    Entry{"hint.scan_glare", "页面反光，请合上盖板后重新扫描。",
          "The page reflects the light. Close the lid and scan it again.",
          "서류에 빛이 반사됩니다. 덮개를 닫고 다시 스캔하세요."},
    Entry{"hint.scan_too_dark", "扫描的页面太暗，请合上盖板后重新扫描。",
          "The scan is too dark. Close the lid and scan it again.",
          "스캔이 너무 어둡습니다. 덮개를 닫고 다시 스캔하세요."},
    Entry{"hint.scan_resolution_low", "扫描的文字太小，无法识别，请联系工作人员。",
          "The text on the scan is too small to read. Please ask for help.",
          "스캔한 글자가 너무 작아 읽을 수 없습니다. 도움을 요청하세요."},
    Entry{"hint.scan_unreadable", "无法处理扫描的页面，请摆正后重新扫描。",
          "The scanned page could not be used. Straighten it and scan it again.",
          "스캔한 서류를 처리할 수 없습니다. 바르게 놓고 다시 스캔하세요."},
    Entry{"hint.scanner_cover_open", "请合上扫描仪盖板。", "Please close the scanner lid.",
          "스캐너 덮개를 닫아 주세요."},
    Entry{"button.continue", "继续", "Continue", "계속"},
    Entry{"button.back", "返回", "Back", "뒤로"},
    Entry{"button.cancel", "结束并清除信息", "End and erase my data", "종료하고 정보 삭제"},
    Entry{"button.finish", "完成", "Finish", "완료"},
    Entry{"button.print_form", "打印告知单", "Print this checklist", "안내서 인쇄"},
    Entry{"button.print_slip", "打印地址凭条", "Print the address", "주소 인쇄"},
    Entry{"button.self", "为本人办理", "For myself", "본인"},
    Entry{"button.other", "为他人代办", "For someone else", "다른 사람 대리"},
    Entry{"button.id_card", "居民身份证", "Resident ID card", "주민신분증"},
    Entry{"button.passport", "护照 / 通行证", "Passport / travel permit", "여권 / 통행증"},
    Entry{"button.scan", "扫描", "Scan", "스캔"},
    Entry{"button.rescan", "重扫上一页", "Rescan the last page", "마지막 쪽 다시 스캔"},
    Entry{"button.confirm", "确认办理", "Confirm", "확인"},
    Entry{"button.erase", "删除", "Delete", "지우기"},
    Entry{"button.submit", "查询", "Look up", "조회"},
    Entry{"button.more_time", "需要更多时间", "More time", "시간 연장"},
    Entry{"button.retry", "重试", "Try again", "다시 시도"},
    Entry{"footer.privacy", "离开时您的信息将被清除", "Your data is erased when you leave",
          "떠나시면 정보가 삭제됩니다"},
};

}  // namespace

std::string_view text(Language language, std::string_view id) {
    for (const Entry& entry : kTexts) {
        if (entry.id != id) continue;
        switch (language) {
            case Language::Chinese:
                return entry.zh;
            case Language::English:
                return entry.en;
            case Language::Korean:
                return entry.ko;
        }
    }
    return id;
}

bool has_text(std::string_view id) {
    for (const Entry& entry : kTexts) {
        if (entry.id == id) return !entry.zh.empty() && !entry.en.empty() && !entry.ko.empty();
    }
    return false;
}

}  // namespace hk::kiosk
