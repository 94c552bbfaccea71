#include "paper_script.h"

#include <algorithm>
#include <sstream>

namespace hk::printer::escpos::sink {

namespace {

std::uint8_t flag(bool set, std::uint8_t bits) {
    return set ? bits : std::uint8_t{0};
}

bool apply_word(const std::string& word, PrinterState& state) {
    if (word == "ok") {
        state = PrinterState{};
    } else if (word == "paper-out") {
        state.paper_out = true;
    } else if (word == "near-end") {
        state.near_end = true;
    } else if (word == "cover-open") {
        state.cover_open = true;
    } else if (word == "cutter-error") {
        state.cutter_error = true;
    } else if (word == "offline") {
        state.offline = true;
    } else if (word == "silent") {
        state.silent = true;
    } else {
        return false;
    }
    return true;
}

}  // namespace

std::expected<PaperScript, std::string> PaperScript::parse(std::istream& in) {
    PaperScript script;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = line.substr(0, line.find('#'));
        std::istringstream words(line);
        std::uint64_t from = 0;
        std::string states;
        if (!(words >> from)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            return std::unexpected("line " + std::to_string(number) + ": expected BYTES STATE[,STATE...]");
        }
        words >> states;
        PrinterState state;
        std::istringstream list(states);
        std::string word;
        while (std::getline(list, word, ',')) {
            if (!apply_word(word, state))
                return std::unexpected("line " + std::to_string(number) + ": unknown state '" + word + "'");
        }
        script.add(from, state);
    }
    return script;
}

void PaperScript::add(std::uint64_t from_byte, PrinterState state) {
    steps_.emplace_back(from_byte, state);
    std::stable_sort(steps_.begin(), steps_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
}

PrinterState PaperScript::at(std::uint64_t printed_bytes) const {
    PrinterState state;
    for (const auto& [from, step] : steps_) {
        if (from > printed_bytes) break;
        state = step;
    }
    return state;
}

std::optional<std::uint8_t> realtime_reply(const PrinterState& state, std::uint8_t n) {
    constexpr std::uint8_t kFixed = 0x12;
    switch (n) {
        case 1:
            return kFixed | flag(state.stopped(), 0x08);
        case 2:
            return kFixed | flag(state.cover_open, 0x04) | flag(state.paper_out, 0x20) |
                   flag(state.cutter_error, 0x40);
        case 3:
            return kFixed | flag(state.cutter_error, 0x08);
        case 4:
            return kFixed | flag(state.near_end || state.paper_out, 0x0C) | flag(state.paper_out, 0x60);
        default:
            return std::nullopt;
    }
}

std::uint8_t paper_reply(const PrinterState& state) {
    return flag(state.near_end || state.paper_out, 0x03) | flag(state.paper_out, 0x0C);
}

std::vector<std::uint8_t> automatic_status(const PrinterState& state) {
    return {static_cast<std::uint8_t>(0x10 | flag(state.stopped(), 0x08) | flag(state.cover_open, 0x20)),
            flag(state.cutter_error, 0x08),
            static_cast<std::uint8_t>(flag(state.near_end || state.paper_out, 0x03) |
                                      flag(state.paper_out, 0x0C)),
            0x00};
}

}  // namespace hk::printer::escpos::sink
