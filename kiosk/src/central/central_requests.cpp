#include "central_requests.h"

#include <utility>

#include "base64.h"
#include "json_writer.h"
#include "wiping_buffer.h"

namespace hk::kiosk::central {

RequestBody::RequestBody(RequestBody&& other) noexcept : text_(std::move(other.text_)) {
    other.wipe();
}

RequestBody& RequestBody::operator=(RequestBody&& other) noexcept {
    if (this != &other) {
        wipe();
        text_ = std::move(other.text_);
        other.wipe();
    }
    return *this;
}

RequestBody::~RequestBody() {
    wipe();
}

void RequestBody::wipe() noexcept {
    wipe_string(text_);
}

namespace {

// Schema Identity. Empty optional members are left out rather than sent as "".
void write_identity(JsonWriter& json, const VerifiedIdentity& person) {
    json.begin_object();
    json.key("source").string(person.source == IdentitySource::ResidentIdCard ? "resident_id_card"
                                                                              : "passport_chip");
    json.key("name").string(person.name.reveal());
    const auto optional = [&](const char* key, const PersonalString& value) {
        if (!value.empty()) json.key(key).string(value.reveal());
    };
    optional("id_number", person.id_number);
    optional("document_number", person.document_number);
    optional("nationality", person.nationality);
    optional("birth_date", person.birth_date);
    json.end_object();
}

void write_people(JsonWriter& json, const VerifiedIdentity& subject,
                  const std::optional<VerifiedIdentity>& agent) {
    json.key("subject");
    write_identity(json, subject);
    if (agent) {
        json.key("agent");
        write_identity(json, *agent);
    }
}

}  // namespace

RequestBody eligibility_body(const VerifiedIdentity& subject, const std::string& service_id) {
    JsonWriter json;
    json.begin_object().key("service_id").string(service_id);
    write_people(json, subject, std::nullopt);
    json.end_object();
    return RequestBody(json.take());
}

RequestBody certificate_body(const CertificateRequest& request) {
    JsonWriter json;
    json.begin_object().key("service_id").string(request.service_id);
    write_people(json, request.subject, request.agent);
    json.end_object();
    return RequestBody(json.take());
}

std::expected<RequestBody, CentralError> application_body(const ApplicationRequest& request) {
    // Room for the people and every page's metadata (OCR text may be escaped to 6 bytes a byte), checked
    // against the protocol's limit before anything is encoded.
    std::size_t estimate = 4096;
    for (const Attachment& page : request.attachments) {
        if (page.mime != "image/png" && page.mime != "image/jpeg") {
            return std::unexpected(CentralError{CentralErrorKind::Rejected, "attachment type not accepted"});
        }
        estimate += base64_length(page.data.size()) + 6 * page.ocr_text.size() + 128;
        for (const AttachmentField& field : page.fields)
            estimate += 6 * (field.id.size() + field.value.size()) + 96;
    }
    if (estimate > kMaxApplicationBodyBytes) {
        return std::unexpected(CentralError{CentralErrorKind::Rejected, "attachments exceed 32 MiB"});
    }
    JsonWriter json;
    json.reserve(estimate);
    json.begin_object().key("service_id").string(request.service_id);
    write_people(json, request.subject, request.agent);
    json.key("attachments").begin_array();
    for (const Attachment& page : request.attachments) {
        json.begin_object().key("mime").string(page.mime);
        if (page.document_index >= 0) json.key("document_index").integer(page.document_index);
        if (!page.ocr_text.empty()) json.key("ocr_text").string(page.ocr_text);
        if (!page.document_type.empty()) {
            json.key("reading").begin_object().key("document_type").string(page.document_type);
            json.key("fields").begin_array();
            for (const AttachmentField& field : page.fields) {
                json.begin_object().key("id").string(field.id).key("value").string(field.value.reveal());
                json.key("valid").boolean(field.valid).key("confirmed").boolean(field.confirmed);
                json.key("confidence").fixed3(field.confidence).end_object();
            }
            json.end_array().end_object();
        }
        json.key("data_base64").base64(page.data);
        json.end_object();
    }
    json.end_array().end_object();
    return RequestBody(json.take());
}

}  // namespace hk::kiosk::central
