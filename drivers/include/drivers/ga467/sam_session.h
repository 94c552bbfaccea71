// One conversation with a GA 467 reader over a transport: request, answer, and the find → select → read
// sequence that turns a card on the reader into a ResidentIdCard. Blocking; runs on the reader's worker
// thread.
#pragma once

#include <chrono>
#include <expected>
#include <optional>

#include "drivers/device.h"
#include "drivers/ga467/frame.h"
#include "drivers/ga467/sam_commands.h"
#include "drivers/ga467/transport.h"
#include "drivers/resident_id_reader.h"

namespace hk::drivers::ga467 {

// How long each command may take. Readers answer find and select within ~100 ms; reading text and photo
// takes about a second (fingerprints a little more).
struct Ga467Timeouts {
    std::chrono::milliseconds find{500};
    std::chrono::milliseconds select{500};
    std::chrono::milliseconds read{3000};
    std::chrono::milliseconds sam{1000};
    std::chrono::milliseconds poll_interval{200};  // between find attempts while waiting for a card
};

DeviceFault fault_from_transport(const TransportError& error);

class Ga467Session {
  public:
    explicit Ga467Session(Ga467Transport& transport, Ga467Timeouts timeouts = {});

    // Sends one command and returns its answer; faults are transport failures and frames that do not parse.
    std::expected<Answer, DeviceFault> exchange(CommandCode code, Step step,
                                                std::chrono::milliseconds timeout);

    // true when a card is in the field.
    std::expected<bool, DeviceFault> find_card();
    // Polls for a card until `wait` has passed (one attempt when zero), then selects and reads it.
    // nullopt: no card came.
    std::expected<std::optional<ResidentIdCard>, DeviceFault> read_card(std::chrono::milliseconds wait,
                                                                        bool with_fingerprints = false);
    // The address last written to the card by a registration office (after a read, card still selected).
    std::expected<PersonalString, DeviceFault> read_newest_address();
    // Asks the SAM how it is (11 FF).
    std::expected<void, DeviceFault> check_sam();
    std::expected<void, DeviceFault> reset_sam();

  private:
    std::expected<Answer, DeviceFault> command(CommandCode code, Step step,
                                               std::chrono::milliseconds timeout);
    DeviceFault card_gone_or_unreadable(DeviceFault fault);

    Ga467Transport& transport_;
    Ga467Timeouts timeouts_;
    FrameParser parser_{FrameKind::Answer};
};

}  // namespace hk::drivers::ga467
