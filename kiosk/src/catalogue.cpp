#include "kiosk/catalogue.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "embedded_catalogue.h"

namespace hk::kiosk {
namespace {

using nlohmann::json;

std::expected<LocalisedText, std::string> parse_text(const json& node) {
    if (!node.is_object()) return std::unexpected("text must be an object with zh, en, ko");
    LocalisedText text;
    text.zh = node.value("zh", "");
    text.en = node.value("en", "");
    text.ko = node.value("ko", "");
    if (text.zh.empty() && text.en.empty()) return std::unexpected("text has neither zh nor en");
    return text;
}

std::expected<std::vector<LocalisedText>, std::string> parse_texts(const json& node, const char* key) {
    std::vector<LocalisedText> texts;
    if (!node.contains(key)) return texts;
    if (!node.at(key).is_array()) return std::unexpected(std::string(key) + " must be a list");
    for (const json& item : node.at(key)) {
        auto text = parse_text(item);
        if (!text) return std::unexpected(std::string(key) + ": " + text.error());
        texts.push_back(std::move(*text));
    }
    return texts;
}

std::expected<Service, std::string> parse_service(const json& node) {
    if (!node.is_object()) return std::unexpected("must be an object");
    Service service;
    if (!node.contains("id") || !node.at("id").is_string() || node.at("id").get<std::string>().empty()) {
        return std::unexpected("missing id");
    }
    service.id = node.at("id").get<std::string>();
    auto fail = [&service](const std::string& why) { return std::unexpected(service.id + ": " + why); };
    if (!node.contains("kind") || !node.at("kind").is_string()) return fail("missing kind");
    auto kind = service_kind_from_string(node.at("kind").get<std::string>());
    if (!kind) return fail(kind.error());
    service.kind = *kind;
    if (!node.contains("name")) return fail("missing name");
    auto name = parse_text(node.at("name"));
    if (!name) return fail("name: " + name.error());
    service.name = std::move(*name);
    auto bring = parse_texts(node, "what_to_bring");
    if (!bring) return fail(bring.error());
    service.what_to_bring = std::move(*bring);
    auto scan = parse_texts(node, "documents_to_scan");
    if (!scan) return fail(scan.error());
    service.documents_to_scan = std::move(*scan);
    if (service.kind != ServiceKind::Application && !service.documents_to_scan.empty()) {
        return fail("only applications take scanned documents");
    }
    try {
        service.available_here = node.value("available_here", true);
        service.allows_agent = node.value("allows_agent", true);
        service.expected_working_days = node.value("expected_working_days", 0);
    } catch (const json::exception& e) {
        return fail(std::string("wrong type: ") + e.what());
    }
    if (service.expected_working_days < 0) return fail("expected_working_days must not be negative");
    return service;
}

}  // namespace

std::string_view to_string(ServiceKind kind) {
    switch (kind) {
        case ServiceKind::Certificate:
            return "certificate";
        case ServiceKind::Application:
            return "application";
        case ServiceKind::StatusInquiry:
            return "status_inquiry";
        case ServiceKind::HandlingPoints:
            return "handling_points";
        case ServiceKind::Reprint:
            return "reprint";
    }
    return "?";
}

CataloguePage catalogue_page(std::size_t services, std::size_t page, bool large_text) {
    const std::size_t one_screen = large_text ? kLargeTextServicesOnOneScreen : kServicesOnOneScreen;
    const std::size_t per_page = large_text ? kLargeTextServicesPerPage : kServicesPerPage;
    if (services <= one_screen) return {0, services, 0, 1};
    const std::size_t pages = (services + per_page - 1) / per_page;
    const std::size_t shown = std::min(page, pages - 1);
    const std::size_t first = shown * per_page;
    return {first, std::min(per_page, services - first), shown, pages};
}

std::expected<ServiceKind, std::string> service_kind_from_string(std::string_view text) {
    if (text == "certificate") return ServiceKind::Certificate;
    if (text == "application") return ServiceKind::Application;
    if (text == "status_inquiry") return ServiceKind::StatusInquiry;
    if (text == "handling_points") return ServiceKind::HandlingPoints;
    if (text == "reprint") return ServiceKind::Reprint;
    return std::unexpected("unknown kind '" + std::string(text) + "'");
}

std::vector<const Service*> services_of_kind(const Catalogue& catalogue, ServiceKind kind) {
    std::vector<const Service*> found;
    for (const Service& service : catalogue.services) {
        if (service.kind == kind) found.push_back(&service);
    }
    return found;
}

std::vector<CatalogueChoice> catalogue_groups(const Catalogue& catalogue) {
    std::vector<CatalogueChoice> choices;
    if (catalogue.services.size() <= kGroupedAbove) return choices;
    // Counted once: the catalogue's view asks for its choices on every frame it is on screen.
    std::map<ServiceKind, std::size_t> per_kind;
    for (const Service& service : catalogue.services) ++per_kind[service.kind];
    for (const Service& service : catalogue.services) {
        if (per_kind[service.kind] == 1) {
            choices.push_back({service.kind, &service});
        } else if (std::ranges::none_of(choices, [&](const CatalogueChoice& c) {
                       return c.service == nullptr && c.kind == service.kind;
                   })) {
            choices.push_back({service.kind, nullptr});
        }
    }
    // One kind only: its group would be the whole catalogue again.
    if (choices.size() == 1) choices.clear();
    return choices;
}

const Service* Catalogue::find(std::string_view id) const {
    for (const Service& service : services) {
        if (service.id == id) return &service;
    }
    return nullptr;
}

std::expected<Catalogue, std::string> parse_catalogue(std::string_view text) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return std::unexpected("catalogue is not valid JSON");
    if (!doc.is_object() || !doc.contains("services") || !doc.at("services").is_array()) {
        return std::unexpected("catalogue needs a 'services' list");
    }
    Catalogue catalogue;
    std::set<std::string> ids;
    std::size_t index = 0;
    for (const json& node : doc.at("services")) {
        auto service = parse_service(node);
        if (!service) return std::unexpected("services[" + std::to_string(index) + "] " + service.error());
        if (!ids.insert(service->id).second) return std::unexpected("duplicate service id " + service->id);
        catalogue.services.push_back(std::move(*service));
        ++index;
    }
    if (catalogue.services.empty()) return std::unexpected("catalogue offers no service");
    return catalogue;
}

std::expected<Catalogue, std::string> load_catalogue(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::unexpected("cannot open " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    return parse_catalogue(text.str());
}

std::string_view default_catalogue_json() {
    return embedded::kDefaultCatalogueJson;
}

const Catalogue& default_catalogue() {
    // The built-in document is checked by the tests, so a failure here is a build defect, not a field fault.
    static const Catalogue catalogue = parse_catalogue(default_catalogue_json()).value();
    return catalogue;
}

}  // namespace hk::kiosk
