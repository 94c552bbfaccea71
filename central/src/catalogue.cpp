#include "catalogue.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace hk::central {
namespace {

ServiceKind kind_of(std::string_view kind) {
    if (kind == "certificate") return ServiceKind::Certificate;
    if (kind == "application") return ServiceKind::Application;
    if (kind == "status_inquiry") return ServiceKind::StatusInquiry;
    if (kind == "handling_points") return ServiceKind::HandlingPoints;
    return ServiceKind::Other;
}

}  // namespace

std::expected<Catalogue, std::string> Catalogue::parse(std::string_view json_text) {
    const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::unexpected("catalogue is not a JSON object");
    const auto services = doc.find("services");
    if (services == doc.end() || !services->is_array())
        return std::unexpected("catalogue has no services array");
    Catalogue catalogue;
    catalogue.text_ = std::string(json_text);
    try {
        for (const nlohmann::json& node : *services) {
            CatalogueService service;
            service.id = node.at("id").get<std::string>();
            service.kind = kind_of(node.value("kind", ""));
            // Ten working days when the catalogue is silent: the longest of the relocations, never a promise
            // short.
            service.expected_working_days = node.value("expected_working_days", 10);
            service.allows_agent = node.value("allows_agent", true);
            service.available_here = node.value("available_here", true);
            catalogue.services_.push_back(std::move(service));
        }
    } catch (const nlohmann::json::exception& e) {
        return std::unexpected(std::string("catalogue: ") + e.what());
    }
    return catalogue;
}

const CatalogueService* Catalogue::find(std::string_view service_id) const {
    const auto it = std::find_if(services_.begin(), services_.end(),
                                 [&](const CatalogueService& service) { return service.id == service_id; });
    return it == services_.end() ? nullptr : &*it;
}

}  // namespace hk::central
