#include "scanner/sim/page_gen.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

namespace hk::scanner::sim {

namespace {

constexpr std::array kSurnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"};
constexpr std::array kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强",   "磊", "军",   "洋",   "勇",
                               "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "建国", "海燕", "志强"};
constexpr std::array kPinyinSurnames = {"ZHANG", "WANG",  "LI",   "ZHAO", "LIU", "CHEN",
                                        "YANG",  "HUANG", "ZHOU", "WU",   "XU",  "SUN"};
constexpr std::array kRelations = {"户主", "妻", "长子", "长女", "次子", "母亲"};
constexpr std::array kRelationsEn = {"Head", "Wife", "Eldest son", "Eldest daughter", "Second son", "Mother"};
constexpr std::array kCities = {"北京市东城区", "上海市黄浦区", "广州市越秀区",
                                "成都市武侯区", "杭州市西湖区", "南京市鼓楼区"};
constexpr std::array kStreets = {"和平路", "人民路", "建设街", "解放大道", "中山路", "长安街"};
constexpr std::array kCitiesEn = {"Beijing", "Shanghai", "Guangzhou", "Chengdu", "Hangzhou", "Nanjing"};
constexpr std::array kStreetsEn = {"Heping Road",    "Renmin Road",    "Jianshe Street",
                                   "Jiefang Avenue", "Zhongshan Road", "Chang'an Street"};

template <typename T, std::size_t N>
const T& pick(const std::array<T, N>& values, std::mt19937_64& rng) {
    return values[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

int uniform(std::mt19937_64& rng, int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
}

std::string two_digits(int v) {
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d", v);
    return buf.data();
}

// An 18-digit citizen number with a valid ISO 7064 check character.
std::string citizen_number(std::mt19937_64& rng, int year, int month, int day) {
    std::string id = std::to_string(uniform(rng, 110000, 659999)) + std::to_string(year) + two_digits(month) +
                     two_digits(day) + std::to_string(uniform(rng, 100, 999));
    constexpr std::array kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
    id.push_back("10X98765432"[sum % 11]);
    return id;
}

// The body of one register entry, in the order a page prints it.
std::vector<std::string> register_entry(std::mt19937_64& rng) {
    const std::size_t surname = std::uniform_int_distribution<std::size_t>(0, kSurnames.size() - 1)(rng);
    const std::string given = pick(kGiven, rng);
    const int year = uniform(rng, 1950, 2015), month = uniform(rng, 1, 12), day = uniform(rng, 1, 28);
    const std::size_t relation = std::uniform_int_distribution<std::size_t>(0, kRelations.size() - 1)(rng);
    const std::size_t city = std::uniform_int_distribution<std::size_t>(0, kCities.size() - 1)(rng);
    const std::size_t street = std::uniform_int_distribution<std::size_t>(0, kStreets.size() - 1)(rng);
    const int number = uniform(rng, 1, 199);
    const int reg_year = uniform(rng, 2000, 2023), reg_month = uniform(rng, 1, 12),
              reg_day = uniform(rng, 1, 28);
    const std::string id = citizen_number(rng, year, month, day);
    return {
        std::string("姓名 ") + kSurnames[surname] + given,
        "Name " + std::string(kPinyinSurnames[surname]),
        "公民身份号码 " + id,
        std::string("与户主关系 ") + kRelations[relation],
        std::string("Relationship to head ") + kRelationsEn[relation],
        "出生日期 " + std::to_string(year) + "年" + two_digits(month) + "月" + two_digits(day) + "日",
        std::string("住址 ") + kCities[city] + kStreets[street] + std::to_string(number) + "号",
        "Address No. " + std::to_string(number) + " " + kStreetsEn[street] + ", " + kCitiesEn[city],
        "登记日期 " + std::to_string(reg_year) + "年" + two_digits(reg_month) + "月" + two_digits(reg_day) +
            "日",
        "Date of registration " + std::to_string(reg_year) + "-" + two_digits(reg_month) + "-" +
            two_digits(reg_day),
    };
}

struct Canvas {
    cairo_surface_t* surface;
    cairo_t* cr;
    const PageOptions& options;

    explicit Canvas(const PageOptions& o)
        : surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, o.width, o.height)),
          cr(cairo_create(surface)),
          options(o) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    ~Canvas() {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
    }
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    // Draws text with its layout's top-left at (x, y); returns the ink box.
    PixelBox draw(const std::string& text, int x, int y, const char* family, double points, bool bold) {
        PangoLayout* layout = pango_cairo_create_layout(cr);
        PangoFontDescription* font = pango_font_description_new();
        pango_font_description_set_family(font, family);
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font, points * options.dpi / 72.0 * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout);
        PangoRectangle ink{};
        pango_layout_get_pixel_extents(layout, &ink, nullptr);
        pango_font_description_free(font);
        g_object_unref(layout);
        return {x + ink.x, y + ink.y, ink.width, ink.height};
    }

    [[nodiscard]] int line_height(double points) const {
        return static_cast<int>(std::lround(points * options.dpi / 72.0 * 1.9));
    }

