// Finishing what a crash or a power cut interrupted, before the kiosk shows its first screen. The journal
// says how far each transaction got; the central service (asked again with the same idempotency key) and the
// printer's own job history fill in what the journal could not record.
#pragma once

#include <string>

#include "device_set.h"
#include "journal/journal.h"

namespace hk::kiosk {

struct RecoveryReport {
    int interrupted_sessions = 0;  // sessions cut short: their data is gone with the process; logged as wiped
    int asked_again = 0;           // requests whose answer was never recorded, re-sent with their key
    int printed = 0;               // certificates printed now (issued before the crash, never printed)
    int already_printed = 0;       // the printer had completed the job before the crash: not printed twice
    int completed = 0;             // transactions closed
    int left_unfinished = 0;       // the central service could not be reached: tried again at the next start

    [[nodiscard]] std::string summary() const;
};

RecoveryReport recover(Journal& journal, const DeviceSet& devices);

// Asks the central service again, with the transaction's own idempotency key, for a request whose answer was
// never recorded; records the answer. False when there is still no answer (kept for later) or the service
// refused (marked abandoned).
bool ask_again(Journal& journal, JournalEntry& entry, CentralService& central);

// The printer job name of a certificate, by which the printer's job history is asked.
std::string certificate_job_name(const std::string& serial);

}  // namespace hk::kiosk
