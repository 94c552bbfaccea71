#include "simulation.h"

#include "drivers/sim/plain_contactless_card.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>

#include "drivers/sim/icao_test_card.h"
#include "ops/events/log_event.h"
#include "scanner/mrz.h"
#include "scanner/sim/camera_scene.h"
#include "scanner/sim/page_gen.h"

namespace hk::kiosk::sim {
namespace {

constexpr std::string_view kRegisterPage = "household register page";

// "household register page" or "household register page 4": the person whose page it is (the first when no
// number is given); nullopt for any other document, or a person the world does not have.
std::optional<std::size_t> register_page_person(std::string_view label, std::size_t people) {
    if (!label.starts_with(kRegisterPage)) return std::nullopt;
    std::string_view rest = label.substr(kRegisterPage.size());
    while (rest.starts_with(' ')) rest.remove_prefix(1);
    std::size_t person = 0;
    if (!rest.empty()) {
        if (rest.size() > 3 || !std::ranges::all_of(rest, [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        person = static_cast<std::size_t>(std::stoi(std::string(rest)));
    }
    if (person >= people) return std::nullopt;
    return person;
}

// The person's page of the household register (常住人口登记卡) as printed, at 300 dpi, so the kiosk's page
// reader reads it as it would a real one: the same labels the template looks for.
scanner::Image register_page_of(const WorldPerson& person) {
    const std::string& birth = person.birth;  // YYYYMMDD
    const std::string born =
        birth.size() == 8 ? birth.substr(0, 4) + "年" + birth.substr(4, 2) + "月" + birth.substr(6, 2) + "日"
                          : birth;
    return scanner::sim::render_register_card({person.name, person.relation, person.ethnicity, born,
                                               person.id_number, person.address, "2015年09月01日"})
        .image;
}

using drivers::PersonalString;

std::string pad(std::string text, std::size_t length) {
    text.resize(length, '<');
    return text;
}

std::string check(const std::string& field) {
    return std::to_string(scanner::mrz_check_digit(field));
}

std::string yymmdd(const std::string& yyyymmdd) {
    return yyyymmdd.size() == 8 ? yyyymmdd.substr(2) : yyyymmdd;
}

}  // namespace

std::vector<std::string> passport_mrz(const WorldPerson& person) {
    const WorldPassport& p = *person.passport;
    const std::string line1 = pad("P<CHN" + p.surname + "<<" + p.given_names, 44);
    const std::string number = pad(p.document_number, 9);
    const std::string birth = yymmdd(person.birth);
    const std::string expiry = yymmdd(p.expiry);
    const std::string sex = person.sex == "女" ? "F" : "M";
    const std::string optional = pad("", 14);
    const std::string composite_source =
        number + check(number) + birth + check(birth) + expiry + check(expiry) + optional + check(optional);
    std::string line2 = number + check(number) + "CHN" + birth + check(birth) + sex + expiry + check(expiry) +
                        optional + check(optional);
    line2 += check(composite_source);
    return {line1, line2};
}

drivers::ResidentIdCard resident_id_card(const WorldPerson& person) {
    drivers::ResidentIdCard card;
    card.name = PersonalString(person.name);
    card.sex = PersonalString(person.sex);
    card.ethnicity = PersonalString(person.ethnicity);
    card.birth_date = PersonalString(person.birth);
    card.address = PersonalString(person.address);
    card.id_number = PersonalString(person.id_number);
    card.issuing_authority = PersonalString("公安局");
    card.valid_from = PersonalString("20200101");
    card.valid_until = PersonalString("20400101");
    return card;
}

drivers::ChipDocument passport_chip(const WorldPerson& person) {
    const WorldPassport& p = *person.passport;
    drivers::ChipDocument chip;
    chip.document_type = PersonalString("P");
    chip.issuing_state = PersonalString("CHN");
    chip.surname = PersonalString(p.surname);
    chip.given_names = PersonalString(p.given_names);
    chip.document_number = PersonalString(p.document_number);
    chip.nationality = PersonalString("CHN");
    chip.birth_date = PersonalString(yymmdd(person.birth));
    chip.sex = PersonalString(person.sex == "女" ? "F" : "M");
    chip.expiry_date = PersonalString(yymmdd(p.expiry));
    chip.authentication.passive = drivers::CheckOutcome::Passed;
    chip.authentication.active_or_chip = drivers::CheckOutcome::Passed;
    return chip;
}

std::expected<drivers::icao9303::testdoc::TestDocument, std::string> passport_document(
    const WorldPerson& person) {
    const WorldPassport& p = *person.passport;
    drivers::icao9303::testdoc::TestDocumentOptions options;
    options.mrz.issuing_state = "CHN";
    options.mrz.nationality = "CHN";
    options.mrz.surname = p.surname;
    options.mrz.given_names = p.given_names;
    options.mrz.document_number = p.document_number;
    options.mrz.birth_date = yymmdd(person.birth);
    options.mrz.sex = person.sex == "女" ? "F" : "M";
    options.mrz.expiry_date = yymmdd(p.expiry);
    options.mrz.optional_data.clear();  // as passport_mrz() prints it
    return drivers::icao9303::testdoc::make_test_document(options);
}

std::optional<drivers::FaultKind> fault_kind_from_string(std::string_view name) {
    for (int value = 1; value <= 11; ++value) {
        const auto kind = static_cast<drivers::FaultKind>(value);
        if (drivers::to_string(kind) == name) return kind;
    }
    return std::nullopt;
}

namespace {

std::filesystem::path csca_dir_for(const SimulationOptions& options) {
    if (!options.csca_dir.empty()) return options.csca_dir;
    // Beside what the simulated printers print, so a killed kiosk leaves nothing in the temp dir.
    if (!options.output_dir.empty()) return options.output_dir / "sim-csca";
    static std::atomic<int> simulations{0};
    return std::filesystem::temp_directory_path() /
           ("hukiosk-sim-csca-" + std::to_string(getpid()) + "-" + std::to_string(simulations++));
}

drivers::icao9303::DocumentReadOptions chip_read_options(const std::filesystem::path& csca_dir) {
    // The simulated passports chain to the test CSCA: write it where passive authentication looks.
    auto written = drivers::icao9303::testdoc::write_trust_file(
        csca_dir, drivers::icao9303::testdoc::TrustFileFormat::Pem);
    if (!written)
        ops::log_event(ops::EventId::SimulationFault, "simulated CSCA not written to {}: {}",
                       csca_dir.string(), written.error());
    drivers::icao9303::DocumentReadOptions options;
    options.trust_store = csca_dir;
    return options;
}

}  // namespace

Simulation::Simulation(const World& world, const SimulationOptions& options)
    : csca_dir_(csca_dir_for(options)),
      remove_csca_dir_(options.csca_dir.empty() && options.output_dir.empty()),
      chip_reader(chip_port, chip_read_options(csca_dir_)),
      a4_printer(options.output_dir, options.a4_sheets),
      receipt_printer(options.output_dir, options.receipt_paper_mm),
      central(world),
      world_(world),
      documents_under_camera_(options.documents_under_camera) {}

Simulation::~Simulation() {
    if (remove_csca_dir_) {
        std::error_code ignored;
        std::filesystem::remove_all(csca_dir_, ignored);
    }
}

bool Simulation::present_resident_id(std::size_t person) {
    if (person >= world_.people.size() || !world_.people[person].has_card) return false;
    id_reader.present(resident_id_card(world_.people[person]));
    return true;
}

bool Simulation::present_passport(std::size_t person) {
    if (person >= world_.people.size() || !world_.people[person].passport) return false;
    const WorldPerson& holder = world_.people[person];
    scanner::sim::SimulatedDocument page{"passport photo page", scanner::sim::synthetic_page(1250, 880, 7),
                                         passport_mrz(holder)};
    scanner.place(std::move(page));
    auto document = passport_document(holder);
    if (!document) {
        ops::log_event(ops::EventId::SimulationFault, "simulated passport chip: {}", document.error());
        return false;
    }
    chip_port.present(drivers::sim::make_test_card(*document));
    return true;
}

bool Simulation::present_technician_card(std::string_view uid_hex) {
    const auto uid = drivers::iso7816::from_hex(uid_hex);
    if (!uid || uid->empty() || uid->size() > 10) return false;
    chip_port.present(std::make_shared<drivers::sim::PlainContactlessCard>(*uid));
    return true;
}

void Simulation::place_document(const std::string& label) {
    ++documents_placed_;
    const auto person = register_page_person(label, world_.people.size());
    scanner::Image page = person ? register_page_of(world_.people[*person])
                                 : scanner::sim::synthetic_page(2480, 3508, documents_placed_);
    // A 2-megapixel document camera, as many overhead cameras over service counters are.
    if (documents_under_camera_) camera.show(scanner::sim::laying_down_frames(page, 1600, 1200));
    scanner.place({label, std::move(page), {}});
}

void Simulation::take_everything_away() {
    id_reader.remove();
    chip_port.remove();
    scanner.clear();
    camera.take_away();
}

drivers::sim::FaultInjector* Simulation::faults_of(std::string_view device) {
    const auto kind = drivers::device_kind_from_string(device);
    if (!kind) return nullptr;
    switch (*kind) {
        case drivers::DeviceKind::ResidentIdReader:
            return &id_reader.faults();
        case drivers::DeviceKind::ChipReader:
            return &chip_port.faults();
        case drivers::DeviceKind::DocumentScanner:
            return &scanner.faults();
        case drivers::DeviceKind::Camera:
            return &camera.faults();
        case drivers::DeviceKind::A4Printer:
            return &a4_printer.faults();
        case drivers::DeviceKind::ReceiptPrinter:
            return &receipt_printer.faults();
    }
    return nullptr;
}

bool Simulation::fail_next(std::string_view device, std::string_view fault) {
    auto* faults = faults_of(device);
    const auto kind = fault_kind_from_string(fault);
    if (faults == nullptr || !kind) return false;
    faults->fail_next(*kind);
    return true;
}

bool Simulation::set_unplugged(std::string_view device, bool unplugged) {
    auto* faults = faults_of(device);
    if (faults == nullptr) return false;
    faults->set_unplugged(unplugged);
    return true;
}

}  // namespace hk::kiosk::sim
