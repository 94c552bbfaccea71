// Certificates this kiosk issued but could not print, kept sealed in the journal until their holder comes
// back for them ("Reprint a certificate", catalogue id certificate_reprint). Found by the holder's identity,
// never by a number alone: the receipt's number in someone else's hand prints nothing.
#pragma once

#include <optional>
#include <string>

#include "journal/journal.h"
#include "kiosk/central_service.h"

namespace hk::kiosk {

struct KeptCertificate {
    std::string journal_key;  // the transaction's idempotency key
    IssuedCertificate certificate;
};

// The oldest certificate kept for `holder`, taken back to "issued" in the journal so that printing it ends
// its transaction like any other (done, or held again when the printer fails again). Nullopt when none is
// kept.
std::optional<KeptCertificate> take_kept_certificate(Journal& journal, const VerifiedIdentity& holder);

}  // namespace hk::kiosk
