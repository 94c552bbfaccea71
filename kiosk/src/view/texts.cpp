// Screen texts by id, from the gettext catalogues in po/ (see language_locales.cpp for where they are read
// from). The id is the msgid, so every language is a translation of the same id and none is the fallback of
// another.
#include <boost/locale/message.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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

using TextOverrides = std::map<std::string, LocalisedText, std::less<>>;

// Every set ever put in place is kept for the life of the process, like the gettext catalogues, so a text
// handed out before a new set arrived stays valid; pushes are rare and small.
struct OverrideSets {
    std::mutex mutex;
    std::vector<std::unique_ptr<const TextOverrides>> kept;
    const TextOverrides* current = nullptr;
};

OverrideSets& override_sets() {
    static OverrideSets sets;
    return sets;
}

const std::string* find_override(Language language, std::string_view id) {
    OverrideSets& sets = override_sets();
    std::lock_guard lock(sets.mutex);
    if (sets.current == nullptr) return nullptr;
    auto found = sets.current->find(id);
    return found == sets.current->end() ? nullptr : &found->second.in(language);
}

}  // namespace

void set_text_overrides(TextOverrides texts) {
    OverrideSets& sets = override_sets();
    std::lock_guard lock(sets.mutex);
    if (texts.empty()) {
        sets.current = nullptr;
        return;
    }
    sets.kept.push_back(std::make_unique<const TextOverrides>(std::move(texts)));
    sets.current = sets.kept.back().get();
}

std::string_view text(Language language, std::string_view id) {
    if (id.empty()) return id;  // gettext keeps the catalogue's header under the empty msgid
    if (const std::string* pushed = find_override(language, id)) return *pushed;
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
