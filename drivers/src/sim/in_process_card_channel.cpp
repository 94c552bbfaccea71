#include "drivers/sim/simulated_card.h"

#include "drivers/iso7816/get_uid.h"

namespace hk::drivers::sim {

std::expected<iso7816::Bytes, iso7816::ChannelError> InProcessCardChannel::transmit_raw(
    iso7816::ByteView command) {
    if (!card_.present())
        return std::unexpected(
            iso7816::ChannelError{iso7816::ChannelErrorKind::CardRemoved, "no card in the field"});
    if (iso7816::is_get_uid_command(command)) return iso7816::get_uid_answer(card_.uid());
    auto response = card_.process(command);
    // A card pulled away mid-command never answers.
    if (!card_.present())
        return std::unexpected(
            iso7816::ChannelError{iso7816::ChannelErrorKind::CardRemoved, "card left the field"});
    return response;
}

}  // namespace hk::drivers::sim
