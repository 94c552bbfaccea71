// Turns the session engine's state into what the screen shows, in the citizen's language.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/language.h"
#include "kiosk/session/engine.h"
#include "ui/view_model.h"

namespace hk::kiosk {

ui::ViewModel build_view(const State& state, const SessionEngine& engine);

// A screen text by its id, in `language`. Unknown ids come back as the id itself, so a missing text is
// visible (and the tests catch it) rather than a blank.
std::string_view text(Language language, std::string_view id);
bool has_text(std::string_view id);

// Personal data on screen is masked by default: "王*明", "1101**********1234".
std::string mask_name(std::string_view name);
std::string mask_number(std::string_view number);

}  // namespace hk::kiosk
