// Renders with cairo (OCRB.otf through FreeType for the MRZ, a toy sans face for the visible zone) into an
// ink-coverage mask, then turns coverage into grey and degrades with OpenCV.
#include "mrz_image_gen.h"

#include <cairo.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>

#include "scanner/mrz_ocr/ocrb_font.h"

namespace hk::scanner::testing {

namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kPitchMm = 2.54;    // OCR-B in the MRZ: 10 characters per inch
constexpr double kCapMm = 2.42;      // capital height of OCR-B size 1
constexpr double kLineStepMm = 4.3;  // baseline to baseline

double uniform(std::mt19937_64& rng, double lo, double hi) {
    // Own mapping rather than std::uniform_real_distribution, whose algorithm may differ between libraries.
    return lo + (hi - lo) * static_cast<double>(rng() >> 11) * (1.0 / 9007199254740992.0);
}
int pick(std::mt19937_64& rng, int n) {
    return static_cast<int>(rng() % static_cast<std::uint64_t>(n));
}
bool chance(std::mt19937_64& rng, double p) {
    return uniform(rng, 0, 1) < p;
}

char check(const std::string& field) {
    return static_cast<char>('0' + mrz_check_digit(field));
}

std::string pad(std::string s, std::size_t n) {
    s.resize(std::max(s.size(), n), '<');
    s.resize(n);
    return s;
}

std::string digits(std::mt19937_64& rng, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + pick(rng, 10)));
    return s;
}

std::string alnum(std::mt19937_64& rng, int n) {
    static constexpr std::string_view kChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(kChars[static_cast<std::size_t>(pick(rng, 36))]);
    return s;
}

std::string date(std::mt19937_64& rng) {
    char buf[40];  // room for any int: the compiler cannot see pick() stays below 100
    std::snprintf(buf, sizeof buf, "%02d%02d%02d", pick(rng, 100), 1 + pick(rng, 12), 1 + pick(rng, 28));
    return buf;
}

std::string name(std::mt19937_64& rng, std::size_t width) {
    static constexpr std::array kSurnames = {"ERIKSSON",        "WANG",         "ZHANG",        "MUELLER",
                                             "OCONNOR",         "SMITH",        "VAN<DER<BERG", "KOWALSKI",
                                             "NGUYEN",          "GARCIA<LOPEZ", "LI",           "XU",
                                             "OKONKWO-ADEYEMI", "QUINTERO",     "JOHANSSON"};
    static constexpr std::array kGiven = {"ANNA",  "MARIA", "WEI",   "XIAOMING",  "JOHN",
                                          "KLAUS", "ZOE",   "BJORN", "OLUWASEUN", "YUKI",
                                          "PIOTR", "QIANG", "HELGA", "SIOBHAN",   "IVAN"};
    std::string s = kSurnames[static_cast<std::size_t>(pick(rng, kSurnames.size()))];
    std::replace(s.begin(), s.end(), '-', '<');
    s += "<<";
    s += kGiven[static_cast<std::size_t>(pick(rng, kGiven.size()))];
    if (chance(rng, 0.5)) {
        s += "<";
        s += kGiven[static_cast<std::size_t>(pick(rng, kGiven.size()))];
    }
    return pad(s, width);
}

std::string state(std::mt19937_64& rng) {
    static constexpr std::array kStates = {"UTO", "D<<", "FRA", "CHN", "USA",
                                           "GBR", "NLD", "ITA", "JPN", "KOR"};
    return kStates[static_cast<std::size_t>(pick(rng, kStates.size()))];
}

std::string document_number(std::mt19937_64& rng) {
    std::string n = alnum(rng, 2) + digits(rng, 7);
    if (chance(rng, 0.2)) n = pad(n.substr(0, 8), 9);
    return n;
}

// A coverage mask (0 none .. 1 full ink) of the page: cairo A8 alpha is exactly that.
struct Canvas {
    cairo_surface_t* surface;
    cairo_t* cr;
    double px_per_mm;
};

void draw_text(cairo_t* cr, double x, double y, const char* text) {
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, text);
}

