#include "drivers/sim/icao_test_card.h"

#include "drivers/icao9303/key_handles.h"
#include "drivers/icao9303/lds_files.h"

namespace hk::drivers::sim {

IcaoCardContents card_contents(const icao9303::testdoc::TestDocument& document, std::string can) {
    IcaoCardContents contents;
    for (const auto& [id, file] : document.files) {
        if (id == icao9303::fid::kCardAccess) {
            contents.card_access = file;
        } else {
            contents.application_files[id] = file;
        }
    }
    contents.mrz_key = document.access_key();
    contents.can = std::move(can);
    if (document.active_authentication_key) {
        contents.active_authentication_key_der =
            icao9303::private_key_der(document.active_authentication_key.get());
    }
    if (document.chip_authentication_key) {
        contents.chip_authentication_key_der =
            icao9303::private_key_der(document.chip_authentication_key.get());
    }
    return contents;
}

std::shared_ptr<IcaoCardSimulator> make_test_card(const icao9303::testdoc::TestDocument& document,
                                                  IcaoCardQuirks quirks, std::string can) {
    return std::make_shared<IcaoCardSimulator>(card_contents(document, std::move(can)), quirks);
}

}  // namespace hk::drivers::sim
