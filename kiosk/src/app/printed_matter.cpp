#include "printed_matter.h"

#include "kiosk/view.h"

namespace hk::kiosk {

printer::CertificateDocument certificate_document(const IssuedCertificate& certificate) {
    printer::CertificateDocument document;
    document.title = certificate.title_zh;
    document.subtitle = certificate.title_en;
    document.serial = certificate.serial;
    document.issued_on = certificate.issued_on;
    document.issuer = certificate.issuer;
    for (const CertificateField& field : certificate.fields)
        document.fields.push_back({field.label, field.value});
    document.statement = certificate.statement;
    document.proof_payload = certificate.proof_payload;
    document.verification_code = certificate.verification_code;
    return document;
}

printer::Receipt compose_receipt(const PrintReceipt& request, const Catalogue& catalogue,
                                 const std::string& printed_at, const std::string& kiosk_id) {
    using printer::ReceiptStyle;
    const Language language = request.language;
    auto t = [language](std::string_view id) { return std::string(text(language, id)); };
    printer::Receipt receipt;
    auto add = [&receipt](std::string line, ReceiptStyle style = ReceiptStyle::Normal) {
        receipt.lines.push_back({std::move(line), style});
    };
    add(t("attract.title"), ReceiptStyle::Large);
    const Service* service = catalogue.find(request.service_id);
    if (service != nullptr) add(service->name.in(language), ReceiptStyle::Bold);

    switch (request.kind) {
        case ReceiptKind::Certificate:
            add(t("done.serial") + request.reference, ReceiptStyle::Bold);
            add(t("done.take"));
            receipt.qr_text = request.reference;
            break;
        case ReceiptKind::Application:
            add(t("done.tracking") + request.reference, ReceiptStyle::Large);
            if (service != nullptr && service->expected_working_days > 0) {
                add(t("done.days") + std::to_string(service->expected_working_days));
            }
            receipt.qr_text = request.reference;
            break;
        case ReceiptKind::NotificationForm:
            if (service != nullptr) {
                add(t("form.bring"));
                for (const LocalisedText& item : service->what_to_bring) add("• " + item.in(language));
                if (!service->available_here) add(t("form.not_here"));
            }
            break;
        case ReceiptKind::Referral:
            add(t("referral.title"), ReceiptStyle::Bold);
            if (request.station) {
                add(request.station->name, ReceiptStyle::Bold);
                add(request.station->address);
                if (!request.station->hours.empty()) add(t("referral.hours") + request.station->hours);
                if (!request.station->phone.empty()) add(t("referral.phone") + request.station->phone);
            }
            break;
    }
    if (!request.holder_number_masked.empty()) add(t("receipt.holder") + request.holder_number_masked);
    add(printed_at + "  " + kiosk_id, ReceiptStyle::Centred);
    return receipt;
}

}  // namespace hk::kiosk
