// Turns the session engine's state into what the screen shows, in the citizen's language.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "kiosk/language.h"
#include "kiosk/session/engine.h"
#include "ui/view_model.h"

namespace hk::kiosk {

ui::ViewModel build_view(const State& state, const SessionEngine& engine);

// A screen text by its id (the msgid of the gettext catalogues in po/), in `language`. Unknown ids come back
// as the id itself, so a missing text is visible (and the tests catch it) rather than a blank. The text lives
// as long as the process.
std::string_view text(Language language, std::string_view id);
// Screen texts a pushed site configuration puts in place of the built-in ones, by id; replaces the set put in
// place before (an empty map restores the built-in texts). Texts handed out earlier stay valid.
void set_text_overrides(std::map<std::string, LocalisedText, std::less<>> texts);
// Whether every language has a text for this id.
bool has_text(std::string_view id);
// Where the catalogues were loaded from, or why none were: for the log at start.
std::string translations_source();

// A calendar date as the language writes it: "2026年11月23日", "23 November 2026", "2026년 11월 23일".
std::string format_date(Language language, int year, int month, int day);
// The same from "YYYY-MM-DD" (as the central service sends dates); anything else comes back unchanged.
std::string format_date(Language language, std::string_view iso_date);
// A count with the language's digit grouping: "12,345".
std::string format_count(Language language, long n);

// Personal data on screen is masked by default: "王*明", "1101**********1234".
std::string mask_name(std::string_view name);
std::string mask_number(std::string_view number);

}  // namespace hk::kiosk
