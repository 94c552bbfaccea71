// ICAO Doc 9303 e-passport / travel permit chip, read over a contactless reader (PC/SC or libnfc).
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/device.h"
#include "drivers/personal_string.h"

namespace hk::drivers {

// The document basic access key, taken from the MRZ (ICAO 9303-11 §4.3): document number with its check
// digit, date of birth and date of expiry (YYMMDD) with theirs.
struct ChipAccessKey {
    PersonalString document_number;  // as in the MRZ, fillers '<' kept
    PersonalString birth_date;       // YYMMDD
    PersonalString expiry_date;      // YYMMDD
};

// Outcome of one security check on the chip's data.
enum class CheckOutcome : std::uint8_t { Passed, Failed, NotPossible };
// "passed", "failed", "not possible": for technicians' output and logs.
std::string_view to_string(CheckOutcome outcome);

struct ChipAuthentication {
    CheckOutcome passive = CheckOutcome::NotPossible;         // SOD signature and data-group hashes
    CheckOutcome active_or_chip = CheckOutcome::NotPossible;  // clone detection (AA or CA)
    std::string reason;  // why a check failed or was not possible; no personal data
};

// What the kiosk uses from the chip: DG1 (the MRZ as stored in the chip) split into fields, and DG2's face.
struct ChipDocument {
    PersonalString document_type;  // "P", "C", ...
    PersonalString issuing_state;  // ICAO code, e.g. "CHN"
    PersonalString surname;
    PersonalString given_names;
    PersonalString document_number;
    PersonalString nationality;
    PersonalString birth_date;       // YYMMDD
    PersonalString sex;              // "M", "F", "<"
    PersonalString expiry_date;      // YYMMDD
    PersonalString personal_number;  // optional data; Chinese documents may carry the resident ID number here
    std::vector<std::uint8_t> face_image;  // JPEG or JPEG 2000 as stored in DG2; may be empty
    ChipAuthentication authentication;

    void wipe() noexcept;
};

class ChipReader : public Device {
  public:
    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::ChipReader; }

    // Waits up to `wait` for a chip in the field, opens it with `key` and reads it.
    // nullopt: no chip came in that time. AccessDenied: the chip refused the key.
    virtual std::expected<std::optional<ChipDocument>, DeviceFault> read_document(
        const ChipAccessKey& key, std::chrono::milliseconds wait) = 0;

    // Waits up to `wait` for a card in the field and returns the UID the reader reports for it (GET DATA,
    // drivers/iso7816/get_uid.h) in upper-case hex: how a technician card is recognised. nullopt: no card
    // came, or the card has no UID to report. Never opens a document.
    virtual std::expected<std::optional<std::string>, DeviceFault> read_card_identity(
        std::chrono::milliseconds wait) = 0;
};

}  // namespace hk::drivers
