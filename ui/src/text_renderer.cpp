#include "text_renderer.h"

#include <SDL_ttf.h>

#include <algorithm>

namespace hk::ui {
namespace {

// More than a screen can show at the smallest body size; keeps a runaway string from making huge surfaces.
constexpr std::size_t kMaxCodePoints = 1500;
constexpr std::size_t kMaxCachedTexts = 512;
constexpr std::size_t kMaxCachedHeights = 8192;  // keys of a few dozen bytes: well under a MiB
constexpr std::size_t kMaxFonts = 48;

std::string_view clip_utf8(std::string_view text, std::size_t max_code_points) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80 && count++ == max_code_points) return text.substr(0, i);
    }
    return text;
}

std::filesystem::path bold_sibling(const std::filesystem::path& regular) {
    std::string name = regular.filename().string();
    const auto at = name.find("-Regular");
    if (at == std::string::npos) return {};
    name.replace(at, 8, "-Bold");
    std::filesystem::path bold = regular.parent_path() / name;
    std::error_code ec;
    return std::filesystem::is_regular_file(bold, ec) ? bold : std::filesystem::path{};
}

// The caches' key: everything that changes the rendered size, then the text.
std::string text_key(std::string_view text, int px, Weight weight, int wrap_width,
                     std::string_view more = {}) {
    std::string key = std::to_string(px) + '|' + std::to_string(static_cast<int>(weight)) + '|' +
                      std::to_string(wrap_width) + '|';
    key.append(more);
    key.append(text);
    return key;
}

}  // namespace

TextRenderer::TextRenderer(SDL_Renderer* renderer, std::filesystem::path regular, std::filesystem::path bold,
                           int face_index)
    : renderer_(renderer),
      regular_path_(std::move(regular)),
      bold_path_(std::move(bold)),
      face_index_(face_index) {}

std::expected<TextRenderer, std::string> TextRenderer::open(SDL_Renderer* renderer,
                                                            const std::filesystem::path& font,
                                                            int face_index) {
    FontHandle probe{TTF_OpenFontIndex(font.c_str(), 44, face_index)};
    if (!probe) {
        return std::unexpected("cannot open font " + font.string() + " (face " + std::to_string(face_index) +
                               "): " + TTF_GetError());
    }
    TTF_SetFontHinting(probe.get(), TTF_HINTING_LIGHT);
    std::filesystem::path bold = bold_sibling(font);
    if (!bold.empty()) {
        FontHandle bold_probe{TTF_OpenFontIndex(bold.c_str(), 44, face_index)};
        if (!bold_probe) bold.clear();
    }
    TextRenderer renderer_text(renderer, font, std::move(bold), face_index);
    renderer_text.fonts_.emplace(std::pair{44, Weight::Regular}, std::move(probe));
    return renderer_text;
}

TTF_Font* TextRenderer::font(int px, Weight weight) {
    const auto key = std::pair{px, weight};
    if (auto it = fonts_.find(key); it != fonts_.end()) return it->second.get();
    if (fonts_.size() >= kMaxFonts) fonts_.clear();  // rendered texts do not refer to their font
    const bool synthesise_bold = weight == Weight::Bold && bold_path_.empty();
    const std::filesystem::path& path =
        (weight == Weight::Bold && !synthesise_bold) ? bold_path_ : regular_path_;
    FontHandle opened{TTF_OpenFontIndex(path.c_str(), px, face_index_)};
    if (!opened) return nullptr;
    TTF_SetFontHinting(opened.get(), TTF_HINTING_LIGHT);
    if (synthesise_bold) TTF_SetFontStyle(opened.get(), TTF_STYLE_BOLD);
    return fonts_.emplace(key, std::move(opened)).first->second.get();
}

