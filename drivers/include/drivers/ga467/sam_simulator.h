// A GA 467 reader on a pseudo-terminal, for tests and for `ga467-sim`: the kiosk's real serial code opens the
// pty's slave side as if it were /dev/ttyUSB0, and this answers on the master side like a reader with a SAM.
// Faults are injected through thread-safe controls: a card placed, taken away (also right after a find), an
// answer with a bad checksum, late, cut short or with a given SW3, and the reader unplugged and plugged back.
#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/ga467/frame.h"
#include "drivers/ga467/sam_commands.h"
#include "drivers/ga467/text_block.h"

namespace hk::drivers::ga467 {

struct SimulatedIdCard {
    TextBlockFields fields;
    std::optional<std::array<std::uint8_t, kTextBlockSize>> raw_text;  // used instead of `fields` when set
    std::vector<std::uint8_t> photo_wlt = std::vector<std::uint8_t>(kPhotoSize, 0x57);
    std::vector<std::uint8_t> fingerprints;  // empty: the card holds none
    std::string newest_address;              // what 30 03 returns
};

class Ga467SamSimulator {
  public:
    struct Options {
        std::filesystem::path link;  // when set, kept pointing at the current pty (gone while unplugged)
    };

    // Opens a pty and starts answering. The error says which system call failed.
    static std::expected<std::unique_ptr<Ga467SamSimulator>, std::string> start(Options options);
    ~Ga467SamSimulator();
    Ga467SamSimulator(const Ga467SamSimulator&) = delete;
    Ga467SamSimulator& operator=(const Ga467SamSimulator&) = delete;

    // The path a client opens: the link when one was asked for, else /dev/pts/N.
    [[nodiscard]] std::string device_path() const;
    [[nodiscard]] std::string pty_path() const;

    // The card on the reader. A card whose fields do not fit its block is refused (false).
    bool place_card(SimulatedIdCard card);
    void remove_card();
    // The card leaves right after the next successful find: select and read then find no card.
    void remove_card_after_next_find();

    // One-shot faults for the next answer written.
    void corrupt_next_checksum();
    void delay_next_answer(std::chrono::milliseconds delay);
    void drop_bytes_from_next_answer(std::size_t count);
    // The next request with `code` is answered with `sw3` (and no data).
    void answer_next_with(CommandCode code, std::uint8_t sw3);

    // The reader leaves the bus: the pty closes (the client sees hang-up/EIO) and the link disappears.
    void unplug();
    // Plugs back in: a new pty, the link pointing at it.
    std::expected<void, std::string> replug();

    [[nodiscard]] std::size_t requests_seen(CommandCode code) const;
    [[nodiscard]] std::size_t answers_written() const;
    // Waits until at least `count` answers were written (so a test can tell a late answer has gone out).
    bool wait_for_answers(std::size_t count, std::chrono::milliseconds timeout) const;

  private:
    explicit Ga467SamSimulator(Options options);
    std::expected<void, std::string> open_pty();
    void close_pty();
    void run();
    void answer(const Request& request);
    void answer_garbled(FrameError error);
    void write_answer(const Answer& answer);
    std::vector<std::uint8_t> card_record(bool fingerprint_layout);

    Options options_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    int master_ = -1;
    int slave_ = -1;  // held open so the master does not see EIO whenever the client closes its side
    int wake_[2] = {-1, -1};
    std::string pty_path_;
    bool stopping_ = false;
    std::thread worker_;

    std::optional<SimulatedIdCard> card_;
    bool remove_after_find_ = false;
    bool corrupt_next_ = false;
    std::chrono::milliseconds delay_next_{0};
    std::size_t drop_next_ = 0;
    std::map<std::uint16_t, std::uint8_t> forced_status_;
    std::map<std::uint16_t, std::size_t> requests_;
    std::size_t answers_ = 0;
};

}  // namespace hk::drivers::ga467
