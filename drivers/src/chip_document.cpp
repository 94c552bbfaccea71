#include "drivers/chip_reader.h"

namespace hk::drivers {

std::string_view to_string(CheckOutcome outcome) {
    switch (outcome) {
        case CheckOutcome::Passed:
            return "passed";
        case CheckOutcome::Failed:
            return "failed";
        case CheckOutcome::NotPossible:
            return "not possible";
    }
    return "unknown";
}

void ChipDocument::wipe() noexcept {
    document_type.wipe();
    issuing_state.wipe();
    surname.wipe();
    given_names.wipe();
    document_number.wipe();
    nationality.wipe();
    birth_date.wipe();
    sex.wipe();
    expiry_date.wipe();
    personal_number.wipe();
    // The face is the most personal datum of all: zero it before letting the vector free its buffer.
    wipe_bytes(face_image.data(), face_image.size());
    face_image.clear();
    face_image.shrink_to_fit();
    // authentication holds outcomes and a reason with no personal data; reset it so a reused struct starts
    // clean.
    authentication = ChipAuthentication{};
}

}  // namespace hk::drivers