const TextRenderer::Text* TextRenderer::render(std::string_view text, int px, Weight weight, int wrap_width,
                                               Align align) {
    text = clip_utf8(text, kMaxCodePoints);
    if (text.empty() || px <= 0) return nullptr;
    std::string key = text_key(text, px, weight, wrap_width, std::to_string(static_cast<int>(align)) + '|');
    if (auto it = cache_.find(key); it != cache_.end()) {
        it->second.generation = generation_;
        return &it->second.text;
    }
    if (cache_.size() >= kMaxCachedTexts) forget_unused();

    TTF_Font* f = font(px, weight);
    if (f == nullptr) return nullptr;
    TTF_SetFontWrappedAlign(f, align == Align::Center ? TTF_WRAPPED_ALIGN_CENTER : TTF_WRAPPED_ALIGN_LEFT);
    const std::string text_z(text);
    constexpr SDL_Color kWhite{255, 255, 255, 255};
    SurfaceHandle surface{wrap_width > 0 ? TTF_RenderUTF8_Blended_Wrapped(f, text_z.c_str(), kWhite,
                                                                          static_cast<Uint32>(wrap_width))
                                         : TTF_RenderUTF8_Blended(f, text_z.c_str(), kWhite)};
    if (!surface) return nullptr;
    TextureHandle texture{SDL_CreateTextureFromSurface(renderer_, surface.get())};
    if (!texture) return nullptr;
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    Entry entry{{texture.get(), surface->w, surface->h}, std::move(texture), generation_};
    return &cache_.insert_or_assign(std::move(key), std::move(entry)).first->second.text;
}

const TextRenderer::Text* TextRenderer::render_line(std::string_view text, int px, Weight weight,
                                                    int max_width) {
    text = clip_utf8(text, kMaxCodePoints);
    TTF_Font* f = font(px, weight);
    if (f == nullptr || text.empty()) return nullptr;
    std::string line(text);
    int width = 0;
    if (TTF_SizeUTF8(f, line.c_str(), &width, nullptr) == 0 && width > max_width) {
        static constexpr char kEllipsis[] = "\u2026";
        int ellipsis_width = 0;
        TTF_SizeUTF8(f, kEllipsis, &ellipsis_width, nullptr);
        int extent = 0;
        int count = 0;  // characters, not bytes
        TTF_MeasureUTF8(f, line.c_str(), std::max(0, max_width - ellipsis_width), &extent, &count);
        line = clip_utf8(line, static_cast<std::size_t>(std::max(0, count)));
        while (!line.empty() && line.back() == ' ') line.pop_back();
        line += kEllipsis;
    }
    return render(line, px, weight, 0, Align::Start);
}

int TextRenderer::measure(std::string_view text, int px, Weight weight, int wrap_width) {
    text = clip_utf8(text, kMaxCodePoints);
    if (text.empty() || px <= 0) return 0;
    std::string key = text_key(text, px, weight, wrap_width);
    if (auto it = heights_.find(key); it != heights_.end()) return it->second;
    TTF_Font* f = font(px, weight);
    if (f == nullptr) return 0;
    const std::string text_z(text);
    int height = 0;
    if (wrap_width > 0) {
        // The same line breaking as render()'s blended text (SDL_ttf wraps both alike), at a fraction of the
        // cost: one byte a pixel, no blending, no texture.
        SurfaceHandle surface{TTF_RenderUTF8_Solid_Wrapped(f, text_z.c_str(), SDL_Color{255, 255, 255, 255},
                                                           static_cast<Uint32>(wrap_width))};
        if (!surface) return 0;
        height = surface->h;
    } else if (TTF_SizeUTF8(f, text_z.c_str(), nullptr, &height) != 0) {
        return 0;
    }
    if (heights_.size() >= kMaxCachedHeights) heights_.clear();
    heights_.emplace(std::move(key), height);
    return height;
}

void TextRenderer::forget_unused() {
    std::erase_if(cache_, [this](const auto& item) { return item.second.generation < generation_; });
    ++generation_;
}

}  // namespace hk::ui
