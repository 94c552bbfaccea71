#include "chip_command.h"

#include <nlohmann/json.hpp>

#include <ostream>

#include "drivers/icao9303/bac.h"
#include "drivers/icao9303/document_reader.h"

namespace hk::kiosk::ctl {
namespace {

using drivers::CheckOutcome;
using drivers::ChipAccessKey;
using drivers::PersonalString;
namespace icao = drivers::icao9303;

std::string_view error_name(icao::DocumentReadError::Kind kind) {
    switch (kind) {
        case icao::DocumentReadError::Kind::AccessDenied:
            return "access_denied";
        case icao::DocumentReadError::Kind::CardRemoved:
            return "card_removed";
        case icao::DocumentReadError::Kind::ReaderGone:
            return "reader_gone";
        case icao::DocumentReadError::Kind::Timeout:
            return "timeout";
        case icao::DocumentReadError::Kind::Unreadable:
            return "unreadable";
    }
    return "unknown";
}

bool digit_holds(std::string_view field, char check) {
    const auto computed = icao::mrz_check_digit(field);
    return computed && *computed == check;
}

}  // namespace

std::optional<ChipAccessKey> access_key_from_mrz(std::string_view text) {
    std::string mrz;
    for (const char c : text) {
        if (c != ' ' && c != '\n' && c != '\r') mrz.push_back(c);
    }
    // TD3 and TD2 line 2 start with the document number; TD1 has it on line 1 (5-14) and the dates on line 2.
    std::string_view number;
    std::string_view dates;
    char number_check = 0;
    if (mrz.size() == 44 || mrz.size() == 36) {
        number = std::string_view(mrz).substr(0, 9);
        number_check = mrz[9];
        dates = std::string_view(mrz).substr(13);
    } else if (mrz.size() == 60) {
        number = std::string_view(mrz).substr(5, 9);
        number_check = mrz[14];
        dates = std::string_view(mrz).substr(30);
    } else {
        return std::nullopt;
    }
    const std::string_view birth = dates.substr(0, 6);
    const std::string_view expiry = dates.substr(8, 6);
    if (!digit_holds(number, number_check) || !digit_holds(birth, dates[6]) ||
        !digit_holds(expiry, dates[14])) {
        return std::nullopt;
    }
    return ChipAccessKey{PersonalString(number), PersonalString(birth), PersonalString(expiry)};
}

int run_chip_read(const ChipReadOptions& options, std::ostream& out, std::ostream& err) {
    auto port = icao::open_contactless_port(options.reader);
    if (!port) {
        err << "kioskctl chip read: " << port.error() << "\n";
        return 2;
    }
    return run_chip_read(options, **port, out, err);
}

int run_chip_read(const ChipReadOptions& options, icao::ContactlessPort& port, std::ostream& out,
                  std::ostream& err) {
    icao::ChipCredentials credentials;
    if (!options.mrz.empty()) {
        credentials.mrz = access_key_from_mrz(options.mrz);
        if (!credentials.mrz) {
            err << "kioskctl chip read: --mrz is not a TD3/TD2 line 2 or TD1 lines 1+2 with valid check "
                   "digits\n";
            return 2;
        }
    }
    if (!options.can.empty()) credentials.can = PersonalString(options.can);
    if (!credentials.mrz && !credentials.can) {
        err << "kioskctl chip read: give --mrz or --can\n";
        return 2;
    }

    auto present = port.wait_for_card(options.wait);
    if (!present) {
        err << "kioskctl chip read: " << port.describe() << ": " << present.error().detail << "\n";
        return 1;
    }
    if (!*present) {
        err << "kioskctl chip read: no card on " << port.describe() << " within "
            << static_cast<double>(options.wait.count()) / 1000.0 << " s\n";
        return 1;
    }
    auto channel = port.connect();
    if (!channel) {
        err << "kioskctl chip read: " << channel.error().detail << "\n";
        return 1;
    }
    icao::DocumentReadOptions read_options;
    read_options.trust_store = options.trust_store;
    read_options.read_face = !options.skip_face;
    icao::SystemRandom random;
    icao::DocumentReadReport report;
    auto document = icao::read_chip_document(**channel, credentials, read_options, random, &report);

    nlohmann::json facts;
    facts["reader"] = port.describe();
    facts["access"] = report.access;
    if (!report.pace_fallback_reason.empty()) facts["pace_fallback"] = report.pace_fallback_reason;
    facts["apdus"] = report.exchanged.apdus;
    facts["bytes_sent"] = report.exchanged.bytes_sent;
    facts["bytes_received"] = report.exchanged.bytes_received;
    facts["read_size"] = report.read_size;
    facts["length_fallbacks"] = report.length_fallbacks;
    facts["files"] = report.files;
    facts["checks"] = report.checks;
    if (!document) {
        facts["result"] = "failed";
        facts["error"] = error_name(document.error().kind);
        facts["detail"] = document.error().detail;
    } else {
        facts["result"] = "read";
        facts["document"] = {
            {"type", document->document_type.reveal()},
            {"issuing_state", document->issuing_state.reveal()},
            {"surname", document->surname.reveal()},
            {"given_names", document->given_names.reveal()},
            {"number", document->document_number.reveal()},
            {"nationality", document->nationality.reveal()},
            {"birth", document->birth_date.reveal()},
            {"sex", document->sex.reveal()},
            {"expiry", document->expiry_date.reveal()},
            {"personal_number", document->personal_number.reveal()},
            {"face_bytes", document->face_image.size()},
        };
        facts["passive_authentication"] = to_string(document->authentication.passive);
        facts["clone_detection"] = to_string(document->authentication.active_or_chip);
        if (!document->authentication.reason.empty()) facts["check_reason"] = document->authentication.reason;
        document->wipe();
    }
    if (options.json) {
        out << facts.dump() << "\n";
    } else {
        for (const auto& [key, value] : facts.items()) {
            if (value.is_array()) {
                out << key << ":\n";
                for (const auto& line : value) out << "  " << line.get<std::string>() << "\n";
            } else if (value.is_object()) {
                out << key << ":\n";
                for (const auto& [field, text] : value.items()) {
                    out << "  " << field << ": " << (text.is_string() ? text.get<std::string>() : text.dump())
                        << "\n";
                }
            } else {
                out << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
            }
        }
    }
    return document ? 0 : 1;
}

}  // namespace hk::kiosk::ctl
