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

// Limits that no real document comes near: a page's reading is a handful of short fields.
constexpr std::size_t kMaxReadFields = 64;
constexpr std::size_t kMaxReadIdBytes = 64;
constexpr std::size_t kMaxReadValueBytes = 1024;

// The kiosk's reading of a page, checked member by member and written again from what was checked, so the
// store keeps nothing a hostile body slipped in.
std::expected<std::string, std::string> read_reading(const nlohmann::json& node, const std::string& path) {
    if (!node.is_object()) return std::unexpected(path + " must be an object");
    const auto type = node.find("document_type");
    if (type == node.end() || !type->is_string() || type->get_ref<const std::string&>().empty() ||
        type->get_ref<const std::string&>().size() > kMaxReadIdBytes) {
        return std::unexpected(path + ".document_type must be a document type id");
    }
    const auto fields = node.find("fields");
    if (fields == node.end() || !fields->is_array() || fields->size() > kMaxReadFields) {
        return std::unexpected(path + ".fields must be an array of at most 64 fields");
    }
    nlohmann::ordered_json out;
    out["document_type"] = *type;
    out["fields"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < fields->size(); ++i) {
        const nlohmann::json& field = (*fields)[i];
        const std::string at = path + ".fields[" + std::to_string(i) + "]";
        if (!field.is_object()) return std::unexpected(at + " must be an object");
        const auto id = field.find("id");
        const auto value = field.find("value");
        const auto valid = field.find("valid");
        const auto confirmed = field.find("confirmed");
        const auto confidence = field.find("confidence");
        if (id == field.end() || !id->is_string() || id->get_ref<const std::string&>().empty() ||
            id->get_ref<const std::string&>().size() > kMaxReadIdBytes) {
            return std::unexpected(at + ".id must be a field id");
        }
        if (value == field.end() || !value->is_string() ||
            value->get_ref<const std::string&>().size() > kMaxReadValueBytes) {
            return std::unexpected(at + ".value must be a string of at most 1024 bytes");
        }
        if (valid == field.end() || !valid->is_boolean() || confirmed == field.end() ||
            !confirmed->is_boolean()) {
            return std::unexpected(at + ".valid and .confirmed must be true or false");
        }
        if (confidence == field.end() || !confidence->is_number() || confidence->get<double>() < 0.0 ||
            confidence->get<double>() > 1.0) {
            return std::unexpected(at + ".confidence must be a number from 0 to 1");
        }
        out["fields"].push_back({{"id", *id},
                                 {"value", *value},
                                 {"valid", *valid},
                                 {"confirmed", *confirmed},
                                 {"confidence", confidence->get<double>()}});
    }
    return out.dump();
}

std::optional<Attachment> read_attachment(const nlohmann::json& node, const std::string& path,
                                          ObjectReader& outer) {
    ObjectReader reader(node, path);
    Attachment attachment;
    attachment.document_index = reader.optional_integer("document_index");
    attachment.mime = reader.required_string("mime");
    const std::string data = reader.required_string("data_base64");
    attachment.ocr_text = reader.optional_string("ocr_text").value_or("");
    if (const nlohmann::json* reading = reader.optional_member("reading"); reading != nullptr) {
        if (auto checked = read_reading(*reading, reader.path_of("reading"))) {
            attachment.reading_json = std::move(*checked);
        } else {
            reader.refuse(checked.error());
        }
    }
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
