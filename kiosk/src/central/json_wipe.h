// Parsed and built JSON documents hold names and ID numbers in plain std::strings; they are overwritten
// before the document is freed, so personal data does not linger in the heap (the same rule PersonalString
// follows).
#pragma once

#include <nlohmann/json.hpp>

namespace hk::kiosk::central {

// Overwrites every string value in the document with zeros. Walks with its own stack: answers come from the
// network and may be nested deeply.
void wipe_json_strings(nlohmann::json& document) noexcept;

// Wipes the document when the scope ends, whichever way it ends.
class JsonWipeGuard {
  public:
    explicit JsonWipeGuard(nlohmann::json& document) : document_(document) {}
    ~JsonWipeGuard() { wipe_json_strings(document_); }
    JsonWipeGuard(const JsonWipeGuard&) = delete;
    JsonWipeGuard& operator=(const JsonWipeGuard&) = delete;

  private:
    nlohmann::json& document_;
};

}  // namespace hk::kiosk::central
