#include "title_reader.h"

#include <dlfcn.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <numeric>
#include <vector>

namespace hk::ui_screens {
namespace {

// UTF-8 to code points; a malformed byte becomes U+FFFD so it still counts as one wrong character.
std::u32string code_points(std::string_view utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        int extra = 0;
        char32_t cp = 0;
        if (lead < 0x80) {
            cp = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            cp = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            cp = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            cp = lead & 0x07;
        } else {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        if (i + static_cast<std::size_t>(extra) >= utf8.size()) {  // cut short
            out.push_back(U'\uFFFD');
            break;
        }
        for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

bool is_space(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\u3000' ||
           c == U'\u00A0';
}

std::u32string comparable(std::string_view utf8) {
    std::u32string out;
    for (char32_t c : code_points(utf8)) {
        if (is_space(c)) continue;
        if (c >= U'\uFF01' && c <= U'\uFF5E') c = c - 0xFF01 + 0x21;  // full-width forms of ASCII
        out.push_back(c);
    }
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    std::iota(previous.begin(), previous.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}
bool is_hangul(char32_t c) {
    return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}
bool is_latin_letter(char32_t c) {
    return (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

// Debian's Tesseract runs OpenMP teams that spin against the test's own rendering: twice the time on a busy
// machine. As in scanner/src/page_ocr, zero active parallel levels keep every region on the calling thread
// (OMP_THREAD_LIMIT is read before main, too late to set here); looked up, not linked.
void serialise_openmp_in_this_thread() {
    using SetLevels = void (*)(int);
    if (void* symbol = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels"); symbol != nullptr) {
        reinterpret_cast<SetLevels>(symbol)(0);
    }
}

}  // namespace

std::string tesseract_languages_for(std::string_view text) {
    const std::u32string chars = code_points(text);
    std::vector<std::string> languages;
    if (std::ranges::any_of(chars, is_han)) languages.emplace_back("chi_sim");
    if (std::ranges::any_of(chars, is_hangul)) languages.emplace_back("kor");
    if (std::ranges::any_of(chars, is_latin_letter) || languages.empty()) languages.emplace_back("eng");
    std::string joined;
    for (const std::string& language : languages) joined += (joined.empty() ? "" : "+") + language;
    return joined;
}

TitleReader::TitleReader() {
    serialise_openmp_in_this_thread();
}

TitleReader::~TitleReader() {
    for (auto& [languages, api] : engines_) api->End();
}

tesseract::TessBaseAPI* TitleReader::engine(const std::string& languages) {
    if (auto found = engines_.find(languages); found != engines_.end()) return found->second.get();
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(HUKIOSK_TESSDATA_DIR, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
        error_ = "Tesseract cannot load " + languages + " from " HUKIOSK_TESSDATA_DIR;
        return nullptr;
    }
    // A title is one block of one or two lines; no page layout analysis to do.
    api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    api->SetVariable("debug_file", "/dev/null");
    return engines_.emplace(languages, std::move(api)).first->second.get();
}

std::string TitleReader::read(const GreyImage& image, const std::string& languages) {
    tesseract::TessBaseAPI* api = engine(languages);
    if (api == nullptr || image.width() == 0 || image.height() == 0) return {};
    api->SetImage(image.data(), image.width(), image.height(), 1, image.width());
    api->SetSourceResolution(300);  // the screenshot has no resolution of its own
    const std::unique_ptr<char[]> text(api->GetUTF8Text());
    return text ? std::string(text.get()) : std::string();
}

double text_similarity(std::string_view expected, std::string_view read) {
    const std::u32string a = comparable(expected);
    const std::u32string b = comparable(read);
    const std::size_t longer = std::max(a.size(), b.size());
    if (longer == 0) return 1.0;
    return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

}  // namespace hk::ui_screens
