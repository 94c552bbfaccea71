// The service catalogue (kiosk/src/catalogue_default.json, compiled in): served unchanged as GET
// /v1/catalogue, and read here for what the server needs to decide: each service's kind, whether an agent may
// act, whether kiosks may do it at all, and how long an application takes.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace hk::central {

enum class ServiceKind : std::uint8_t { Certificate, Application, StatusInquiry, HandlingPoints, Other };

struct CatalogueService {
    std::string id;
    ServiceKind kind = ServiceKind::Other;
    int expected_working_days = 0;
    bool allows_agent = true;
    bool available_here = true;
};

class Catalogue {
  public:
    static std::expected<Catalogue, std::string> parse(std::string_view json_text);

    [[nodiscard]] const CatalogueService* find(std::string_view service_id) const;
    // The catalogue exactly as configured, for GET /v1/catalogue.
    [[nodiscard]] const std::string& text() const { return text_; }
    [[nodiscard]] const std::vector<CatalogueService>& services() const { return services_; }

  private:
    std::string text_;
    std::vector<CatalogueService> services_;
};

}  // namespace hk::central
