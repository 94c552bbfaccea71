// The security checks on what was read from a chip: passive authentication (SOD signature, document signer
// chain to a CSCA, data-group hashes) and clone detection (PACE-CAM, chip authentication with DG14, or active
// authentication with DG15). Each check passes, fails, or is not possible, with a reason and no personal
// data.
#pragma once

#include <cstdint>
#include <map>

#include "drivers/chip_reader.h"
#include "drivers/icao9303/document_reader.h"
#include "drivers/icao9303/pace.h"
#include "drivers/icao9303/secure_messaging.h"

namespace hk::drivers::icao9303 {

// The files of one read, by file identifier; wiped when the read ends.
struct ReadFiles {
    std::map<std::uint16_t, Bytes> by_id;
    void wipe() {
        for (auto& [id, content] : by_id) iso7816::wipe(content);
        by_id.clear();
    }
};

// Runs the checks; chip authentication talks to the chip through `channel` (and re-keys it).
ChipAuthentication check_document(SecureMessagingChannel& channel, const ReadFiles& files,
                                  const PaceResult* pace, const DocumentReadOptions& options,
                                  RandomSource& random, DocumentReadReport& report);

}  // namespace hk::drivers::icao9303
