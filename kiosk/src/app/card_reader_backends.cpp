#include "card_reader_backends.h"

#include "drivers/ga467/ga467_reader.h"
#include "drivers/icao9303/icao_chip_reader.h"
#include "ops/events/log_event.h"

namespace hk::kiosk {

std::expected<CardReaderBackends, std::string> open_card_reader_backends(const KioskConfig& config) {
    CardReaderBackends backends;
    if (config.chip_reader.backend != "simulated") {
        auto port = drivers::icao9303::open_contactless_port(config.chip_reader.backend);
        if (!port) return std::unexpected(port.error());
        drivers::icao9303::DocumentReadOptions options;
        options.trust_store = config.chip_reader.trust_store;
        ops::log_event(ops::EventId::DeviceBackendOpened, "chip reader: {} (CSCA trust store {})",
                       (*port)->describe(), config.chip_reader.trust_store.string());
        backends.chip =
            std::make_unique<drivers::icao9303::IcaoChipReader>(std::move(*port), std::move(options));
    }
    if (config.resident_id_reader.backend != "simulated") {
        auto reader = drivers::ga467::Ga467ResidentIdReader::create(config.resident_id_reader.backend);
        if (!reader) return std::unexpected("resident ID reader: " + reader.error().detail);
        ops::log_event(ops::EventId::DeviceBackendOpened, "resident ID reader: {}",
                       config.resident_id_reader.backend);
        backends.resident_id = std::move(*reader);
    }
    return backends;
}

}  // namespace hk::kiosk
