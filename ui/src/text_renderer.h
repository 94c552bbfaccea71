// Text through SDL_ttf: one font per size and weight, and a cache of rendered texts so that drawing the same
// screen again is only blits. Texts are rendered white on transparent and tinted when drawn, so colour is not
// part of the cache key.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "layout.h"
#include "sdl_handles.h"

namespace hk::ui {

class TextRenderer {
  public:
    struct Text {
        SDL_Texture* texture = nullptr;  // owned by the cache
        int w = 0;
        int h = 0;
    };

    // Opens the font once to check it; `renderer` must outlive this object. A "-Regular" font file is paired
    // with its "-Bold" sibling when there is one, else bold is synthesised.
    static std::expected<TextRenderer, std::string> open(SDL_Renderer* renderer,
                                                         const std::filesystem::path& font, int face_index);

    // `text` wrapped at `wrap_width` (0: one line), or nullptr for empty text or when SDL_ttf fails. The
    // pointer is valid until the next call to forget_unused.
    const Text* render(std::string_view text, int px, Weight weight, int wrap_width, Align align);
    // `text` on one line, cut short with an ellipsis when wider than `max_width`.
    const Text* render_line(std::string_view text, int px, Weight weight, int max_width);
    // The height `text` takes at `px` wrapped at `wrap_width`. Layout asks this for every label at several
    // sizes on every new screen, so heights are cached on their own (no texture made for them) and kept
    // across screens: the same labels come back at the same sizes.
    int measure(std::string_view text, int px, Weight weight, int wrap_width);
    // Frees what was not used since the previous call; called when the screen changes.
    void forget_unused();

  private:
    struct Entry {
        Text text;
        TextureHandle texture;
        std::uint64_t generation = 0;
    };

    TextRenderer(SDL_Renderer* renderer, std::filesystem::path regular, std::filesystem::path bold,
                 int face_index);
    TTF_Font* font(int px, Weight weight);

    SDL_Renderer* renderer_ = nullptr;
    std::filesystem::path regular_path_;
    std::filesystem::path bold_path_;  // empty: synthesise bold from the regular face
    int face_index_ = 0;
    std::map<std::pair<int, Weight>, FontHandle> fonts_;
    std::unordered_map<std::string, Entry> cache_;
    std::unordered_map<std::string, int> heights_;
    std::uint64_t generation_ = 1;
};

}  // namespace hk::ui
