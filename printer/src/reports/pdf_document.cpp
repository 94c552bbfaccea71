#include "pdf_document.h"

#include <cairo-pdf.h>

#include "byte_sink.h"
#include "cairo_handles.h"
#include "flowing_pages.h"

namespace hk::printer::reports {

namespace {

std::string cairo_error(const std::string& what, cairo_status_t status) {
    return what + ": " + cairo_status_to_string(status);
}

}  // namespace

std::expected<std::vector<std::uint8_t>, std::string> render_a4_pdf(
    const std::string& title, const std::function<void(cairo_t*)>& paint) {
    detail::ByteSink sink;
    const detail::SurfaceHandle surface(
        cairo_pdf_surface_create_for_stream(&detail::ByteSink::write, &sink, kA4Width, kA4Height));
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot create the PDF surface", status));
    }
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "HuKiosk");
    {
        const detail::ContextHandle cr(cairo_create(surface.get()));
        paint(cr.get());
        if (const cairo_status_t status = cairo_status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
            return std::unexpected(cairo_error("cannot draw " + title, status));
        }
    }
    // Finishing writes the pages and the embedded font subsets to the sink; write errors surface only here.
    cairo_surface_finish(surface.get());
    if (const cairo_status_t status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS) {
        return std::unexpected(cairo_error("cannot write the PDF", status));
    }
    return sink.take();
}

}  // namespace hk::printer::reports
