#include "records.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

namespace hk::kiosk::records {
namespace {

using nlohmann::json;

std::string text(const PersonalString& value) {
    return std::string(value.reveal());
}

json identity(const VerifiedIdentity& id) {
    return {{"source", id.source == IdentitySource::ResidentIdCard ? "card" : "chip"},
            {"name", text(id.name)},
            {"id_number", text(id.id_number)},
            {"document_number", text(id.document_number)},
            {"birth_date", text(id.birth_date)},
            {"nationality", text(id.nationality)}};
}

VerifiedIdentity identity_from(const json& node) {
    VerifiedIdentity id;
    id.source = node.at("source") == "chip" ? IdentitySource::PassportChip : IdentitySource::ResidentIdCard;
    id.name = PersonalString(node.at("name").get<std::string>());
    id.id_number = PersonalString(node.at("id_number").get<std::string>());
    id.document_number = PersonalString(node.at("document_number").get<std::string>());
    id.birth_date = PersonalString(node.at("birth_date").get<std::string>());
    id.nationality = PersonalString(node.at("nationality").get<std::string>());
    return id;
}

std::string to_base64(const std::vector<std::uint8_t>& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                       static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

std::vector<std::uint8_t> from_base64(const std::string& text) {
    std::vector<std::uint8_t> out(3 * (text.size() / 4) + 3);
    const int length = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                       static_cast<int>(text.size()));
    if (length < 0) return {};
    std::size_t size = static_cast<std::size_t>(length);
    // EVP_DecodeBlock counts the padding as zero bytes: take them off again.
    if (text.size() >= 1 && text[text.size() - 1] == '=') --size;
    if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

template <typename T, typename Parse>
std::optional<T> parse(const std::string& text_json, Parse parse_node) {
    const json doc = json::parse(text_json, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    try {
        return parse_node(doc);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

}  // namespace

std::string to_json(const CertificateRequest& request) {
    json doc = {{"service_id", request.service_id},
                {"subject", identity(request.subject)},
                {"key", request.idempotency_key}};
    if (request.agent) doc["agent"] = identity(*request.agent);
    return doc.dump();
}

std::string to_json(const ApplicationRequest& request) {
    json attachments = json::array();
    for (const Attachment& page : request.attachments) {
        json fields = json::array();
        for (const AttachmentField& field : page.fields) {
            fields.push_back({{"id", field.id},
                              {"value", text(field.value)},
                              {"valid", field.valid},
                              {"confirmed", field.confirmed},
                              {"confidence", field.confidence}});
        }
        attachments.push_back({{"index", page.document_index},
                               {"mime", page.mime},
                               {"data", to_base64(page.data)},
                               {"ocr", page.ocr_text},
                               {"type", page.document_type},
                               {"fields", fields}});
    }
    json doc = {{"service_id", request.service_id},
                {"subject", identity(request.subject)},
                {"pages", request.attached_pages},
                {"attachments", attachments},
                {"key", request.idempotency_key}};
    if (request.agent) doc["agent"] = identity(*request.agent);
    return doc.dump();
}

std::string to_json(const IssuedCertificate& certificate) {
    json fields = json::array();
    for (const CertificateField& field : certificate.fields) {
        fields.push_back({{"label", field.label}, {"value", text(field.value)}});
    }
    return json{{"serial", certificate.serial},
                {"service_id", certificate.service_id},
                {"issued_on", certificate.issued_on},
                {"issuer", certificate.issuer},
                {"title_zh", certificate.title_zh},
                {"title_en", certificate.title_en},
                {"holder_name", text(certificate.holder_name)},
                {"fields", fields},
                {"statement", certificate.statement},
                {"proof_payload", certificate.proof_payload},
                {"verification_code", certificate.verification_code}}
        .dump();
}

std::string to_json(const ApplicationReceipt& receipt) {
    return json{{"tracking_number", receipt.tracking_number}, {"days", receipt.expected_working_days}}.dump();
}

std::optional<CertificateRequest> certificate_request(const std::string& text_json) {
    return parse<CertificateRequest>(text_json, [](const json& doc) {
        CertificateRequest request;
        request.service_id = doc.at("service_id").get<std::string>();
        request.subject = identity_from(doc.at("subject"));
        if (doc.contains("agent")) request.agent = identity_from(doc.at("agent"));
        request.idempotency_key = doc.at("key").get<std::string>();
        return request;
    });
}

std::optional<ApplicationRequest> application_request(const std::string& text_json) {
    return parse<ApplicationRequest>(text_json, [](const json& doc) {
        ApplicationRequest request;
        request.service_id = doc.at("service_id").get<std::string>();
        request.subject = identity_from(doc.at("subject"));
        if (doc.contains("agent")) request.agent = identity_from(doc.at("agent"));
        request.attached_pages = doc.at("pages").get<int>();
        for (const json& page : doc.value("attachments", json::array())) {
            Attachment& attachment = request.attachments.emplace_back();
            attachment.document_index = page.at("index").get<int>();
            attachment.mime = page.at("mime").get<std::string>();
            attachment.data = from_base64(page.at("data").get<std::string>());
            attachment.ocr_text = page.at("ocr").get<std::string>();
            // Records written before the kiosk sent what it read have neither.
            attachment.document_type = page.value("type", std::string());
            for (const json& field : page.value("fields", json::array())) {
                attachment.fields.push_back({field.at("id").get<std::string>(),
                                             PersonalString(field.at("value").get<std::string>()),
                                             field.at("valid").get<bool>(), field.at("confirmed").get<bool>(),
                                             field.at("confidence").get<double>()});
            }
        }
        request.idempotency_key = doc.at("key").get<std::string>();
        return request;
    });
}

std::optional<IssuedCertificate> certificate(const std::string& text_json) {
    return parse<IssuedCertificate>(text_json, [](const json& doc) {
        IssuedCertificate c;
        c.serial = doc.at("serial").get<std::string>();
        c.service_id = doc.at("service_id").get<std::string>();
        c.issued_on = doc.at("issued_on").get<std::string>();
        c.issuer = doc.at("issuer").get<std::string>();
        c.title_zh = doc.at("title_zh").get<std::string>();
        c.title_en = doc.at("title_en").get<std::string>();
        c.holder_name = PersonalString(doc.at("holder_name").get<std::string>());
        for (const json& field : doc.at("fields")) {
            c.fields.push_back(
                {field.at("label").get<std::string>(), PersonalString(field.at("value").get<std::string>())});
        }
        c.statement = doc.at("statement").get<std::string>();
        c.proof_payload = doc.at("proof_payload").get<std::string>();
        c.verification_code = doc.at("verification_code").get<std::string>();
        return c;
    });
}

std::optional<ApplicationReceipt> receipt(const std::string& text_json) {
    return parse<ApplicationReceipt>(text_json, [](const json& doc) {
        return ApplicationReceipt{doc.at("tracking_number").get<std::string>(), doc.at("days").get<int>()};
    });
}

}  // namespace hk::kiosk::records
