// The journal's own JSON for what it seals: requests and results as the kiosk holds them (not the wire
// format, which belongs to the central client and may change with the protocol).
#pragma once

#include <optional>
#include <string>

#include "kiosk/central_service.h"

namespace hk::kiosk::records {

std::string to_json(const CertificateRequest& request);
std::string to_json(const ApplicationRequest& request);
std::string to_json(const IssuedCertificate& certificate);
std::string to_json(const ApplicationReceipt& receipt);

std::optional<CertificateRequest> certificate_request(const std::string& json);
std::optional<ApplicationRequest> application_request(const std::string& json);
std::optional<IssuedCertificate> certificate(const std::string& json);
std::optional<ApplicationReceipt> receipt(const std::string& json);

}  // namespace hk::kiosk::records