cv::Mat render_coverage(const std::vector<std::string>& lines, MrzFormat format, int dpi,
                        std::mt19937_64& rng) {
    // Visa stickers: MRV-A 80 x 120 mm, MRV-B 74 x 105 mm (9303-7).
    const bool long_lines = format == MrzFormat::TD3 || format == MrzFormat::MRVA;
    const bool medium_lines = format == MrzFormat::TD2 || format == MrzFormat::MRVB;
    const double w_mm = format == MrzFormat::MRVA ? 120.0 : long_lines ? 125.0 : medium_lines ? 105.0 : 85.6;
    const double h_mm = format == MrzFormat::MRVA ? 80.0 : long_lines ? 88.0 : medium_lines ? 74.0 : 54.0;
    const double k = dpi / kMmPerInch;
    const int width = static_cast<int>(w_mm * k);
    const int height = static_cast<int>(h_mm * k);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
    cairo_t* cr = cairo_create(surface);

    // Guilloche: faint security curves behind everything.
    cairo_set_source_rgba(cr, 0, 0, 0, uniform(rng, 0.06, 0.14));
    cairo_set_line_width(cr, 0.15 * k);
    for (int c = 0; c < 6; ++c) {
        const double phase = uniform(rng, 0, 6.28), amp = uniform(rng, 3, 10) * k,
                     y0 = uniform(rng, 0.1, 0.9) * height;
        const double period = uniform(rng, 6, 9) * k;
        cairo_move_to(cr, 0, y0);
        for (int x = 0; x <= width; x += 4) cairo_line_to(cr, x, y0 + amp * std::sin(phase + x / period));
        cairo_stroke(cr);
    }
    // Photo box and visible-zone fields, shorter than the MRZ lines.
    cairo_set_source_rgba(cr, 0, 0, 0, uniform(rng, 0.25, 0.5));
    cairo_rectangle(cr, 0.05 * width, 0.12 * height, 0.27 * width, 0.45 * height);
    cairo_fill(cr);
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 3.2 * k);
    draw_text(cr, 0.05 * width, 0.08 * height,
              format == MrzFormat::TD3                                 ? "PASSPORT  PASSEPORT"
              : format == MrzFormat::MRVA || format == MrzFormat::MRVB ? "VISA"
                                                                       : "IDENTITY CARD");
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    const std::string fields[] = {"Surname / Nom",         lines.back().substr(0, 12),
                                  "Given names / Prenoms", "Date of birth 12 AUG 74",
                                  "Nationality UTOPIAN",   "Date of expiry 15 APR 12"};
    double y = 0.17 * height;
    for (const std::string& f : fields) {
        cairo_set_font_size(cr, 2.2 * k);
        std::string shown = f;
        std::replace(shown.begin(), shown.end(), '<', ' ');
        draw_text(cr, 0.36 * width, y, shown.c_str());
        y += (format == MrzFormat::TD1 ? 3.6 : 5.0) * k;
    }

    // The MRZ: each character on the fixed 2.54 mm grid, bottom line's baseline near the page edge.
    cairo_set_font_face(cr, mrz_ocr::ocrb_font_face());
    cairo_set_font_size(cr, 100.0);
    cairo_text_extents_t h_extents{};
    cairo_text_extents(cr, "H", &h_extents);
    cairo_set_font_size(cr, kCapMm * k / (h_extents.height / 100.0));
    const double left = (w_mm - static_cast<double>(lines[0].size()) * kPitchMm) / 2.0 * k;
    const double bottom = (h_mm - (format == MrzFormat::TD1 ? 4.0 : 5.5)) * k;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        const double baseline = bottom - static_cast<double>(lines.size() - 1 - l) * kLineStepMm * k;
        for (std::size_t i = 0; i < lines[l].size(); ++i) {
            const char text[2] = {lines[l][i], '\0'};
            cairo_text_extents_t e{};
            cairo_text_extents(cr, text, &e);
            draw_text(cr, left + static_cast<double>(i) * kPitchMm * k + (kPitchMm * k - e.x_advance) / 2,
                      baseline, text);
        }
    }
    cairo_surface_flush(surface);
    const cv::Mat view(height, width, CV_8UC1, cairo_image_surface_get_data(surface),
                       static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat coverage;
    view.convertTo(coverage, CV_32F, 1.0 / 255.0);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return coverage;
}

