// The protocol's request bodies as typed values, and their decoders from JSON. A decoder accepts exactly the
// schema in openapi.yaml: required members present with their types, enum values in range, unknown members
// ignored. Anything else is a 422 naming the member.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "answer.h"

namespace hk::central {

enum class IdentitySource : std::uint8_t { ResidentIdCard, PassportChip };

// A person as the kiosk established them from a document. Optional members are empty when absent.
struct Identity {
    IdentitySource source = IdentitySource::ResidentIdCard;
    std::string name;
    std::string id_number;        // GB 11643; required for resident_id_card
    std::string document_number;  // required for passport_chip
    std::string nationality;      // ICAO code
    std::string birth_date;
};

struct EligibilityRequest {
    std::string service_id;
    Identity subject;
};

struct CertificateRequest {
    std::string service_id;  // one of the five instant certificates
    Identity subject;
    std::optional<Identity> agent;
};

struct Attachment {
    std::optional<std::int64_t> document_index;
    std::string mime;   // image/png or image/jpeg
    std::string bytes;  // decoded from data_base64
    std::string ocr_text;
    // What the kiosk read on the page and what the citizen confirmed, re-encoded from the checked members
    // only ({"document_type": ..., "fields": [{"id", "value", "valid", "confirmed", "confidence"}]}); empty:
    // the kiosk read nothing there.
    std::string reading_json;
};

struct ApplicationRequest {
    std::string service_id;
    Identity subject;
    std::optional<Identity> agent;
    std::vector<Attachment> attachments;  // at least one
};

struct Heartbeat {
    std::string version;
    std::map<std::string, std::string> devices;  // device name -> "ready" / "faulted"
};

std::expected<EligibilityRequest, ApiError> decode_eligibility_request(const nlohmann::json& body);
std::expected<CertificateRequest, ApiError> decode_certificate_request(const nlohmann::json& body);
std::expected<ApplicationRequest, ApiError> decode_application_request(const nlohmann::json& body);
std::expected<Identity, ApiError> decode_identity_request(const nlohmann::json& body);
std::expected<Heartbeat, ApiError> decode_heartbeat(const nlohmann::json& body);

}  // namespace hk::central
