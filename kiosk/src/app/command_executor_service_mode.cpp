// The executor's part of service mode: watching the chip reader for a technician card between citizens (the
// PIN and the functions are the service desk's).
#include <thread>

#include "command_executor.h"
#include "ops/events/log_event.h"

namespace hk::kiosk {

// One short look per job, re-posted while still wanted: a technician's self-test or test print queued on the
// chip worker runs in between instead of waiting behind an endless watch.
void CommandExecutor::watch_for_technician_card(std::uint64_t request, std::uint64_t generation) {
    chip_worker_.post([this, request, generation](const std::stop_token& stop) {
        if (stop.stop_requested() || !still_wanted(generation)) return;
        auto identity = devices_.chip_reader.read_card_identity(options_.poll_slice);
        if (!identity) {
            events_.push(DeviceFailed{request, identity.error()});
            return;
        }
        if (!*identity) {
            technician_card_in_field_.clear();  // the field is empty: the next card is a new presentation
        } else {
            const std::string& card = **identity;
            const bool known = service_hooks_.is_technician_card && service_hooks_.is_technician_card(card);
            if (known && card != technician_card_in_field_) {
                technician_card_in_field_ = card;
                if (!still_wanted(generation)) return;
                ops::log_event(ops::EventId::TechnicianCardSeen, "{} on the chip reader",
                               technician_card_ref(card));
                events_.push(TechnicianCardSeen{request, card});
                return;
            }
            // A citizen's document or a card already reported lies on the reader: look again a little later
            // rather than talking to it in a tight loop.
            std::this_thread::sleep_for(options_.poll_slice);
        }
        watch_for_technician_card(request, generation);
    });
}

}  // namespace hk::kiosk
