// The service catalogue: what the kiosk offers, what each service needs, in every language. It is data pushed
// by provincial IT (a JSON file), with the defaults built in so the kiosk starts with no configuration at
// all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/language.h"

namespace hk::kiosk {

enum class ServiceKind : std::uint8_t {
    Certificate,     // issued on the spot
    Application,     // filed with scanned documents, answered later with a tracking number
    StatusInquiry,   // progress of an application, by tracking number
    HandlingPoints,  // nearest, least busy handling points
    Reprint,  // a certificate issued here but not printed (printer fault), kept in the journal for its holder
};
std::string_view to_string(ServiceKind kind);

struct Service {
    std::string id;  // stable: "proof_of_family_relationship"
    ServiceKind kind = ServiceKind::Certificate;
    LocalisedText name;
    std::vector<LocalisedText> what_to_bring;      // the one-time notification form
    std::vector<LocalisedText> documents_to_scan;  // applications: one page each, in order
    bool available_here = true;                    // false: the kiosk only explains and refers to a station
    bool allows_agent = true;                      // may someone act on the citizen's behalf
    int expected_working_days = 0;

    [[nodiscard]] bool needs_identity() const {
        return kind == ServiceKind::Certificate || kind == ServiceKind::Application ||
               kind == ServiceKind::Reprint;
    }
};

struct Catalogue {
    std::vector<Service> services;

    [[nodiscard]] const Service* find(std::string_view id) const;
};

// A catalogue longer than one screen (a province may push dozens of services) is shown a page at a time: all
// of it when it fits the screen's grid with the back and cancel buttons, else pages of kServicesPerPage with
// buttons to turn them. Large text has two buttons a row instead of three: fewer services a screen, so that
// the labels keep their large size instead of shrinking to fit: at most 8 buttons (6 services and back and
// cancel, or 4 and the two page turns).
inline constexpr std::size_t kServicesOnOneScreen = 16;
inline constexpr std::size_t kServicesPerPage = 14;  // and previous, next, back, cancel
inline constexpr std::size_t kLargeTextServicesOnOneScreen = 6;
inline constexpr std::size_t kLargeTextServicesPerPage = 4;

struct CataloguePage {
    std::size_t first = 0;  // index of the page's first service
    std::size_t count = 0;
    std::size_t page = 0;  // which page this is (0-based)
    std::size_t pages = 1;
};
// The page `page` (clamped to the last) of a catalogue of `services`, as the text size lays it out.
CataloguePage catalogue_page(std::size_t services, std::size_t page, bool large_text = false);

// A catalogue of more than kGroupedAbove services opens with one button per kind that has several services
// ("Certificates", "Applications and relocation") beside the services that are alone of their kind, so the
// citizen chooses among a few large buttons twice rather than among many small ones whose long names are cut.
inline constexpr std::size_t kGroupedAbove = 8;
// One button of the catalogue's first screen: a kind's group, or a service alone of its kind.
struct CatalogueChoice {
    ServiceKind kind = ServiceKind::Certificate;
    const Service* service = nullptr;  // null: the group of every service of `kind`
};
// The first screen's choices, in the order the kinds and services first appear in the catalogue; empty when
// the catalogue is short enough to show every service at once.
std::vector<CatalogueChoice> catalogue_groups(const Catalogue& catalogue);
// The services of one kind, in catalogue order.
std::vector<const Service*> services_of_kind(const Catalogue& catalogue, ServiceKind kind);
std::expected<ServiceKind, std::string> service_kind_from_string(std::string_view text);

// Parses and validates a catalogue document; the error says which entry is wrong and why.
std::expected<Catalogue, std::string> parse_catalogue(std::string_view json);
std::expected<Catalogue, std::string> load_catalogue(const std::filesystem::path& file);
// The catalogue built into the kiosk.
const Catalogue& default_catalogue();
std::string_view default_catalogue_json();

}  // namespace hk::kiosk
