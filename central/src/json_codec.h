// The protocol's JSON rules in one place: what counts as malformed (400) versus well-formed but wrong (422),
// and a reader that checks an object's members for presence and exact type without ever throwing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "answer.h"

namespace hk::central {

// Deeper documents are refused before parsing: nothing in the protocol nests past 4 levels, and nlohmann's
// dump, copy and compare recurse, so a hostile "[[[[..." body must never reach them.
inline constexpr std::size_t kMaxJsonDepth = 32;

// Parses a request body: not JSON (or invalid UTF-8, or too deep) -> 400 bad_request.
std::expected<nlohmann::json, ApiError> parse_json_body(std::string_view body);
// As parse_json_body, and the top level must be an object -> else 422 unprocessable.
std::expected<nlohmann::json, ApiError> parse_json_object(std::string_view body);
// Whether `text` opens more than `limit` arrays/objects at once (strings are skipped, escapes respected).
bool nesting_exceeds(std::string_view text, std::size_t limit);

// Compact UTF-8 JSON; never throws (invalid UTF-8, which our own data never holds, is replaced).
std::string encode_json(const nlohmann::ordered_json& value);
std::string encode_json(const nlohmann::json& value);

// Reads the members of one JSON object. Every accessor records the first problem (missing required member,
// wrong type) as a 422 naming the member's path, so a decoder reads all fields and checks error() once at the
// end.
class ObjectReader {
  public:
    // `path` names the object in messages, e.g. "subject"; `node` need not be an object (that is the first
    // error).
    ObjectReader(const nlohmann::json& node, std::string path);

    std::string required_string(std::string_view key);
    std::optional<std::string> optional_string(std::string_view key);
    std::optional<std::int64_t> optional_integer(std::string_view key);
    // The member itself, for nested objects and arrays; nullptr (and an error when required) if absent.
    const nlohmann::json* required_member(std::string_view key);
    const nlohmann::json* optional_member(std::string_view key);

    // Records a refusal found by the caller (an enum value out of range, a bad number) unless one is
    // recorded.
    void refuse(std::string message);
    [[nodiscard]] std::string path_of(std::string_view key) const;
    [[nodiscard]] const std::optional<ApiError>& error() const { return error_; }

  private:
    const nlohmann::json* find(std::string_view key) const;

    const nlohmann::json& node_;
    std::string path_;
    std::optional<ApiError> error_;
};

}  // namespace hk::central
