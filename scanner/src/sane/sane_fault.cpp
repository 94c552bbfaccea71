#include "sane_fault.h"

#include <string>

namespace hk::scanner::sane::detail {

drivers::FaultKind fault_kind_for(SANE_Status status) {
    using drivers::FaultKind;
    switch (status) {
        case SANE_STATUS_NO_DOCS:
            return FaultKind::NoDocument;
        case SANE_STATUS_JAMMED:
            return FaultKind::PaperJam;
        case SANE_STATUS_COVER_OPEN:
            return FaultKind::CoverOpen;
        case SANE_STATUS_DEVICE_BUSY:
            return FaultKind::Busy;
        default:
            // IO_ERROR, INVAL, NO_MEM, ACCESS_DENIED, UNSUPPORTED, a stray EOF or CANCELLED: all mean the
            // scan could not be done for a reason the citizen cannot fix; the detail carries the status text.
            return FaultKind::IoError;
    }
}

drivers::DeviceFault scan_fault(SANE_Status status, std::string_view device, std::string_view step) {
    std::string detail{"SANE device "};
    detail.append(device).append(": ").append(step).append(" returned ").append(sane_strstatus(status));
    return drivers::DeviceFault{drivers::DeviceKind::DocumentScanner, fault_kind_for(status),
                                std::move(detail)};
}

}  // namespace hk::scanner::sane::detail
