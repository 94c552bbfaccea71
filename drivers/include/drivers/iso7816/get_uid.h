// GET DATA for the card's UID (PC/SC part 3, §3.2.2.1.3: FF CA 00 00 00): a pseudo-APDU that contactless
// readers answer themselves from the anticollision data, never passing it to the card. The kiosk reads a
// technician card's identity this way. PC/SC readers answer it in their driver; for libnfc readers and the
// simulated readers this code answers it, so every backend behaves the same.
#pragma once

#include "drivers/iso7816/bytes.h"

namespace hk::drivers::iso7816 {

// FF CA 00 00 00.
Bytes get_uid_command();
// Whether `command` is that pseudo-APDU (Le may be 00 or the UID length).
bool is_get_uid_command(ByteView command);
// What a reader answers: the UID and 90 00, or 6A 81 (function not supported) when the card has none.
Bytes get_uid_answer(ByteView uid);

}  // namespace hk::drivers::iso7816