cv::Mat degrade_page(const cv::Mat& coverage, int dpi, std::mt19937_64& rng) {
    cv::Mat ink = coverage.clone();
    const double px_per_mm = dpi / kMmPerInch;
    if (chance(rng, 0.35)) {  // worn print: blotches where the ink is thin
        cv::Mat wear(ink.size(), CV_32F);
        cv::randu(wear, 0.0, 1.0);
        cv::GaussianBlur(wear, wear, cv::Size(0, 0), 0.12 * px_per_mm);
        cv::normalize(wear, wear, 0, 1, cv::NORM_MINMAX);
        const double strength = uniform(rng, 0.2, 0.45);
        ink = ink.mul(1.0 - strength * wear);
    }
    const double paper = uniform(rng, 185, 250);
    const double print = uniform(rng, 10, paper - 70);  // low contrast down to 70 levels
    cv::Mat grey = paper - ink * (paper - print);

    // Uneven light (a gradient) and a glare spot vary slowly: computed on a coarse grid, then enlarged.
    const int w = grey.cols, h = grey.rows;
    const int cw = std::max(8, w / 16), ch = std::max(8, h / 16);
    cv::Mat light(ch, cw, CV_32F), glare_map(ch, cw, CV_32F, cv::Scalar(0));
    const double gx = uniform(rng, -0.3, 0.3), gy = uniform(rng, -0.3, 0.3);
    const bool glare = chance(rng, 0.4);
    const double gcx = uniform(rng, 0, cw), gcy = uniform(rng, 0, ch), gs = uniform(rng, 0.08, 0.2) * cw;
    const double gain = uniform(rng, 0.25, 0.55);
    for (int yy = 0; yy < ch; ++yy) {
        for (int xx = 0; xx < cw; ++xx) {
            light.at<float>(yy, xx) = static_cast<float>((1.0 - 0.5 * std::abs(gx) + gx * xx / cw) *
                                                         (1.0 - 0.5 * std::abs(gy) + gy * yy / ch));
            if (glare) {
                const double r2 = ((xx - gcx) * (xx - gcx) + (yy - gcy) * (yy - gcy)) / (2 * gs * gs);
                glare_map.at<float>(yy, xx) = static_cast<float>(gain * std::exp(-r2));
            }
        }
    }
    cv::resize(light, light, grey.size(), 0, 0, cv::INTER_LINEAR);
    grey = grey.mul(light);
    if (glare) {
        cv::resize(glare_map, glare_map, grey.size(), 0, 0, cv::INTER_LINEAR);
        grey += glare_map.mul(255.0 - grey);
    }

    // Rotation and mild perspective onto a desk background.
    const double margin = 0.12;
    const cv::Size canvas(static_cast<int>(w * (1 + 2 * margin)), static_cast<int>(h * (1 + 2 * margin)));
    const double angle = uniform(rng, -7, 7) * CV_PI / 180.0;
    const cv::Point2f centre(static_cast<float>(canvas.width) / 2.0f,
                             static_cast<float>(canvas.height) / 2.0f);
    std::array<cv::Point2f, 4> src = {cv::Point2f(0, 0), cv::Point2f(static_cast<float>(w), 0),
                                      cv::Point2f(static_cast<float>(w), static_cast<float>(h)),
                                      cv::Point2f(0, static_cast<float>(h))};
    std::array<cv::Point2f, 4> dst{};
    for (std::size_t i = 0; i < 4; ++i) {
        const double x = src[i].x - w / 2.0 + uniform(rng, -0.012, 0.012) * w;
        const double y = src[i].y - h / 2.0 + uniform(rng, -0.012, 0.012) * h;
        dst[i] = centre + cv::Point2f(static_cast<float>(x * std::cos(angle) - y * std::sin(angle)),
                                      static_cast<float>(x * std::sin(angle) + y * std::cos(angle)));
    }
    cv::Mat warped;
    cv::warpPerspective(grey, warped, cv::getPerspectiveTransform(src.data(), dst.data()), canvas,
                        cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(uniform(rng, 40, 230)));

    const double sigma = uniform(rng, 0.0, 0.09) * px_per_mm;  // up to 0.09 mm of blur
    if (sigma > 0.3) cv::GaussianBlur(warped, warped, cv::Size(0, 0), sigma);
    cv::Mat noise(warped.size(), CV_32F);
    cv::randn(noise, 0.0, uniform(rng, 2, 10));
    warped += noise;
    cv::Mat out;
    warped.convertTo(out, CV_8U);
    if (chance(rng, 0.6)) {
        std::vector<std::uint8_t> jpeg;
        cv::imencode(".jpg", out, jpeg, {cv::IMWRITE_JPEG_QUALITY, 35 + pick(rng, 56)});
        out = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
    }
    return out;
}

}  // namespace