    Image grey() {
        cairo_surface_flush(surface);
        Image image;
        image.width = options.width;
        image.height = options.height;
        image.dpi = options.dpi;
        image.channels = 1;
        image.pixels.resize(static_cast<std::size_t>(options.width) *
                            static_cast<std::size_t>(options.height));
        const unsigned char* data = cairo_image_surface_get_data(surface);
        const int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < options.height; ++y) {
            const auto* row =
                reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
            for (int x = 0; x < options.width; ++x) {
                const std::uint32_t p = row[x];
                const unsigned sum = ((p >> 16U) & 0xFFU) + ((p >> 8U) & 0xFFU) + (p & 0xFFU);
                image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(options.width) +
                             static_cast<std::size_t>(x)] = static_cast<std::uint8_t>(sum / 3);
            }
        }
        // The surface held the page too.
        std::fill_n(cairo_image_surface_get_data(surface), static_cast<std::size_t>(stride) * options.height,
                    0);
        return image;
    }
};

// A scanner's view: a 3x3 blur of the print, grey paper and sensor noise.
void degrade(Image& image, std::mt19937_64& rng) {
    const int w = image.width, h = image.height;
    std::vector<std::uint8_t> out(image.pixels.size());
    std::normal_distribution<double> noise(0.0, 6.0);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            int sum = 0, n = 0;
            for (int dy = -1; dy <= 1; ++dy) {
                for (int dx = -1; dx <= 1; ++dx) {
                    const int yy = y + dy, xx = x + dx;
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    // The centre counts double: a slight blur, not a smear.
                    const int weight = dx == 0 && dy == 0 ? 2 : 1;
                    sum += weight * image.pixels[static_cast<std::size_t>(yy) * static_cast<std::size_t>(w) +
                                                 static_cast<std::size_t>(xx)];
                    n += weight;
                }
            }
            const double paper = 0.92 * (sum / static_cast<double>(n)) + 12.0;  // ink 12, paper 246
            out[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)] =
                static_cast<std::uint8_t>(std::clamp(paper + noise(rng), 0.0, 255.0));
        }
    }
    std::fill(image.pixels.begin(), image.pixels.end(), 0);
    image.pixels.swap(out);
}

}  // namespace

GeneratedPage render_lines(const std::vector<PlacedText>& texts, const PageOptions& options) {
    Canvas canvas(options);
    GeneratedPage page;
    for (const PlacedText& t : texts) {
        page.lines.push_back(
            {t.text, canvas.draw(t.text, t.x, t.y, "Noto Sans CJK SC", options.point_size, false)});
    }
    page.image = canvas.grey();
    return page;
}

GeneratedPage generate_page(std::uint64_t seed, const PageOptions& options) {
    std::mt19937_64 rng(seed);
    Canvas canvas(options);
    GeneratedPage page;
    const int margin = options.dpi * 6 / 10;  // 0.6 inch
    int y = margin / 2;
    const double title_points = options.point_size * 1.4;
    const std::string title = uniform(rng, 0, 1) == 0 ? "常住人口登记卡" : "居民户口簿";
    const TruthLine title_line{title, canvas.draw(title, margin, y, "Noto Sans CJK SC", title_points, true)};
    page.lines.push_back(title_line);
    y += canvas.line_height(title_points);
    const int step = canvas.line_height(options.point_size);
    const auto wanted = options.lines > 0
                            ? static_cast<std::size_t>(options.lines)
                            : static_cast<std::size_t>(std::max(0, (options.height - margin - y) / step));
    std::vector<std::string> body;
    while (body.size() < wanted) {
        for (std::string& line : register_entry(rng)) body.push_back(std::move(line));
    }
    body.resize(std::min(body.size(), wanted));
    for (const std::string& text : body) {
        page.lines.push_back(
            {text, canvas.draw(text, margin, y, "Noto Sans CJK SC", options.point_size, false)});
        y += step;
    }
    page.image = canvas.grey();
    if (options.degrade) degrade(page.image, rng);
    return page;
}

std::u32string code_points(const std::string& text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        int extra = lead >= 0xF0U ? 3 : lead >= 0xE0U ? 2 : lead >= 0xC0U ? 1 : 0;
        char32_t c = extra == 3   ? (lead & 0x07U)
                     : extra == 2 ? (lead & 0x0FU)
                     : extra == 1 ? (lead & 0x1FU)
                                  : lead;
        ++i;
        for (; extra > 0 && i < text.size(); --extra, ++i)
            c = (c << 6U) | (static_cast<unsigned char>(text[i]) & 0x3FU);
        out.push_back(c);
    }
    return out;
}

GeneratedPage render_register_card(const RegisterCard& card) {
    PageOptions page;
    page.width = 1800;
    page.height = 1100;
    page.point_size = 12;
    return render_lines({{"常住人口登记卡", 560, 80},
                         {"姓名：" + card.name, 150, 260},
                         {"与户主关系：" + card.relation, 900, 260},
                         {"民族：" + card.ethnicity, 150, 380},
                         {"出生日期：" + card.birth_date, 900, 380},
                         {"公民身份号码：" + card.id_number, 150, 500},
                         {"住址：" + card.address, 150, 620},
                         {"何时由何地迁来本址：" + card.date_of_entry, 150, 740}},
                        page);
}

double character_error_rate(const std::string& truth, const std::string& read) {
    auto strip = [](const std::string& s) {
        std::u32string out;
        for (char32_t c : code_points(s)) {
            if (c != U' ' && c != U'\n' && c != U'\t' && c != U'\u3000') out.push_back(c);
        }
        return out;
    };
    const std::u32string a = strip(truth), b = strip(read);
    if (a.empty()) return b.empty() ? 0.0 : 1.0;
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = std::min(
                {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(previous, current);
    }
    return static_cast<double>(previous[b.size()]) / static_cast<double>(a.size());
}

}  // namespace hk::scanner::sim
