// China resident identity card, as read through a GA 467 SAM reader.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <vector>

#include "drivers/device.h"
#include "drivers/personal_string.h"

namespace hk::drivers {

// What the SAM returns from the card's text block (UCS-2LE on the card, decoded to UTF-8). Dates: YYYYMMDD.
struct ResidentIdCard {
    PersonalString name;
    PersonalString sex;        // "男" / "女" as printed
    PersonalString ethnicity;  // as printed, e.g. "汉"
    PersonalString birth_date;
    PersonalString address;
    PersonalString id_number;  // 18 characters, GB 11643
    PersonalString issuing_authority;
    PersonalString valid_from;
    PersonalString valid_until;  // YYYYMMDD, or "长期" for long-term cards
    // The card's photo as the SAM returns it: 1024 bytes of WLT, which only a licensed decoder turns into an
    // image, so it is kept opaque. Empty from readers that do not return it.
    std::vector<std::uint8_t> photo_wlt{};
    // Two fingerprint templates, when the reader was asked for them and the card holds them. (Both have `{}`
    // so aggregate initialisers that list only the text fields stay free of missing-initializer warnings.)
    std::optional<std::vector<std::uint8_t>> fingerprints{};

    void wipe() noexcept;
};

class ResidentIdReader : public Device {
  public:
    [[nodiscard]] DeviceKind kind() const override { return DeviceKind::ResidentIdReader; }

    // Waits up to `wait` for a card on the reader and reads it. nullopt: no card came in that time.
    virtual std::expected<std::optional<ResidentIdCard>, DeviceFault> read_card(
        std::chrono::milliseconds wait) = 0;
};

// GB 11643-1999 citizen identity number: 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X).
bool is_valid_resident_id_number(std::string_view number);
char resident_id_check_character(std::string_view first17);

}  // namespace hk::drivers
