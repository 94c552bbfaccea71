// Everything `--simulate` puts behind the device and central-service interfaces: the simulated devices, the
// world their documents come from, and the actions a script, a test or the demo's keys use to play the
// citizen (present a card, lay a passport on the scanner) or the fault (unplug the printer, run out of
// paper).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "drivers/icao9303/icao_chip_reader.h"
#include "drivers/icao9303/test_document.h"
#include "drivers/sim/simulated_card_readers.h"
#include "drivers/sim/simulated_contactless_port.h"
#include "printer/sim/simulated_printers.h"
#include "scanner/sim/simulated_scanner.h"
#include "simulated_central.h"
#include "world.h"

namespace hk::kiosk::sim {

struct SimulationOptions {
    std::filesystem::path output_dir;  // where printed certificates and receipts land; empty: nowhere
    int a4_sheets = 250;
    int receipt_paper_mm = 30'000;
    // Where the simulated passports' CSCA certificate is written for passive authentication; empty:
    // `sim-csca` in output_dir, or without one a folder of this process under the system's temp dir, removed
    // again with the simulation.
    std::filesystem::path csca_dir{};
    // Documents placed are also laid under the overhead document camera (the frames of a hand putting the
    // page down), for a kiosk configured to photograph them (camera.for_documents).
    bool documents_under_camera = false;
};

class Simulation {
    // First, because the chip reader below is built with it.
    std::filesystem::path csca_dir_;
    bool remove_csca_dir_ = false;

  public:
    Simulation(const World& world, const SimulationOptions& options);

    const World& world() const { return world_; }

    // Citizen actions. `person` indexes world().people; false when that person has no such document.
    bool present_resident_id(std::size_t person);
    bool present_passport(std::size_t person);  // photo page on the scanner and the chip on the reader
    // A technician's access card on the chip reader, by its UID in hex; false when that is not hex.
    bool present_technician_card(std::string_view uid_hex);
    // A document on the scanner's glass (and under the camera, when the options say so): "household register
    // page [N]" is person N's register page, drawn with their entries for the page reader; anything else is a
    // synthetic page with nothing to read.
    void place_document(const std::string& label);
    void take_everything_away();

    // Fault actions by device name ("a4_printer") and fault name ("paper_jam"); false when a name is unknown.
    bool fail_next(std::string_view device, std::string_view fault);
    bool set_unplugged(std::string_view device, bool unplugged);
    drivers::sim::FaultInjector* faults_of(std::string_view device);

    drivers::sim::SimulatedResidentIdReader id_reader;
    // The passport chip is a real protocol peer: the ICAO card simulator, read by the same document reader
    // (PACE, secure messaging, passive and chip authentication) as a real reader's chips.
    drivers::sim::SimulatedContactlessPort chip_port;
    drivers::icao9303::IcaoChipReader chip_reader;
    scanner::sim::SimulatedScanner scanner;
    scanner::sim::SimulatedMrzReader mrz_reader{scanner};
    scanner::sim::SimulatedCamera camera;
    printer::sim::SimulatedA4Printer a4_printer;
    printer::sim::SimulatedReceiptPrinter receipt_printer;
    SimulatedCentral central;

    // The trust store the simulated chips' documents chain to.
    [[nodiscard]] const std::filesystem::path& csca_dir() const { return csca_dir_; }

    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

  private:
    const World& world_;
    bool documents_under_camera_ = false;
    unsigned documents_placed_ = 0;
};

// The printed MRZ (TD3) of a simulated passport, with valid check digits.
std::vector<std::string> passport_mrz(const WorldPerson& person);
drivers::ResidentIdCard resident_id_card(const WorldPerson& person);
// What the chip reader yields for a simulated passport (the engine's tests feed it as a ChipRead event).
drivers::ChipDocument passport_chip(const WorldPerson& person);
// The chip of a simulated passport: DG1 as the printed MRZ says, a face, DG11-15 and EF.SOD signed through
// the simulated CSCA.
std::expected<drivers::icao9303::testdoc::TestDocument, std::string> passport_document(
    const WorldPerson& person);
std::optional<drivers::FaultKind> fault_kind_from_string(std::string_view name);

}  // namespace hk::kiosk::sim
