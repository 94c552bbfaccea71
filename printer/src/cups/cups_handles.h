// Owning handles for libcups objects, so every early return releases what it got.
#pragma once

#include <cups/cups.h>

#include <memory>

namespace hk::printer::cups::detail {

struct HttpClose {
    void operator()(http_t* http) const { httpClose(http); }
};
struct IppDelete {
    void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
struct DestFree {
    void operator()(cups_dest_t* dest) const { cupsFreeDests(1, dest); }
};
struct DestInfoFree {
    void operator()(cups_dinfo_t* info) const { cupsFreeDestInfo(info); }
};

using HttpPtr = std::unique_ptr<http_t, HttpClose>;
using IppPtr = std::unique_ptr<ipp_t, IppDelete>;
using DestPtr = std::unique_ptr<cups_dest_t, DestFree>;
using DestInfoPtr = std::unique_ptr<cups_dinfo_t, DestInfoFree>;

}  // namespace hk::printer::cups::detail
