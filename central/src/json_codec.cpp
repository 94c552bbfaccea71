#include "json_codec.h"

namespace hk::central {

bool nesting_exceeds(std::string_view text, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                break;
            case '[':
            case '{':
                if (++depth > limit) return true;
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default:
                break;
        }
    }
    return false;
}

std::expected<nlohmann::json, ApiError> parse_json_body(std::string_view body) {
    if (nesting_exceeds(body, kMaxJsonDepth)) return std::unexpected(bad_request("JSON nested too deeply"));
    // allow_exceptions=false: a parse error yields a discarded value instead of throwing.
    nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded()) return std::unexpected(bad_request("body is not valid JSON"));
    return doc;
}

std::expected<nlohmann::json, ApiError> parse_json_object(std::string_view body) {
    auto doc = parse_json_body(body);
    if (doc && !doc->is_object()) return std::unexpected(unprocessable("body must be a JSON object"));
    return doc;
}

std::string encode_json(const nlohmann::ordered_json& value) {
    return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string encode_json(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ObjectReader::ObjectReader(const nlohmann::json& node, std::string path)
    : node_(node), path_(std::move(path)) {
    if (!node_.is_object()) refuse(path_ + " must be an object");
}

const nlohmann::json* ObjectReader::find(std::string_view key) const {
    if (!node_.is_object()) return nullptr;
    const auto it = node_.find(key);
    return it == node_.end() ? nullptr : &*it;
}

std::string ObjectReader::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ObjectReader::refuse(std::string message) {
    if (!error_) error_ = unprocessable(std::move(message));
}

const nlohmann::json* ObjectReader::required_member(std::string_view key) {
    const nlohmann::json* member = find(key);
    if (member == nullptr && node_.is_object()) refuse(path_of(key) + " is required");
    return member;
}

const nlohmann::json* ObjectReader::optional_member(std::string_view key) {
    return find(key);
}

std::string ObjectReader::required_string(std::string_view key) {
    const nlohmann::json* member = required_member(key);
    if (member == nullptr) return {};
    if (!member->is_string()) {
        refuse(path_of(key) + " must be a string");
        return {};
    }
    return member->get<std::string>();
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key) {
    const nlohmann::json* member = find(key);
    if (member == nullptr) return std::nullopt;
    if (!member->is_string()) {
        refuse(path_of(key) + " must be a string");
        return std::nullopt;
    }
    return member->get<std::string>();
}

std::optional<std::int64_t> ObjectReader::optional_integer(std::string_view key) {
    const nlohmann::json* member = find(key);
    if (member == nullptr) return std::nullopt;
    // Unsigned values above int64 are integers in JSON but not representable here: refuse rather than wrap.
    if (member->is_number_unsigned() && member->get<std::uint64_t>() > INT64_MAX) {
        refuse(path_of(key) + " is out of range");
        return std::nullopt;
    }
    if (!member->is_number_integer()) {
        refuse(path_of(key) + " must be an integer");
        return std::nullopt;
    }
    return member->get<std::int64_t>();
}

}  // namespace hk::central
