// POST /v1/applications (file, exactly once per idempotency key) and GET /v1/applications/{tracking_number}.
#include <algorithm>

#include "central_service.h"

namespace hk::central {
namespace {

bool is_tracking_number(std::string_view text) {
    return text.size() == 12 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Answer CentralService::file_application(std::string_view kiosk_id,
                                        const std::optional<std::string>& idempotency_key,
                                        std::string_view body) {
    return idempotent<ApplicationRequest>(kiosk_id, idempotency_key, body, &decode_application_request,
                                          &CentralService::file);
}

Answer CentralService::file(const Transaction& tx, std::string_view kiosk_id,
                            const ApplicationRequest& request) {
    const CatalogueService* service = catalogue_.find(request.service_id);
    if (service == nullptr || service->kind != ServiceKind::Application) {
        return error_answer(unprocessable("service_id is not an application service"));
    }
    if (!service->available_here)
        return error_answer(unprocessable("this application is filed only at a station"));
    if (request.agent && !service->allows_agent) {
        return error_answer(unprocessable("this application is filed only by the applicant in person"));
    }
    const std::optional<Person> subject = find_person(tx, request.subject);
    if (!subject) return error_answer(unprocessable("no registration record for the subject"));

    const std::string today = clock_.today();
    FiledApplication filed;
    filed.application.tracking_number =
        store_.next_tracking_number(tx, today.substr(0, 4) + today.substr(5, 2));
    filed.application.id_number = subject->id_number;
    filed.application.service_id = request.service_id;
    filed.application.state = "received";
    filed.application.updated_on = today;
    filed.kiosk_id = std::string(kiosk_id);
    if (request.agent) {
        filed.agent_id_number = request.agent->id_number.empty()
                                    ? "passport:" + request.agent->document_number
                                    : request.agent->id_number;
    }
    for (const Attachment& attachment : request.attachments) {
        filed.attachments.push_back({attachment.document_index, attachment.mime, attachment.bytes,
                                     attachment.ocr_text, attachment.reading_json});
    }
    store_.insert_application(tx, filed);

    nlohmann::ordered_json json;
    json["tracking_number"] = filed.application.tracking_number;
    json["expected_working_days"] = service->expected_working_days;
    return json_answer(201, json);
}

Answer CentralService::application_status(std::string_view tracking_number) {
    if (!is_tracking_number(tracking_number))
        return error_answer(bad_request("tracking number must be 12 digits"));
    Transaction tx = store_.begin();
    const std::optional<Application> application = store_.application(tx, tracking_number);
    if (!application) return error_answer(not_found("no application with this tracking number"));
    nlohmann::ordered_json json;
    json["tracking_number"] = application->tracking_number;
    json["state"] = application->state;
    json["updated_on"] = application->updated_on;
    return json_answer(200, json);
}

}  // namespace hk::central
