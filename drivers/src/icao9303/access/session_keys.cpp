#include "drivers/icao9303/secure_messaging.h"

namespace hk::drivers::icao9303 {

void SessionKeys::wipe() {
    iso7816::wipe(k_enc);
    iso7816::wipe(k_mac);
    iso7816::wipe(ssc);
}

Bytes zero_ssc(CipherSuite suite) {
    return Bytes(block_length(suite), 0);
}

}  // namespace hk::drivers::icao9303
