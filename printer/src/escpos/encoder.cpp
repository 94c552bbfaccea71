// The job, in the order the paper comes out: logo, lines, barcode, QR code, then cut. Every line states its
// alignment and style in full, so a line never inherits a style from the one before it (nor from a job the
// printer was left in the middle of: ESC @ resets the rest).
#include "printer/escpos/encoder.h"

#include <optional>

#include "commands.h"
#include "qr_symbol.h"
#include "raster.h"
#include "text_encoding.h"

namespace hk::printer::escpos {

namespace {

using command::kGs;
using command::Writer;

std::uint8_t align_code(ReceiptAlignment alignment) {
    switch (alignment) {
        case ReceiptAlignment::Centre:
            return 1;
        case ReceiptAlignment::Right:
            return 2;
        case ReceiptAlignment::ByStyle:
        case ReceiptAlignment::Left:
            break;
    }
    return 0;
}

// Whether the printer's font can show `text`; if not, the line goes as a picture.
bool font_shows(const std::optional<PrinterText>& text, const PrinterProfile& profile) {
    if (!text) return false;
    if (text->ascii_only) return true;
    if (!profile.gb18030_text) return false;
    return !text->needs_four_byte || profile.gb18030_four_byte_glyphs;
}

class JobBuilder {
  public:
    explicit JobBuilder(const PrinterProfile& profile) : profile_(profile) {
        out_.initialise();
        // A printer without a Chinese font may still start in Chinese mode after a firmware default; the job
        // sends only ASCII as text there, which must not be read as halves of two-byte characters.
        if (!profile_.gb18030_text) out_.chinese(false);
    }

    void logo(const ReceiptLogo& logo) {
        out_.align(0);  // the bitmap is as wide as the paper, centring drawn in
        write_raster(out_, centred_logo(logo, profile_.paper_width_dots));
    }

    std::expected<void, std::string> line(const ReceiptLine& line) {
        const std::optional<PrinterText> text = to_gb18030(line.text);
        if (!font_shows(text, profile_)) {
            auto bitmap = render_line(line, profile_.paper_width_dots);
            if (!bitmap) return std::unexpected(bitmap.error());
            out_.align(0);
            write_raster(out_, *bitmap);
            ++report_.raster_lines;
            return {};
        }
        if (!text->ascii_only && !chinese_) {
            out_.chinese(true);
            chinese_ = true;
        }
        out_.align(align_code(effective_alignment(line)));
        out_.bold(line.style == ReceiptStyle::Bold || line.style == ReceiptStyle::Large);
        const int scale = line.style == ReceiptStyle::Large ? 2 : 1;
        out_.size(scale, scale);
        out_.bytes(text->bytes);
        out_.byte(command::kLf);
        ++report_.text_lines;
        return {};
    }

    void plain_style() {
        out_.bold(false);
        out_.size(1, 1);
    }

    void barcode(const std::string& data) {
        // CODE128 is 11 modules a symbol plus start, check and stop: module width 2 where it fits, else 1.
        const std::size_t modules = (data.size() + 3) * 11 + 2;
        const auto module = static_cast<std::uint8_t>(
            modules * 2 <= static_cast<std::size_t>(profile_.paper_width_dots) ? 2 : 1);
        out_.align(1);
        out_.bytes({kGs, 'H', 2});   // human-readable digits below the bars
        out_.bytes({kGs, 'h', 80});  // bar height in dots
        out_.bytes({kGs, 'w', module});
        // GS k 73: CODE128 with a length byte; "{B" selects code set B, the printer adds the check symbol.
        out_.bytes({kGs, 'k', 73, static_cast<std::uint8_t>(data.size() + 2), '{', 'B'});
        for (const char c : data) out_.byte(static_cast<std::uint8_t>(c));
        out_.byte(command::kLf);
    }

    std::expected<void, std::string> qr(const std::string& text) {
        auto symbol = detail::QrSymbol::encode(text);  // also proves the text fits a QR code at level M
        if (!symbol) return std::unexpected(symbol.error());
        if (!profile_.native_qr) {
            auto bitmap = render_qr(text, profile_.paper_width_dots);
            if (!bitmap) return std::unexpected(bitmap.error());
            out_.align(0);
            write_raster(out_, *bitmap);
            report_.qr_raster = true;
            return {};
        }
        const auto module =
            static_cast<std::uint8_t>(qr_module_size(symbol->modules(), profile_.paper_width_dots));
        out_.align(1);
        out_.bytes({kGs, '(', 'k', 4, 0, 49, 65, 50, 0});   // fn 165: model 2
        out_.bytes({kGs, '(', 'k', 3, 0, 49, 67, module});  // fn 167: module size in dots
        out_.bytes({kGs, '(', 'k', 3, 0, 49, 69, 49});      // fn 169: error correction M, as libqrencode's
        out_.bytes({kGs, '(', 'k'});                        // fn 180: store the data
        out_.u16(text.size() + 3);
        out_.bytes({49, 80, 48});
        for (const char c : text) out_.byte(static_cast<std::uint8_t>(c));
        out_.bytes({kGs, '(', 'k', 3, 0, 49, 81, 48});  // fn 181: print the stored symbol
        out_.byte(command::kLf);
        report_.qr_native = true;
        return {};
    }

    EncodedReceipt finish() {
        out_.align(0);
        out_.feed_and_cut(profile_.partial_cut);
        if (profile_.answers_gs_r) out_.paper_status_request();
        return {out_.take(), report_};
    }

  private:
    const PrinterProfile& profile_;
    Writer out_;
    EncodingReport report_;
    bool chinese_ = false;
};

}  // namespace

std::expected<EncodedReceipt, std::string> encode_receipt(const Receipt& receipt,
                                                          const PrinterProfile& profile) {
    if (auto problem = receipt_problem(receipt)) return std::unexpected(std::move(*problem));
    if (receipt.logo && receipt.logo->width > profile.paper_width_dots) {
        return std::unexpected("logo is wider than the " + std::to_string(profile.paper_width_dots) +
                               "-dot paper");
    }
    JobBuilder job(profile);
    if (receipt.logo) job.logo(*receipt.logo);
    for (const ReceiptLine& line : receipt.lines) {
        if (auto done = job.line(line); !done) return std::unexpected(done.error());
    }
    job.plain_style();
    if (!receipt.barcode.empty()) job.barcode(receipt.barcode);
    if (!receipt.qr_text.empty()) {
        if (auto done = job.qr(receipt.qr_text); !done) return std::unexpected(done.error());
    }
    return job.finish();
}

}  // namespace hk::printer::escpos
