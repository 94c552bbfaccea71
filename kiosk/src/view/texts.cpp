// Screen texts by id, from the gettext catalogues in po/ (see language_locales.cpp for where they are read
// from). The id is the msgid, so every language is a translation of the same id and none is the fallback of
// another.
#include <boost/locale/message.hpp>
#include <string>

#include "kiosk/view.h"
#include "view/language_locales.h"

namespace hk::kiosk {
namespace {

// The translation lives in the catalogue's memory, which the locale keeps for the life of the process: a view
// of it outlives the call. Null when the id is not in the catalogue.
const char* find_translation(Language language, std::string_view id) {
    using Messages = boost::locale::message_format<char>;
    const std::locale& locale = language_locale(language);
    if (!std::has_facet<Messages>(locale)) return nullptr;
    const Messages& messages = std::use_facet<Messages>(locale);
    const std::string msgid(id);
    return messages.get(messages.domain(kTextDomain), nullptr, msgid.c_str());
}

}  // namespace

std::string_view text(Language language, std::string_view id) {
    if (id.empty()) return id;  // gettext keeps the catalogue's header under the empty msgid
    const char* translation = find_translation(language, id);
    return translation != nullptr ? std::string_view(translation) : id;
}

bool has_text(std::string_view id) {
    if (id.empty()) return false;
    for (Language language : kAllLanguages) {
        const char* translation = find_translation(language, id);
        if (translation == nullptr || *translation == '\0') return false;
    }
    return true;
}

std::string translations_source() {
    return catalogue_source();
}

}  // namespace hk::kiosk
