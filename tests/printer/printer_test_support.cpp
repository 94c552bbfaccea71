#include "printer_test_support.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace hk::printer::testing {

namespace {

// Pango, cairo and fontconfig keep fonts cached for the life of the process (the kiosk wants that). At the
// end of the test program the default font map is dropped; cairo's and fontconfig's own caches are left to
// the LeakSanitizer suppressions (tests/lsan.supp): cairo_debug_reset_static_data() and FcFini() assert when
// pango's fontconfig thread still holds a font, which made single-test runs abort at exit now and then.
class FontCacheRelease final : public ::testing::Environment {
  public:
    void TearDown() override { pango_cairo_font_map_set_default(nullptr); }
};

[[maybe_unused]] ::testing::Environment* const kFontCacheRelease =
    ::testing::AddGlobalTestEnvironment(new FontCacheRelease);

}  // namespace

TempFolder::TempFolder() {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "hukiosk-printer-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
}

TempFolder::~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void write_bytes(const std::filesystem::path& file, std::span<const std::uint8_t> bytes) {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::optional<std::string> run(const std::string& command) {
    struct PipeClose {
        void operator()(FILE* pipe) const { pclose(pipe); }
    };
    FILE* raw = popen(command.c_str(), "r");
    if (raw == nullptr) return std::nullopt;
    std::string output;
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = std::fread(buffer.data(), 1, buffer.size(), raw)) > 0) output.append(buffer.data(), got);
    if (pclose(raw) != 0) return std::nullopt;
    return output;
}

std::optional<std::string> run_on_pdf(const TempFolder& folder, std::span<const std::uint8_t> pdf,
                                      const std::string& command) {
    const std::filesystem::path file = folder.path() / "document.pdf";
    write_bytes(file, pdf);
    std::string line = command;
    const std::size_t at = line.find("FILE");
    if (at == std::string::npos) throw std::invalid_argument("command without FILE: " + command);
    line.replace(at, 4, "'" + file.string() + "'");
    return run(line + " 2>/dev/null");
}

int page_count(const std::string& pdfinfo_output) {
    std::istringstream lines(pdfinfo_output);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with("Pages:")) continue;
        std::istringstream value(line.substr(6));
        int pages = -1;
        value >> pages;
        return pages;
    }
    return -1;
}

bool font_embedded(const std::string& pdffonts_output, const std::string& name) {
    std::istringstream lines(pdffonts_output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find(name) == std::string::npos) continue;
        // The last columns are: emb sub uni object ID.
        std::istringstream words(line);
        std::vector<std::string> columns{std::istream_iterator<std::string>(words), {}};
        if (columns.size() < 6) continue;
        const std::size_t n = columns.size();
        if (columns[n - 5] == "yes" && columns[n - 4] == "yes" && columns[n - 3] == "yes") return true;
    }
    return false;
}

int GreyImage::dark_pixels(int x0, int y0, int x1, int y1) const {
    int dark = 0;
    for (int y = std::max(y0, 0); y < std::min(y1, height); ++y) {
        for (int x = std::max(x0, 0); x < std::min(x1, width); ++x) dark += at(x, y) < 128 ? 1 : 0;
    }
    return dark;
}

namespace {

struct PngSource {
    std::span<const std::uint8_t> bytes;
    std::size_t offset = 0;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
    auto* source = static_cast<PngSource*>(closure);
    if (source->bytes.size() - source->offset < length) return CAIRO_STATUS_READ_ERROR;
    std::copy_n(source->bytes.begin() + static_cast<std::ptrdiff_t>(source->offset), length, data);
    source->offset += length;
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<GreyImage> decode_png(std::span<const std::uint8_t> png) {
    PngSource source{png};
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create_from_png_stream(&read_png, &source), &cairo_surface_destroy);
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return std::nullopt;
    cairo_surface_flush(surface.get());

    GreyImage image;
    image.width = cairo_image_surface_get_width(surface.get());
    image.height = cairo_image_surface_get_height(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const cairo_format_t format = cairo_image_surface_get_format(surface.get());
    image.pixels.reserve(static_cast<std::size_t>(image.width * image.height));
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            if (format == CAIRO_FORMAT_A8) {
                image.pixels.push_back(data[y * stride + x]);
            } else if (format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32) {
                std::uint32_t pixel = 0;
                std::memcpy(&pixel, data + y * stride + x * 4, sizeof pixel);
                // A grey image decodes to equal channels; the green one stands for all.
                image.pixels.push_back(static_cast<std::uint8_t>((pixel >> 8) & 0xFFU));
            } else {
                return std::nullopt;
            }
        }
    }
    return image;
}

