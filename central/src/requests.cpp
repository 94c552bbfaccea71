#include "requests.h"

#include "certificate_composer.h"
#include "encoding.h"
#include "id_numbers.h"
#include "json_codec.h"

namespace hk::central {
namespace {

// Reads an Identity (a member, or the whole body when path is empty) into `identity`; returns the first
// problem.
std::optional<ApiError> read_identity(const nlohmann::json& node, const std::string& path,
                                      Identity& identity) {
    ObjectReader reader(node, path);
    const std::string source = reader.required_string("source");
    identity.name = reader.required_string("name");
    identity.id_number = reader.optional_string("id_number").value_or("");
    identity.document_number = reader.optional_string("document_number").value_or("");
    identity.nationality = reader.optional_string("nationality").value_or("");
    identity.birth_date = reader.optional_string("birth_date").value_or("");
    if (reader.error()) return reader.error();

    if (source == "resident_id_card") {
        identity.source = IdentitySource::ResidentIdCard;
        if (identity.id_number.empty())
            reader.refuse(reader.path_of("id_number") + " is required for resident_id_card");
    } else if (source == "passport_chip") {
        identity.source = IdentitySource::PassportChip;
        if (identity.document_number.empty()) {
            reader.refuse(reader.path_of("document_number") + " is required for passport_chip");
        }
    } else {
        reader.refuse(reader.path_of("source") + " must be resident_id_card or passport_chip");
    }
    // A number that fails its own check character was misread; no record can match it.
    if (!identity.id_number.empty() && !is_valid_id_number(identity.id_number)) {
        reader.refuse(reader.path_of("id_number") + " is not a valid GB 11643 number");
    }
    return reader.error();
}

// Reads the Identity member `key` of `reader`'s object; a problem inside it lands in `error`.
std::optional<Identity> read_identity_member(ObjectReader& reader, std::string_view key, bool required,
                                             std::optional<ApiError>& error) {
    const nlohmann::json* node = required ? reader.required_member(key) : reader.optional_member(key);
    if (node == nullptr) return std::nullopt;
    Identity identity;
    if (auto problem = read_identity(*node, reader.path_of(key), identity)) {
        if (!error) error = problem;
        return std::nullopt;
    }
    return identity;
}

std::optional<Attachment> read_attachment(const nlohmann::json& node, const std::string& path,
                                          ObjectReader& outer) {
    ObjectReader reader(node, path);
    Attachment attachment;
    attachment.document_index = reader.optional_integer("document_index");
    attachment.mime = reader.required_string("mime");
    const std::string data = reader.required_string("data_base64");
    attachment.ocr_text = reader.optional_string("ocr_text").value_or("");
    if (!reader.error()) {
        if (attachment.mime != "image/png" && attachment.mime != "image/jpeg") {
            reader.refuse(reader.path_of("mime") + " must be image/png or image/jpeg");
        }
        std::optional<std::string> bytes = base64_decode(data);
        if (!bytes) {
            reader.refuse(reader.path_of("data_base64") + " is not base64");
        } else if (bytes->empty()) {
            reader.refuse(reader.path_of("data_base64") + " is empty");
        } else {
            attachment.bytes = std::move(*bytes);
        }
    }
    if (reader.error()) {
        outer.refuse(reader.error()->message);
        return std::nullopt;
    }
    return attachment;
}

}  // namespace

std::expected<Identity, ApiError> decode_identity_request(const nlohmann::json& body) {
    Identity identity;
    if (auto error = read_identity(body, "", identity)) return std::unexpected(*error);
    return identity;
}

std::expected<EligibilityRequest, ApiError> decode_eligibility_request(const nlohmann::json& body) {
    ObjectReader reader(body, "");
    std::optional<ApiError> error;
    EligibilityRequest request;
    request.service_id = reader.required_string("service_id");
    std::optional<Identity> subject = read_identity_member(reader, "subject", true, error);
    if (reader.error()) return std::unexpected(*reader.error());
    if (error) return std::unexpected(*error);
    request.subject = std::move(*subject);
    return request;
}

std::expected<CertificateRequest, ApiError> decode_certificate_request(const nlohmann::json& body) {
    ObjectReader reader(body, "");
    std::optional<ApiError> error;
    CertificateRequest request;
    request.service_id = reader.required_string("service_id");
    std::optional<Identity> subject = read_identity_member(reader, "subject", true, error);
    request.agent = read_identity_member(reader, "agent", false, error);
    if (!reader.error() && !is_certificate_service(request.service_id)) {
        reader.refuse("service_id is not an instant certificate");
    }
    if (reader.error()) return std::unexpected(*reader.error());
    if (error) return std::unexpected(*error);
    request.subject = std::move(*subject);
    return request;
}

std::expected<ApplicationRequest, ApiError> decode_application_request(const nlohmann::json& body) {
    ObjectReader reader(body, "");
    std::optional<ApiError> error;
    ApplicationRequest request;
    request.service_id = reader.required_string("service_id");
    std::optional<Identity> subject = read_identity_member(reader, "subject", true, error);
    request.agent = read_identity_member(reader, "agent", false, error);
    if (const nlohmann::json* attachments = reader.required_member("attachments")) {
        if (!attachments->is_array()) {
            reader.refuse("attachments must be an array");
        } else if (attachments->empty()) {
            reader.refuse("attachments must hold at least one document");
        } else {
            for (std::size_t i = 0; i < attachments->size() && !reader.error(); ++i) {
                const std::string path = "attachments[" + std::to_string(i) + "]";
                if (auto attachment = read_attachment((*attachments)[i], path, reader)) {
                    request.attachments.push_back(std::move(*attachment));
                }
            }
        }
    }
    if (reader.error()) return std::unexpected(*reader.error());
    if (error) return std::unexpected(*error);
    request.subject = std::move(*subject);
    return request;
}

std::expected<Heartbeat, ApiError> decode_heartbeat(const nlohmann::json& body) {
    ObjectReader reader(body, "");
    Heartbeat heartbeat;
    heartbeat.version = reader.required_string("version");
    if (const nlohmann::json* devices = reader.required_member("devices")) {
        if (!devices->is_object()) {
            reader.refuse("devices must be an object");
        } else {
            for (const auto& [name, state] : devices->items()) {
                if (!state.is_string() || (state != "ready" && state != "faulted")) {
                    reader.refuse("devices." + name.substr(0, 64) +
                                  " must be ready or faulted");  // names are kiosk-chosen
                    break;
                }
                heartbeat.devices.emplace(name, state.get<std::string>());
            }
        }
    }
    if (reader.error()) return std::unexpected(*reader.error());
    return heartbeat;
}

}  // namespace hk::central
