// A software PN532 on a pseudo-terminal in front of a SimulatedCard: the real libnfc (pn532_uart driver)
// opens the pty slave as if it were a PN532 on a serial line. For tests, the demo and the benchmark.
// Behaviour follows notes/pn532-emulation.md: every command is ACKed then answered; with no card and
// infinite passive-activation retries only the ACK is sent (a real PN532 stays silent); long answers are
// chained with status 0x40 (MI) when they exceed the chunk size.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/sim/simulated_card.h"
#include "drivers/transports/pn532_frame.h"

namespace hk::drivers::transports {

struct Pn532EmulatorOptions {
    // When set, a symlink to the pty slave is (re)created here, so the device string stays the same when
    // the emulator is stopped and started again (a "re-plugged" reader).
    std::string symlink_path;
    bool card_inserted = true;
    std::array<std::uint8_t, 7> uid{0x04, 0x48, 0x4B, 0x31, 0x32, 0x33, 0x34};
    // Largest number of card-response bytes in one InDataExchange answer before chaining (status 0x40).
    // The PN532 allows 262. Debian's libnfc 1.8.0 reassembles chained answers, but only up to 263 bytes in
    // all (measured; see NfcChannel); a smaller value here exercises its chaining.
    std::size_t max_data_per_answer = 262;
};

class Pn532Emulator {
  public:
    Pn532Emulator(sim::SimulatedCard& card, Pn532EmulatorOptions options = {});
    ~Pn532Emulator();
    Pn532Emulator(const Pn532Emulator&) = delete;
    Pn532Emulator& operator=(const Pn532Emulator&) = delete;

    // Opens a new pty and starts answering on it; an error says which system call failed.
    std::expected<void, std::string> start();
    // Stops answering and closes the pty: for libnfc the reader is unplugged. Idempotent.
    void stop();
    [[nodiscard]] bool running() const { return running_.load(); }

    // The card enters or leaves the field (thread-safe). A card that leaves and comes back must be selected
    // again; the card itself is reset on its next selection.
    void insert_card();
    void remove_card();

    // The symlink when one was asked for, else the pty slave (/dev/pts/N).
    [[nodiscard]] std::string device_path() const;
    // "pn532_uart:<device_path()>" for nfc_open.
    [[nodiscard]] std::string device_string() const { return "pn532_uart:" + device_path(); }

    struct Stats {
        std::size_t frames = 0;           // information frames received
        std::size_t data_exchanges = 0;   // InDataExchange commands
        std::size_t chained_answers = 0;  // answer chunks sent with status 0x40
        std::size_t largest_answer = 0;   // most card-response bytes in one answer frame
        std::size_t selections = 0;       // successful InListPassiveTarget
    };
    [[nodiscard]] Stats stats() const;

  private:
    void run();
    void handle_frame(const pn532::Frame& frame);
    iso7816::Bytes answer(iso7816::ByteView command);  // command without TFI; empty = no answer
    iso7816::Bytes list_passive_target(iso7816::ByteView params);
    iso7816::Bytes data_exchange(iso7816::ByteView params);
    iso7816::Bytes communicate_thru(iso7816::ByteView params);
    iso7816::Bytes next_chunk();
    bool card_in_field() const;
    void write_all(iso7816::ByteView bytes);
    void close_pty();

    sim::SimulatedCard& card_;
    Pn532EmulatorOptions options_;
    std::thread thread_;
    std::atomic<bool> running_{false};
    std::atomic<bool> stop_requested_{false};
    std::atomic<bool> inserted_;
    std::atomic<std::uint64_t> insertions_{0};  // bumped on every insert: a selection from before is void

    int master_fd_ = -1;
    int slave_fd_ = -1;
    std::string slave_path_;

    // Emulator-thread state.
    pn532::FrameScanner scanner_;
    std::map<std::uint16_t, std::uint8_t> registers_;
    std::uint8_t parameters_ = 0;
    std::uint8_t passive_activation_retries_ = 0xFF;
    bool target_selected_ = false;
    std::uint64_t selected_generation_ = 0;
    iso7816::Bytes outgoing_chain_;  // command bytes the host sent with MI set
    iso7816::Bytes pending_answer_;  // response bytes still to send after a 0x40 chunk
    std::size_t pending_offset_ = 0;

    mutable std::mutex stats_mutex_;
    Stats stats_;
};

}  // namespace hk::drivers::transports
