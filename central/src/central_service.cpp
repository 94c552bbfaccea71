#include "central_service.h"

#include <ctime>

#include "json_codec.h"

namespace hk::central {
namespace {

std::string format_time(const char* format, bool utc) {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    if (utc) {
        gmtime_r(&now, &parts);
    } else {
        localtime_r(&now, &parts);
    }
    char text[32];
    std::strftime(text, sizeof text, format, &parts);
    return text;
}

}  // namespace

ServiceClock system_clock(std::string fixed_date) {
    ServiceClock clock;
    if (fixed_date.empty()) {
        clock.today = [] { return format_time("%Y-%m-%d", false); };
    } else {
        clock.today = [date = std::move(fixed_date)] { return date; };
    }
    clock.now_utc = [] { return format_time("%Y-%m-%dT%H:%M:%SZ", true); };
    return clock;
}

CentralService::CentralService(Store& store, const Catalogue& catalogue, const ProofSigner& signer,
                               ServiceClock clock)
    : store_(store), catalogue_(catalogue), signer_(signer), clock_(std::move(clock)), ledger_(store) {}

std::optional<Person> CentralService::find_person(const Transaction& tx, const Identity& identity) {
    if (identity.source == IdentitySource::PassportChip) {
        if (auto person = store_.person_by_passport(tx, identity.document_number)) return person;
    }
    if (identity.id_number.empty()) return std::nullopt;
    return store_.person_by_id_number(tx, identity.id_number);
}

std::optional<Station> CentralService::referral_station(const Transaction& tx,
                                                        const std::optional<Person>& person) {
    if (person) {
        if (auto station = store_.station(tx, person->station)) return station;
    }
    std::optional<HandlingPoint> nearest;
    for (const HandlingPoint& point : store_.handling_points_least_busy_first(tx)) {
        if (!nearest || point.distance_km < nearest->distance_km) nearest = point;
    }
    if (!nearest) return std::nullopt;
    return Station{"", nearest->name, nearest->address, "", ""};
}

}  // namespace hk::central
