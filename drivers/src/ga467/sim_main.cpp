// ga467-sim: a GA 467 reader on a pseudo-terminal, for trying the kiosk (or `kioskctl idcard read`) without a
// reader. Prints the device path, then takes one command a line on stdin:
//   place | remove | unplug | replug | bad-checksum | late MS | quit
// Usage: ga467-sim [--link PATH]   (PATH is kept pointing at the current pty, e.g. /tmp/ga467)
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "drivers/ga467/sam_simulator.h"
#include "drivers/resident_id_reader.h"

namespace {

using hk::drivers::ga467::SimulatedIdCard;

// A synthetic citizen: the ID number is the standard's published example, no real person's.
SimulatedIdCard sample_card() {
    SimulatedIdCard card;
    card.fields.name = "李示例";
    card.fields.sex_code = "2";
    card.fields.nation_code = "01";
    card.fields.birth_date = "19491231";
    card.fields.address = "北京市东城区示例路1号";
    card.fields.id_number = "11010519491231002X";
    card.fields.issuing_authority = "北京市公安局东城分局";
    card.fields.valid_from = "20200101";
    card.fields.valid_until = "长期";
    return card;
}

}  // namespace

int main(int argc, char** argv) {
    hk::drivers::ga467::Ga467SamSimulator::Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--link" && i + 1 < argc) {
            options.link = argv[++i];
        } else {
            std::fprintf(stderr, "usage: ga467-sim [--link PATH]\n");
            return 2;
        }
    }
    auto simulator = hk::drivers::ga467::Ga467SamSimulator::start(options);
    if (!simulator) {
        std::fprintf(stderr, "ga467-sim: %s\n", simulator.error().c_str());
        return 1;
    }
    auto& sim = **simulator;
    std::printf("%s\n", sim.device_path().c_str());
    std::fflush(stdout);

    std::string line;
    while (std::getline(std::cin, line)) {
        if (line == "place") {
            sim.place_card(sample_card());
        } else if (line == "remove") {
            sim.remove_card();
        } else if (line == "unplug") {
            sim.unplug();
        } else if (line == "replug") {
            if (auto plugged = sim.replug(); !plugged)
                std::fprintf(stderr, "ga467-sim: %s\n", plugged.error().c_str());
            std::printf("%s\n", sim.device_path().c_str());
        } else if (line == "bad-checksum") {
            sim.corrupt_next_checksum();
        } else if (line.starts_with("late ")) {
            sim.delay_next_answer(std::chrono::milliseconds(std::stoi(line.substr(5))));
        } else if (line == "quit") {
            break;
        } else if (!line.empty()) {
            std::fprintf(stderr, "ga467-sim: unknown command\n");
        }
        std::fflush(stdout);
    }
    return 0;
}
