// Writes the JSON of request bodies straight into one wiping buffer (see wiping_buffer.h) rather than through
// a DOM and dump(), which would leave copies of names and ID numbers in freed memory. Strings are escaped per
// RFC 8259; bytes that are not valid UTF-8 become U+FFFD, so the body is always valid JSON.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hk::kiosk::central {

class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& string(std::string_view value);
    JsonWriter& integer(long long value);
    JsonWriter& boolean(bool value);
    // A non-negative number with three decimals (a confidence); '.' whatever the process's locale.
    JsonWriter& fixed3(double value);
    // Bytes as a base64 JSON string, encoded in place.
    JsonWriter& base64(std::span<const std::uint8_t> bytes);

    // Makes room for `bytes` more bytes up front (attachments), so the buffer does not move while growing.
    void reserve(std::size_t bytes);
    // The text written so far; the writer is empty afterwards.
    [[nodiscard]] std::string take();

  private:
    void before_value();
    void raw(std::string_view text);

    std::string out_;
    std::vector<bool> container_empty_;  // one entry per open object/array: nothing written in it yet
    bool after_key_ = false;
};

}  // namespace hk::kiosk::central
