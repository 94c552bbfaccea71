// Everything `--simulate` puts behind the device and central-service interfaces: the simulated devices, the
// world their documents come from, and the actions a script, a test or the demo's keys use to play the
// citizen (present a card, lay a passport on the scanner) or the fault (unplug the printer, run out of
// paper).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "drivers/sim/simulated_card_readers.h"
#include "printer/sim/simulated_printers.h"
#include "scanner/sim/simulated_scanner.h"
#include "simulated_central.h"
#include "world.h"

namespace hk::kiosk::sim {

struct SimulationOptions {
    std::filesystem::path output_dir;  // where printed certificates and receipts land; empty: nowhere
    int a4_sheets = 250;
    int receipt_paper_mm = 30'000;
};

class Simulation {
  public:
    Simulation(const World& world, const SimulationOptions& options);

    const World& world() const { return world_; }

    // Citizen actions. `person` indexes world().people; false when that person has no such document.
    bool present_resident_id(std::size_t person);
    bool present_passport(std::size_t person);  // photo page on the scanner and the chip on the reader
    void place_document(const std::string& label);
    void take_everything_away();

    // Fault actions by device name ("a4_printer") and fault name ("paper_jam"); false when a name is unknown.
    bool fail_next(std::string_view device, std::string_view fault);
    bool set_unplugged(std::string_view device, bool unplugged);
    drivers::sim::FaultInjector* faults_of(std::string_view device);

    drivers::sim::SimulatedResidentIdReader id_reader;
    drivers::sim::SimulatedChipReader chip_reader;
    scanner::sim::SimulatedScanner scanner;
    scanner::sim::SimulatedMrzReader mrz_reader{scanner};
    scanner::sim::SimulatedCamera camera;
    printer::sim::SimulatedA4Printer a4_printer;
    printer::sim::SimulatedReceiptPrinter receipt_printer;
    SimulatedCentral central;

  private:
    const World& world_;
    unsigned documents_placed_ = 0;
};

// The printed MRZ (TD3) of a simulated passport, with valid check digits.
std::vector<std::string> passport_mrz(const WorldPerson& person);
drivers::ResidentIdCard resident_id_card(const WorldPerson& person);
drivers::ChipDocument passport_chip(const WorldPerson& person);
std::optional<drivers::FaultKind> fault_kind_from_string(std::string_view name);

}  // namespace hk::kiosk::sim
