#include "idcard_command.h"

#include <nlohmann/json.hpp>

#include <ostream>

#include "drivers/ga467/ga467_reader.h"

namespace hk::kiosk::ctl {

int run_idcard_read(const IdCardReadOptions& options, std::ostream& out, std::ostream& err) {
    auto reader = drivers::ga467::Ga467ResidentIdReader::create(options.reader);
    if (!reader) {
        err << "kioskctl idcard read: " << reader.error().detail << "\n";
        return 2;
    }
    return run_idcard_read(options, **reader, out, err);
}

int run_idcard_read(const IdCardReadOptions& options, drivers::ResidentIdReader& reader, std::ostream& out,
                    std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    auto card = reader.read_card(options.wait);
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!card) {
        err << "kioskctl idcard read: " << drivers::fault_code(card.error()) << " "
            << drivers::to_string(card.error().kind) << ": " << card.error().detail << "\n";
        return 1;
    }
    if (!*card) {
        err << "kioskctl idcard read: no card on " << options.reader << " within "
            << static_cast<double>(options.wait.count()) / 1000.0 << " s\n";
        return 1;
    }
    drivers::ResidentIdCard& read = **card;
    const bool number_valid = drivers::is_valid_resident_id_number(read.id_number.reveal());
    nlohmann::json facts = {
        {"reader", options.reader},
        {"result", "read"},
        {"milliseconds", took.count()},
        {"card",
         {{"name", read.name.reveal()},
          {"sex", read.sex.reveal()},
          {"ethnicity", read.ethnicity.reveal()},
          {"birth", read.birth_date.reveal()},
          {"address", read.address.reveal()},
          {"id_number", read.id_number.reveal()},
          {"issuing_authority", read.issuing_authority.reveal()},
          {"valid_from", read.valid_from.reveal()},
          {"valid_until", read.valid_until.reveal()},
          {"photo_bytes", read.photo_wlt.size()},
          {"fingerprint_bytes", read.fingerprints ? read.fingerprints->size() : 0}}},
        {"id_number_checksum", number_valid ? "valid" : "invalid"},
    };
    read.wipe();
    if (options.json) {
        out << facts.dump() << "\n";
    } else {
        out << "reader: " << options.reader << "\nread in " << took.count() << " ms\n";
        for (const auto& [field, value] : facts["card"].items()) {
            out << "  " << field << ": " << (value.is_string() ? value.get<std::string>() : value.dump())
                << "\n";
        }
        out << "id number checksum: " << facts["id_number_checksum"].get<std::string>() << "\n";
    }
    return 0;
}

}  // namespace hk::kiosk::ctl
