#include "sim_keys.h"

namespace hk::kiosk {

std::string SimulationKeys::press(std::string_view key) {
    const auto& people = simulation_.world().people;
    if (people.empty()) return {};
    if (key == "F1") {
        for (std::size_t tries = 0; tries < people.size(); ++tries) {
            const std::size_t person = next_card_++ % people.size();
            if (simulation_.present_resident_id(person)) return "present id_card " + std::to_string(person);
        }
    } else if (key == "F2") {
        for (std::size_t tries = 0; tries < people.size(); ++tries) {
            const std::size_t person = next_passport_++ % people.size();
            if (simulation_.present_passport(person)) return "present passport " + std::to_string(person);
        }
    } else if (key == "F3") {
        simulation_.place_document("document");
        return "place document";
    } else if (key == "F4") {
        simulation_.take_everything_away();
        return "remove";
    } else if (key == "F5") {
        simulation_.fail_next("a4_printer", "paper_jam");
        return "fail a4_printer paper_jam";
    } else if (key == "F6") {
        a4_unplugged_ = !a4_unplugged_;
        simulation_.set_unplugged("a4_printer", a4_unplugged_);
        return a4_unplugged_ ? "unplug a4_printer" : "replug a4_printer";
    } else if (key == "F7") {
        simulation_.central.fail_next(CentralErrorKind::Unreachable);
        return "central_fail unreachable";
    }
    return {};
}

}  // namespace hk::kiosk