std::optional<GreyImage> rasterise_pdf(const TempFolder& folder, std::span<const std::uint8_t> pdf, int dpi) {
    const std::filesystem::path pdf_file = folder.path() / "raster.pdf";
    const std::filesystem::path png_stem = folder.path() / "raster";
    write_bytes(pdf_file, pdf);
    const std::string command = "pdftoppm -gray -singlefile -png -r " + std::to_string(dpi) + " '" +
                                pdf_file.string() + "' '" + png_stem.string() + "'";
    if (!run(command)) return std::nullopt;
    return decode_png(read_bytes(png_stem.string() + ".png"));
}

QrModules expected_qr(const std::string& text) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code) throw std::runtime_error("libqrencode cannot encode the test payload");
    QrModules modules(static_cast<std::size_t>(code->width),
                      std::vector<bool>(static_cast<std::size_t>(code->width)));
    for (int row = 0; row < code->width; ++row) {
        for (int column = 0; column < code->width; ++column) {
            modules[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)] =
                (code->data[row * code->width + column] & 1U) != 0;
        }
    }
    return modules;
}

std::optional<QrModules> read_qr(const GreyImage& image, int modules, int x0, int y0, int x1, int y1) {
    for (int y = y0; y < y1; ++y) {
        int left = -1;
        int right = -1;
        for (int x = x0; x < x1; ++x) {
            if (image.at(x, y) >= 128) continue;
            if (left < 0) left = x;
            right = x;
        }
        if (left < 0) continue;
        const double module = static_cast<double>(right - left + 1) / modules;
        if (module < 2.0) return std::nullopt;  // too small to sample reliably
        QrModules read(static_cast<std::size_t>(modules),
                       std::vector<bool>(static_cast<std::size_t>(modules)));
        for (int row = 0; row < modules; ++row) {
            for (int column = 0; column < modules; ++column) {
                const auto sx = static_cast<int>(left + (column + 0.5) * module);
                const auto sy = static_cast<int>(y + (row + 0.5) * module);
                if (sx >= image.width || sy >= image.height) return std::nullopt;
                read[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)] =
                    image.at(sx, sy) < 128;
            }
        }
        return read;
    }
    return std::nullopt;
}

CertificateDocument sample_certificate() {
    CertificateDocument document;
    document.title = "亲属关系证明";
    document.subtitle = "Proof of Family Relationship";
    document.serial = "C2026-000123";
    document.issued_on = "2026-03-01";
    document.issuer = "北京市公安局东城分局";
    const std::pair<const char*, const char*> fields[] = {
        {"姓名 Name", "张伟"},
        {"公民身份号码 ID number", "110101199003071234"},
        {"亲属姓名 Relative", "김민준 (KIM MINJUN)"},
        {"关系 Relationship", "父子 Father and son"},
        {"户籍地址 Registered address", "北京市东城区东华门街道南池子大街 12 号院 3 号楼 2 单元 501 室"},
    };
    for (const auto& [label, value] : fields)
        document.fields.push_back({label, drivers::PersonalString(value)});
    document.statement =
        "兹证明张伟（公民身份号码 110101199003071234）与김민준系父子关系，经核对户籍登记信息属实。特此证明。"
        " This is to certify that, according to the household registration records, the persons named above "
        "are "
        "father and son.";
    document.proof_payload =
        "HKV1.eyJzIjoiQzIwMjYtMDAwMTIzIiwidCI6InJlbGF0aW9uc2hpcCIsImQiOiIyMDI2LTAzLTAxIn0."
        "MEUCIQDx7c0b3Q9Y5rVt"
        "mJ2pXn8cK1aZsRbqk9YbN3l4u0V2eQIgR8m4mQy0bT3v6yq5nXW3yQ2c9sH7fJx1aO2kZc6Lr0E";
    document.verification_code = "7KQ2-M9XD";
    return document;
}

Receipt sample_receipt() {
    return Receipt{
        .lines =
            {
                {"户籍业务受理回执", ReceiptStyle::Large},
                {"Application receipt · 접수증", ReceiptStyle::Centred},
                {"", ReceiptStyle::Normal},
                {"受理编号 Tracking no.: A2026-004711", ReceiptStyle::Bold},
                {"业务 Service: 大中专院校录取迁移 University admission relocation", ReceiptStyle::Normal},
                {"受理时间 Time: 2026-03-01 10:42", ReceiptStyle::Normal},
                {"请凭此回执查询办理进度。Keep this receipt to check the progress.", ReceiptStyle::Normal},
            },
        .qr_text = "https://hukou.example.cn/track/A2026-004711",
        .logo = std::nullopt,
        .barcode = {},
    };
}

}  // namespace hk::printer::testing
