// What goes on paper: the certificate as the A4 printer gets it, and each kind of receipt in the citizen's
// language.
#pragma once

#include <string>

#include "kiosk/catalogue.h"
#include "kiosk/session/commands.h"
#include "printer/certificate_document.h"
#include "printer/receipt.h"

namespace hk::kiosk {

printer::CertificateDocument certificate_document(const IssuedCertificate& certificate);

// `printed_at` is the local time printed on the receipt, e.g. "2026-11-22 14:05"; `kiosk_id` says where.
printer::Receipt compose_receipt(const PrintReceipt& request, const Catalogue& catalogue,
                                 const std::string& printed_at, const std::string& kiosk_id);

}  // namespace hk::kiosk
