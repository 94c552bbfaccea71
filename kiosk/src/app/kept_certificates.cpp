#include "kept_certificates.h"

#include "journal/records.h"

namespace hk::kiosk {
namespace {

// The opened JSON of a journal entry holds personal data: zeroed before it is freed (the parsed identities
// are PersonalStrings, wiped by their destructors).
void wipe_text(std::string& text) noexcept {
    drivers::wipe_bytes(text.data(), text.size());
    text.clear();
}

}  // namespace

std::optional<KeptCertificate> take_kept_certificate(Journal& journal, const VerifiedIdentity& holder) {
    std::optional<KeptCertificate> found;
    std::vector<JournalEntry> kept = journal.kept_for_reprint();
    for (JournalEntry& entry : kept) {
        if (!found && entry.kind == TransactionKind::Certificate) {
            std::optional<CertificateRequest> request = records::certificate_request(entry.request);
            if (request && same_person(request->subject, holder)) {
                std::optional<IssuedCertificate> certificate = records::certificate(entry.result);
                if (certificate && journal.reopen_for_reprint(entry.key)) {
                    found = KeptCertificate{entry.key, std::move(*certificate)};
                }
            }
        }
        wipe_text(entry.request);
        wipe_text(entry.result);
    }
    return found;
}

}  // namespace hk::kiosk
