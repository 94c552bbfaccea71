// Request bodies of the central protocol (central/openapi.yaml), built from the kiosk's types. Bodies carry
// revealed personal data: they live in RequestBody, which overwrites its buffer when destroyed.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "kiosk/central_service.h"

namespace hk::kiosk::central {

// Protocol limit on POST /v1/applications bodies.
inline constexpr std::size_t kMaxApplicationBodyBytes = 32U << 20;

// JSON text that is wiped (zeros over the whole buffer) when destroyed. Move-only, so it is never copied
// around.
class RequestBody {
  public:
    RequestBody() = default;
    explicit RequestBody(std::string text) : text_(std::move(text)) {}
    RequestBody(RequestBody&& other) noexcept;
    RequestBody& operator=(RequestBody&& other) noexcept;
    RequestBody(const RequestBody&) = delete;
    RequestBody& operator=(const RequestBody&) = delete;
    ~RequestBody();

    [[nodiscard]] std::string_view text() const { return text_; }

  private:
    void wipe() noexcept;
    std::string text_;
};

RequestBody eligibility_body(const VerifiedIdentity& subject, const std::string& service_id);
RequestBody certificate_body(const CertificateRequest& request);

// The application with its attachments base64-encoded. Refused (CentralError{Rejected}) without building
// anything when a page has a type the protocol does not accept or the body would exceed 32 MiB.
std::expected<RequestBody, CentralError> application_body(const ApplicationRequest& request);

}  // namespace hk::kiosk::central
