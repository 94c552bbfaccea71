// The devices and the central service the kiosk runs with: simulated or real, the rest of the app cannot
// tell.
#pragma once

#include "drivers/chip_reader.h"
#include "drivers/resident_id_reader.h"
#include "kiosk/central_service.h"
#include "printer/printers.h"
#include "scanner/document_scanner.h"
#include "scanner/mrz_reader.h"

namespace hk::kiosk {

struct DeviceSet {
    drivers::ResidentIdReader& id_reader;
    drivers::ChipReader& chip_reader;
    scanner::DocumentScanner& scanner;
    scanner::MrzReader& mrz_reader;
    scanner::Camera& camera;
    printer::A4Printer& a4_printer;
    printer::ReceiptPrinter& receipt_printer;
    CentralService& central;

    // Every device, for health checks, in drivers::DeviceKind order.
    [[nodiscard]] std::array<drivers::Device*, 6> all() const {
        return {&id_reader, &chip_reader, &scanner, &camera, &a4_printer, &receipt_printer};
    }
};

}  // namespace hk::kiosk
