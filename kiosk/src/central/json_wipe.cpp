#include "json_wipe.h"

#include <vector>

#include "drivers/personal_string.h"

namespace hk::kiosk::central {

void wipe_json_strings(nlohmann::json& document) noexcept {
    try {
        std::vector<nlohmann::json*> pending{&document};
        while (!pending.empty()) {
            nlohmann::json* node = pending.back();
            pending.pop_back();
            if (node->is_string()) {
                std::string& text = node->get_ref<std::string&>();
                drivers::wipe_bytes(text.data(), text.size());
            } else if (node->is_structured()) {
                for (nlohmann::json& child : *node) pending.push_back(&child);
            }
        }
    } catch (...) {
        // Only allocating the stack can fail; a document we could not wipe is still freed normally.
    }
}

}  // namespace hk::kiosk::central
