// Renders a certificate to a one-page A4 PDF through a cairo stream surface: the PDF only ever exists in
// memory, so no citizen's data is left in a temporary file on the kiosk.
#include <cairo-pdf.h>

#include <numeric>
#include <optional>
#include <utility>

#include "byte_sink.h"
#include "cairo_handles.h"
#include "certificate_page.h"
#include "printer/certificate_document.h"

namespace hk::printer {

namespace {

using namespace detail::certificate_page;

std::string cairo_error(const char* what, cairo_status_t status) {
    return std::string(what) + ": " + cairo_status_to_string(status);
}

// Fixed metadata (no clock) keeps the bytes reproducible: the same certificate renders to the same PDF, so a
// reprint after a power cut prints exactly what was issued.
void set_metadata(cairo_surface_t* surface, const CertificateDocument& document) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "HuKiosk");
    if (!document.issued_on.empty()) {
        const std::string date = document.issued_on + "T00:00:00";
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    }
}

double stacked_height(const std::vector<Block>& blocks) {
    return std::accumulate(blocks.begin(), blocks.end(), 0.0, [](double sum, const Block& block) {
        return sum + block.height + block.space_after;
    });
}

// The body at full size, or smaller when it would run into the footer; nullopt when even the smallest does
// not fit.
std::optional<std::vector<Block>> fit_body(cairo_t* cr, const CertificateDocument& document,
                                           double footer_top) {
    for (double scale : kBodyScales) {
        std::vector<Block> blocks = body_blocks(cr, document, scale);
        if (kMarginTop + stacked_height(blocks) <= footer_top) return blocks;
    }
    return std::nullopt;
}

void paint_body(cairo_t* cr, std::vector<Block>& blocks) {
    double top = kMarginTop;
    for (Block& block : blocks) {
        block.paint(cr, top);
        top += block.height + block.space_after;
    }
}

}  // namespace

std::expected<std::vector<std::uint8_t>, std::string> render_certificate_pdf(
    const CertificateDocument& document) {
    // Encoded before any drawing: a payload that cannot be printed fails before a PDF is begun.
    std::optional<detail::QrSymbol> proof;
    if (!document.proof_payload.empty()) {
        auto symbol = detail::QrSymbol::encode(document.proof_payload);
        if (!symbol) return std::unexpected(symbol.error());
        proof = std::move(*symbol);
    }

    detail::ByteSink sink;
    const detail::SurfaceHandle surface(
        cairo_pdf_surface_create_for_stream(&detail::ByteSink::write, &sink, kWidth, kHeight));
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot create the PDF surface", status));
    }
    set_metadata(surface.get(), document);
    {
        const detail::ContextHandle cr(cairo_create(surface.get()));
        // Everything is laid out and measured before anything is drawn, so content that cannot fit fails
        // early.
        Footer footer = lay_out_footer(cr.get(), document, proof ? &*proof : nullptr);
        std::optional<std::vector<Block>> body = fit_body(cr.get(), document, footer.top);
        if (!body) return std::unexpected("certificate content does not fit on one A4 page");
        paint_frame(cr.get());
        paint_body(cr.get(), *body);
        footer.paint(cr.get());
        if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
            return std::unexpected(cairo_error("cannot draw the certificate", status));
        }
    }
    // Finishing writes the page and the embedded font subsets to the sink; write errors surface only here.
    cairo_surface_finish(surface.get());
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot write the PDF", status));
    }
    return sink.take();
}

}  // namespace hk::printer
