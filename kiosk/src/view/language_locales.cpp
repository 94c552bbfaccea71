// Finds the compiled catalogues and builds the locales with Boost.Locale's ICU backend, which reads gettext
// .mo files itself: the system needs no generated locales for zh_CN, en_GB or ko_KR.
#include "view/language_locales.h"

#include <array>
#include <boost/locale/generator.hpp>
#include <boost/locale/localization_backend.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace hk::kiosk {
namespace {

namespace fs = std::filesystem;

// British English writes dates day first ("23 November 2026"), as a Chinese reader expects; its catalogue is
// the plain "en" one, which Boost.Locale falls back to from en_GB.
std::string locale_name(Language language) {
    switch (language) {
        case Language::Chinese:
            return "zh_CN.UTF-8";
        case Language::English:
            return "en_GB.UTF-8";
        case Language::Korean:
            return "ko_KR.UTF-8";
    }
    return "en_GB.UTF-8";
}

// The folder names po/CMakeLists.txt builds the .mo files into (the .po file names).
std::string_view catalogue_folder(Language language) {
    switch (language) {
        case Language::Chinese:
            return "zh_CN";
        case Language::English:
            return "en";
        case Language::Korean:
            return "ko";
    }
    return "en";
}

bool holds_every_catalogue(const fs::path& dir) {
    std::error_code error;
    for (Language language : kAllLanguages) {
        const fs::path mo =
            dir / catalogue_folder(language) / "LC_MESSAGES" / (std::string(kTextDomain) + ".mo");
        if (!fs::is_regular_file(mo, error)) return false;
    }
    return true;
}

struct CatalogueDir {
    std::string why;  // how this candidate came to be asked: names the setting a technician would change
    fs::path path;
};

// In order of preference: an explicit choice, then what `cmake --install` put in place, then the build tree's
// (a kiosk or a test run from the build folder).
std::vector<CatalogueDir> candidate_dirs() {
    std::vector<CatalogueDir> dirs;
    if (const char* env = std::getenv("HUKIOSK_LOCALE_DIR"); env != nullptr && *env != '\0') {
        dirs.push_back({"HUKIOSK_LOCALE_DIR", env});
    }
    dirs.push_back({"installed", HUKIOSK_INSTALLED_LOCALE_DIR});
    dirs.push_back({"build tree", HUKIOSK_BUILD_LOCALE_DIR});
    return dirs;
}

struct Locales {
    std::array<std::locale, kAllLanguages.size()> by_language;
    std::string source;
};

Locales load_locales() {
    Locales locales;
    std::string passed_over;
    std::optional<fs::path> found;
    for (const CatalogueDir& dir : candidate_dirs()) {
        if (holds_every_catalogue(dir.path)) {
            found = dir.path;
            locales.source = dir.path.string() + " (" + dir.why + ")";
            break;
        }
        passed_over += (passed_over.empty() ? "" : ", ") + dir.path.string() + " (" + dir.why + ")";
    }
    if (!found) {
        locales.source = "no " + std::string(kTextDomain) + ".mo for zh_CN, en and ko in " + passed_over +
                         ": screens show text ids";
    } else if (!passed_over.empty()) {
        locales.source += "; none in " + passed_over;
    }

    boost::locale::localization_backend_manager backends =
        boost::locale::localization_backend_manager::global();
    backends.select("icu");
    boost::locale::generator generator(backends);
    generator.add_messages_domain(kTextDomain);
    if (found) generator.add_messages_path(found->string());
    for (Language language : kAllLanguages) {
        locales.by_language.at(static_cast<std::size_t>(language)) = generator(locale_name(language));
    }
    return locales;
}

const Locales& locales() {
    static const Locales loaded = load_locales();
    return loaded;
}

}  // namespace

const std::locale& language_locale(Language language) {
    return locales().by_language.at(static_cast<std::size_t>(language));
}

const std::string& catalogue_source() {
    return locales().source;
}

}  // namespace hk::kiosk
