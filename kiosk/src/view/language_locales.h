// One std::locale per language the kiosk speaks: its gettext catalogue (hukiosk.mo) and its ICU date and
// number formats. Built once and never changed, so any thread may name a language per call, with no setlocale
// or LANGUAGE variable shared by the whole process.
#pragma once

#include <locale>
#include <string>

#include "kiosk/language.h"

namespace hk::kiosk {

inline constexpr const char* kTextDomain = "hukiosk";

const std::locale& language_locale(Language language);

// The folder the catalogues were read from and why that one, or where they were looked for in vain.
const std::string& catalogue_source();

}  // namespace hk::kiosk
