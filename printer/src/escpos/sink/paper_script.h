// The sink's printer state as the bytes go by: a script of "from byte N on, the printer is ..." steps, and
// the status bytes a printer in that state answers with.
#pragma once

#include <cstdint>
#include <expected>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace hk::printer::escpos::sink {

struct PrinterState {
    bool paper_out = false;
    bool near_end = false;
    bool cover_open = false;
    bool cutter_error = false;
    bool offline = false;
    bool silent = false;  // answers nothing at all: a printer that lost its mind, or not a printer
    bool operator==(const PrinterState&) const = default;

    // Whether it has stopped printing (and so will not answer GS r).
    [[nodiscard]] bool stopped() const { return paper_out || cover_open || cutter_error || offline; }
};

class PaperScript {
  public:
    // One step a line: "BYTES STATE[,STATE...]" with STATE one of ok, paper-out, near-end, cover-open,
    // cutter-error, offline, silent; '#' starts a comment. Steps apply from that many printed bytes on.
    static std::expected<PaperScript, std::string> parse(std::istream& in);
    void add(std::uint64_t from_byte, PrinterState state);
    [[nodiscard]] PrinterState at(std::uint64_t printed_bytes) const;

  private:
    std::vector<std::pair<std::uint64_t, PrinterState>> steps_;
};

// DLE EOT n reply (n 1..4); nullopt for other n.
std::optional<std::uint8_t> realtime_reply(const PrinterState& state, std::uint8_t n);
// GS r 1 reply (paper sensor).
std::uint8_t paper_reply(const PrinterState& state);
// The four ASB bytes.
std::vector<std::uint8_t> automatic_status(const PrinterState& state);

}  // namespace hk::printer::escpos::sink