std::vector<std::string> random_mrz_lines(MrzFormat format, std::mt19937_64& rng) {
    const bool visa = format == MrzFormat::MRVA || format == MrzFormat::MRVB;
    const std::string type = format == MrzFormat::TD3 ? "P<"
                             : visa                   ? std::array{"V<", "VC", "VN"}[pick(rng, 3)]
                                                      : std::array{"I<", "ID", "AC", "C<"}[pick(rng, 4)];
    const std::string issuer = state(rng), nationality = chance(rng, 0.8) ? issuer : state(rng);
    const std::string number = document_number(rng), birth = date(rng), expiry = date(rng);
    const std::string sex = std::array{"M", "F", "<"}[pick(rng, 3)];
    if (format == MrzFormat::TD1) {
        const std::string opt1 = pad(chance(rng, 0.3) ? digits(rng, 1 + pick(rng, 8)) : "", 15);
        const std::string opt2 = pad(chance(rng, 0.3) ? alnum(rng, 1 + pick(rng, 6)) : "", 11);
        const std::string l1 = type + issuer + number + check(number) + opt1;
        std::string l2 = birth + check(birth) + sex + expiry + check(expiry) + nationality + opt2;
        l2 += check(l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11));
        return {l1, l2, name(rng, 30)};
    }
    const std::size_t width = format == MrzFormat::TD3 || format == MrzFormat::MRVA ? 44 : 36;
    const std::string l1 = type + issuer + name(rng, width - 5);
    std::string l2 =
        number + check(number) + nationality + birth + check(birth) + sex + expiry + check(expiry);
    if (visa) {
        // No composite check digit: optional data runs to the end of the line.
        l2 +=
            pad(chance(rng, 0.5) ? alnum(rng, 1 + pick(rng, static_cast<int>(width) - 29)) : "", width - 28);
    } else if (format == MrzFormat::TD3) {
        const bool personal = chance(rng, 0.4);
        const std::string p = pad(personal ? alnum(rng, 1 + pick(rng, 13)) : "", 14);
        l2 += p + (personal ? std::string(1, check(p)) : "<");
        l2 += check(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22));
    } else {
        l2 += pad(chance(rng, 0.3) ? digits(rng, 1 + pick(rng, 6)) : "", 7);
        l2 += check(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 14));
    }
    return {l1, l2};
}

MrzSample render_mrz_page(const std::vector<std::string>& lines, int dpi, bool degrade, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    MrzSample sample;
    sample.lines = lines;
    const bool visa = lines.size() == 2 && !lines[0].empty() && lines[0][0] == 'V';
    sample.format = lines.size() == 3       ? MrzFormat::TD1
                    : lines[0].size() == 44 ? (visa ? MrzFormat::MRVA : MrzFormat::TD3)
                                            : (visa ? MrzFormat::MRVB : MrzFormat::TD2);
    sample.dpi = dpi;
    const cv::Mat coverage = render_coverage(lines, sample.format, dpi, rng);
    cv::Mat grey;
    if (degrade) {
        grey = degrade_page(coverage, dpi, rng);
    } else {
        cv::Mat clean = 245.0 - coverage * 225.0;
        clean.convertTo(grey, CV_8U);
    }
    sample.image.width = grey.cols;
    sample.image.height = grey.rows;
    sample.image.channels = 1;
    sample.image.dpi = dpi;
    sample.image.pixels.assign(grey.datastart, grey.dataend);
    if (!grey.isContinuous()) {
        sample.image.pixels.clear();
        for (int y = 0; y < grey.rows; ++y)
            sample.image.pixels.insert(sample.image.pixels.end(), grey.ptr(y), grey.ptr(y) + grey.cols);
    }
    return sample;
}

MrzSample generate_mrz_sample(std::uint64_t seed, const MrzImageOptions& options) {
    std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull + 1);
    const MrzFormat format = options.format
                                 ? *options.format
                                 : std::array{MrzFormat::TD1, MrzFormat::TD2, MrzFormat::TD3}[pick(rng, 3)];
    const int dpi = options.dpi > 0 ? options.dpi : 150 + pick(rng, 451);
    return render_mrz_page(random_mrz_lines(format, rng), dpi, options.degrade, rng());
}

}  // namespace hk::scanner::testing
