#include "update/simulated_slots.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace hk::update {
namespace {

using nlohmann::json;

json load(const std::filesystem::path& file, const std::string& initial_version) {
    std::ifstream in(file);
    if (!in) {
        return {{"booted", "rootfs.0"}, {"next", "rootfs.0"}, {"versions", {{"rootfs.0", initial_version}}},
                {"mark", ""},           {"fail", ""},         {"installs", 0}};
    }
    return json::parse(in);
}

void store(const std::filesystem::path& file, const json& state) {
    const auto temporary = std::filesystem::path(file).concat(".tmp");
    std::ofstream(temporary) << state.dump();
    std::filesystem::rename(temporary, file);
}

}  // namespace

SimulatedSlots::SimulatedSlots(std::filesystem::path state_file, BundleInspector& inspector,
                               std::string initial_version)
    : file_(std::move(state_file)), inspector_(inspector), initial_version_(std::move(initial_version)) {}

std::expected<void, std::string> SimulatedSlots::install(
    const std::filesystem::path& bundle, const std::function<void(const InstallProgress&)>& progress) {
    json state = load(file_, initial_version_);
    state["installs"] = state["installs"].get<int>() + 1;
    if (!state["fail"].get<std::string>().empty()) {
        store(file_, state);
        return std::unexpected(state["fail"].get<std::string>());
    }
    const std::string other = state["booted"] == "rootfs.0" ? "rootfs.1" : "rootfs.0";
    // RAUC reads the manifest of the bundle it installs; so does this stand-in, through the same inspector.
    auto facts = inspector_.inspect(bundle);
    if (!facts) {
        store(file_, state);
        return std::unexpected("bundle refused: " + facts.error().detail);
    }
    progress({.percent = 50, .message = "Copying image to " + other});
    state["versions"][other] = facts->version;
    state["next"] = other;
    store(file_, state);
    progress({.percent = 100, .message = "Installing done."});
    return {};
}

std::expected<void, std::string> SimulatedSlots::mark_booted(SlotHealth health) {
    json state = load(file_, initial_version_);
    state["mark"] = health == SlotHealth::Good ? "good" : "bad";
    if (health == SlotHealth::Bad) state["next"] = state["booted"] == "rootfs.0" ? "rootfs.1" : "rootfs.0";
    store(file_, state);
    return {};
}

std::expected<std::string, std::string> SimulatedSlots::booted_slot() {
    return load(file_, initial_version_)["booted"].get<std::string>();
}

void SimulatedSlots::reboot(bool new_slot_boots) {
    json state = load(file_, initial_version_);
    state["boots"] = state.value("boots", 0) + 1;
    if (new_slot_boots) {
        state["booted"] = state["next"];
    } else {
        state["next"] = state["booted"];  // the boot counter ran out: back to the old slot
    }
    store(file_, state);
}

void SimulatedSlots::fail_installs(const std::string& error) {
    json state = load(file_, initial_version_);
    state["fail"] = error;
    store(file_, state);
}

std::string SimulatedSlots::installed_version() const {
    json state = load(file_, initial_version_);
    return state["versions"].value(state["booted"].get<std::string>(), std::string());
}

std::string SimulatedSlots::last_mark() const {
    return load(file_, initial_version_)["mark"].get<std::string>();
}

std::string SimulatedSlots::boot_id() const {
    return "boot-" + std::to_string(load(file_, initial_version_).value("boots", 0));
}

int SimulatedSlots::installs() const {
    return load(file_, initial_version_)["installs"].get<int>();
}

}  // namespace hk::update
